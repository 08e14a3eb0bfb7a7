import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { registry } from '../support/registry.js';

/** The store as one process uses it, counting the calls of the loops that must run once. */
function countedStore(store: Store) {
  const calls = { viewScans: 0, webhookRounds: 0 };
  const sut = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'scanViewless') calls.viewScans += 1;
        if (prop === 'listWebhooks' && 'dueBy' in (args[0] as object)) calls.webhookRounds += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: sut, calls };
}

describe.each(BACKENDS)('loops of several server processes on one $name store', (backend) => {
  const store = storePerTest(backend);

  it('the views loop and webhook delivery run in one process, not in each', async () => {
    const processes = await Promise.all(
      ['first', 'second', 'third'].map(async (owner) => {
        const counted = countedStore(store());
        const deps = { ...(await registry(store())), store: counted.store };
        const app: App = await buildApp(deps, {
          http: {
            jwtSecret: 'a-test-secret-that-is-long-enough-0123',
            rateLimit: 0,
            logLevel: 'silent',
          },
          logger: false,
          shared: true,
          jobRunner: { owner },
          views: { intervalMs: 30, batch: 10 },
          webhooks: { intervalMs: 30, timeoutMs: 1000 },
        });
        return { app, calls: counted.calls };
      }),
    );
    try {
      await Promise.all(processes.map((p) => p.app.ready()));
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const scanning = processes.filter((p) => p.calls.viewScans > 0);
      const delivering = processes.filter((p) => p.calls.webhookRounds > 0);
      expect(scanning).toHaveLength(1);
      expect(delivering).toHaveLength(1);
      expect(delivering[0]!.calls.webhookRounds).toBeGreaterThan(3);
    } finally {
      await Promise.all(processes.map((p) => p.app.close()));
    }
  }, 60_000);
});
