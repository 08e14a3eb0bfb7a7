import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { BACKENDS } from '../support/backends.js';
import { registry } from '../support/registry.js';

describe.each(BACKENDS)('request logs on $name', (backend) => {
  it('writes every request line, asynchronously, by the time the server has closed', async () => {
    const opened = await backend.open();
    const dir = await mkdtemp(join(tmpdir(), 'credence-log-'));
    try {
      const file = join(dir, 'server.log');
      const deps = await registry(opened.store);
      const app = await buildApp(deps, {
        http: { jwtSecret: null, rateLimit: 0, logLevel: 'info' },
        logDestination: file,
      });
      const requests = 200;
      for (let i = 0; i < requests; i++) {
        const response = await app.inject({
          url: '/health',
          headers: { 'x-request-id': `log-${i}` },
        });
        expect(response.statusCode).toBeLessThan(500);
      }
      await app.close();
      const lines = (await readFile(file, 'utf8'))
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as { msg: string; reqId?: string });
      const completed = lines.filter((line) => line.msg === 'request completed');
      expect(completed.map((line) => line.reqId)).toEqual(
        Array.from({ length: requests }, (_, i) => `log-${i}`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
      await opened.cleanup();
    }
  });

  it('writes the line of a lone request soon, while the server stays open', async () => {
    const opened = await backend.open();
    const dir = await mkdtemp(join(tmpdir(), 'credence-log-'));
    const file = join(dir, 'server.log');
    const deps = await registry(opened.store);
    const app = await buildApp(deps, {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'info' },
      logDestination: file,
    });
    try {
      await app.inject({ url: '/health', headers: { 'x-request-id': 'lone-1' } });
      // far under the batch size: only the periodic flush writes it
      let text = '';
      for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
        text = await readFile(file, 'utf8').catch(() => '');
        if (text.includes('"reqId":"lone-1"')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(text).toContain('"reqId":"lone-1"');
    } finally {
      await app.close();
      await rm(dir, { recursive: true, force: true });
      await opened.cleanup();
    }
  });
});
