import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { BACKENDS } from '../support/backends.js';
import { registry } from '../support/registry.js';

describe.each(BACKENDS)('shutting the server down on $name', (backend) => {
  it('lets a request in flight finish before the server closes', async () => {
    const opened = await backend.open();
    try {
      const deps = await registry(opened.store);
      const app = await buildApp(deps, {
        http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
        logger: false,
      });
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      // a route that waits until the test lets it answer: the request is in flight meanwhile
      app.get('/held', { config: { access: ['public'] } }, async () => {
        entered();
        await held;
        return { done: true };
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as { port: number };
      const response = fetch(`http://127.0.0.1:${port}/held`).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
      await inside;
      let closed = false;
      const closing = app.close().then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);
      release();
      expect(await response).toEqual({ status: 200, body: { done: true } });
      await closing;
      expect(closed).toBe(true);
    } finally {
      await opened.cleanup();
    }
  });
});
