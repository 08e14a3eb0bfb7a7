import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface ErrorReply {
  error: { code: string };
}

/** Screening clients' own limits (issue 19): counted per query, apart from other requests. */
describe.each(BACKENDS)('screening and reconciliation limits on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const batch = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `北京测试${i}科技有限公司` }));
  const screen = (key: string, n: number) =>
    world.app.inject({
      method: 'POST',
      url: '/v1/screening',
      headers: auth(key),
      payload: { queries: batch(n) },
    });
  const reconcile = (key: string | undefined, n: number) =>
    world.app.inject({
      method: 'POST',
      url: '/v1/reconcile',
      headers: { ...auth(key), 'content-type': 'application/json' },
      payload: {
        queries: JSON.stringify(
          Object.fromEntries(batch(n).map((q, i) => [`q${i}`, { query: q.name }])),
        ),
      },
    });

  it('lets an account screen a batch past the request limit, and counts its queries', async () => {
    world = await apiWorld(store(), { rateLimit: 3, screeningQueries: 150 });
    const { inquirer, operator } = world.keys;
    // a batch of 100 is one request of the screening group, not of the account's other requests
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push(
        (await world.app.inject({ method: 'GET', url: '/v1/accounts/me', headers: auth(inquirer) }))
          .statusCode,
      );
    codes.push((await screen(inquirer, 100)).statusCode);
    expect(codes).toEqual([200, 200, 200, 200]);
    // 100 of 150 queries used: 60 more are refused, with the time to wait, and nothing is screened
    const over = await screen(inquirer, 60);
    expect(over.statusCode).toBe(429);
    expect(json<ErrorReply>(over).error.code).toBe('SCREENING_RATE_LIMITED');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await screen(inquirer, 50)).statusCode).toBe(200);
    // reconciliation by the same account draws on the same queries; another account has its own
    const late = await reconcile(inquirer, 1);
    expect(json<ErrorReply>(late).error.code).toBe('SCREENING_RATE_LIMITED');
    expect((await reconcile(operator, 20)).statusCode).toBe(200);
    // the public reconciles under the request limit per address, as before
    expect((await reconcile(undefined, 20)).statusCode).toBe(200);
    for (let i = 0; i < 2; i++) await reconcile(undefined, 1);
    expect(json<ErrorReply>(await reconcile(undefined, 1)).error.code).toBe('RATE_LIMITED');
  });
});
