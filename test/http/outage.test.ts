import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { BEIJING_MARKET, penalty, registry } from '../support/registry.js';
import {
  postgresBinaries,
  throwawayCluster,
  type ThrowawayCluster,
} from '../support/throwaway-postgres.js';

const { bin, reason } = postgresBinaries();
if (!bin) console.log(`store outage tests skipped: ${reason}`);

describe.runIf(bin)('a PostgreSQL outage as the API answers it', () => {
  let cluster: ThrowawayCluster;
  let store: PostgresStore;
  let app: App;
  let key: string;
  const lines: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    cluster = await throwawayCluster(bin!);
    store = await PostgresStore.connect(cluster.url, {
      connectTimeoutMs: 1000,
      statementTimeoutMs: 1500,
    });
    await store.migrate();
    const deps = await registry(store);
    key = (
      await createAccount(
        deps,
        { name: 'furnisher', role: 'furnisher', authority: BEIJING_MARKET },
        'test',
      )
    ).apiKey;
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    app = await buildApp(deps, {
      http: { jwtSecret: 'a-test-secret-that-is-long-enough-0123', rateLimit: 0, logLevel: 'info' },
      logger: { level: 'info', stream },
      webhooks: false,
    });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    cluster?.freeze(false);
    await store?.close().catch(() => undefined);
    cluster?.destroy();
  });

  const post = () =>
    app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: { authorization: `Bearer ${key}` },
      payload: penalty({ source_ref: `P-OUT-${Math.random()}` }),
    });
  const timed = async <T>(work: () => Promise<T>) => {
    const started = Date.now();
    const result = await work();
    return { result, ms: Date.now() - started };
  };
  const errorLines = () => lines.filter((l) => l.level >= 50);

  it('answers 503 STORE_UNAVAILABLE with Retry-After while the database is down, logs it once, and recovers by itself', async () => {
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    cluster.stop();
    const errorsBefore = errorLines().length;
    for (let i = 0; i < 5; i++) {
      const { result: ready, ms } = await timed(() => app.inject({ url: '/ready' }));
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
      expect(ready.headers['retry-after']).toBe('5');
      expect(ms).toBeLessThan(3000);
      const write = await post();
      expect(write.statusCode).toBe(503);
      expect(write.json()).toMatchObject({ error: { code: 'STORE_UNAVAILABLE' } });
    }
    const during = errorLines().slice(errorsBefore);
    expect(during.map((l) => l.msg)).toEqual([
      'store unavailable: requests answer 503 until it is back',
    ]);

    cluster.start();
    let ready = await app.inject({ url: '/ready' });
    for (let i = 0; i < 20 && ready.statusCode !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ready = await app.inject({ url: '/ready' });
    }
    expect(ready.statusCode).toBe(200);
    expect((await post()).statusCode).toBe(201);
    for (let i = 0; i < 20 && !lines.some((l) => l.msg === 'store available again'); i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(lines.filter((l) => l.msg === 'store available again')).toHaveLength(1);
  }, 60_000);

  it('answers REQUEST_TIMEOUT or STORE_UNAVAILABLE in bounded time while the database is hung, never dropping the request', async () => {
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    cluster.freeze(true);
    try {
      for (const request of [() => app.inject({ url: '/ready' }), post]) {
        const { result, ms } = await timed(request);
        expect(result.statusCode).toBe(503);
        expect(['REQUEST_TIMEOUT', 'STORE_UNAVAILABLE']).toContain(result.json().error.code);
        expect(result.headers['retry-after']).toBe('5');
        expect(ms).toBeLessThan(6000);
      }
    } finally {
      cluster.freeze(false);
    }
    let ready = await app.inject({ url: '/ready' });
    for (let i = 0; i < 20 && ready.statusCode !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ready = await app.inject({ url: '/ready' });
    }
    expect(ready.statusCode).toBe(200);
  }, 60_000);
});
