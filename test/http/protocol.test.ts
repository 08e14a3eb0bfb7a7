import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { ErrorBody } from '../../src/http/problem.js';
import { ERRORS, type ErrorCode } from '../../src/errors.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { penalty, SHANGHAI_FIRM } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

/** the API's error body, as src/http/problem.ts gives it */
type ErrorReply = ErrorBody;

describe.each(BACKENDS)('the API’s protocol on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('serves the catalog read-only to anyone', async () => {
    world = await apiWorld(store());
    const index = json<{ version: string; sections: Record<string, string[]> }>(
      await world.app.inject({ method: 'GET', url: '/v1/catalog' }),
    );
    expect(index.sections['list-types']).toContain('dishonest_judgment_debtors');
    expect(index.sections.purposes).toContain('loan_approval');
    const entry = json<{ id: string; legalBasis: unknown[] }>(
      await world.app.inject({ method: 'GET', url: '/v1/catalog/record-types/admin_penalty' }),
    );
    expect(entry.id).toBe('admin_penalty');
    expect(entry.legalBasis.length).toBeGreaterThan(0);
    const missing = await world.app.inject({ method: 'GET', url: '/v1/catalog/measures/nope' });
    expect(json<ErrorReply>(missing).error).toMatchObject({
      code: 'CATALOG_ENTRY_NOT_FOUND',
      field: 'id',
    });
    const section = await world.app.inject({ method: 'GET', url: '/v1/catalog/secrets' });
    expect(json<ErrorReply>(section).error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'path.section',
    });
  });

  it('answers every client error with a coded body naming the rule and the request id', async () => {
    world = await apiWorld(store());
    const post = (headers: Record<string, string>, payload: string) =>
      world.app.inject({
        method: 'POST',
        url: '/v1/records',
        headers: { ...auth(world.keys.furnisher), ...headers },
        payload,
      });
    const cases: Array<[Awaited<ReturnType<typeof post>>, number, string]> = [
      [await post({ 'content-type': 'application/json' }, '{"type": '), 400, 'REQUEST_MALFORMED'],
      [await post({ 'content-type': 'application/xml' }, '<record/>'), 415, 'REQUEST_CONTENT_TYPE'],
      [
        await post(
          { 'content-type': 'application/json' },
          JSON.stringify({ facts: 'x'.repeat(1024 * 1024) }),
        ),
        413,
        'REQUEST_TOO_LARGE',
      ],
      [await world.app.inject({ method: 'GET', url: '/v1/nothing/here' }), 404, 'ROUTE_NOT_FOUND'],
      [
        await world.app.inject({
          method: 'GET',
          url: '/v1/accounts/me',
          headers: { authorization: 'Bearer forged.token.here' },
        }),
        401,
        'AUTH_INVALID',
      ],
      [
        await world.app.inject({
          method: 'GET',
          url: '/v1/accounts/me',
          headers: { authorization: 'Basic abc' },
        }),
        401,
        'AUTH_INVALID',
      ],
    ];
    for (const [res, status, code] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      const { error } = json<ErrorReply>(res);
      expect(error).toMatchObject({
        code,
        rule: ERRORS[code as ErrorCode].rule,
        // the same rule in Chinese, for a reader in Chinese (issue 18)
        ruleZh: ERRORS[code as ErrorCode].zh,
        requestId: res.headers['x-request-id'],
      });
      expect(res.body).not.toMatch(/\bat \S+\.(ts|js):\d+|node_modules|\/src\//);
    }
  });

  it('refuses text PostgreSQL cannot store (U+0000, a lone surrogate) in any field', async () => {
    world = await apiWorld(store());
    const before = await world.deps.store.counts();
    for (const bad of ['a\u0000b', 'x\ud800', '\udfffx']) {
      const subject = await world.app.inject({
        method: 'POST',
        url: '/v1/subjects',
        headers: auth(world.keys.operator),
        payload: { subject_identifier: SHANGHAI_FIRM, subject_name: bad },
      });
      const record = await submit(world, penalty({ facts: bad }));
      for (const [res, field] of [
        [subject, 'subject_name'],
        [record, 'facts'],
      ] as const) {
        expect(res.statusCode, res.body).toBe(400);
        expect(json<ErrorReply>(res).error).toMatchObject({ code: 'REQUEST_INVALID', field });
      }
    }
    expect(await world.deps.store.counts()).toEqual(before);
  });

  it('exchanges an API key for a token that works until the account is disabled', async () => {
    world = await apiWorld(store());
    const issued = await world.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(world.keys.furnisher),
    });
    expect(issued.statusCode).toBe(201);
    const { token, expiresAt } = json<{ token: string; expiresAt: string }>(issued);
    expect(expiresAt).toBe('2026-06-15T10:15:00.000Z');
    const me = json<{ id: string; role: string; keyHash?: string }>(
      await world.app.inject({ method: 'GET', url: '/v1/accounts/me', headers: auth(token) }),
    );
    expect(me).toMatchObject({ role: 'furnisher' });
    expect(me.keyHash).toBeUndefined();
    const disabled = await world.app.inject({
      method: 'POST',
      url: `/v1/accounts/${me.id}/disable`,
      headers: auth(world.keys.operator),
    });
    expect(disabled.statusCode).toBe(204);
    for (const credential of [token, world.keys.furnisher]) {
      const res = await world.app.inject({
        method: 'GET',
        url: '/v1/accounts/me',
        headers: auth(credential),
      });
      expect(json<ErrorReply>(res).error.code).toBe('AUTH_INVALID');
    }
  });

  it('creates accounts with keys that are shown once and stored hashed', async () => {
    world = await apiWorld(store());
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: auth(world.keys.operator),
      payload: { name: 'rail desk', role: 'implementer', authority: '11110000MB0000011X' },
    });
    expect(json<ErrorReply>(res).error.code).toBe('AUTHORITY_NOT_FOUND');
    const bad = await world.app.inject({
      method: 'POST',
      url: '/v1/accounts',
      headers: auth(world.keys.operator),
      payload: {
        name: 'a person',
        role: 'subject',
        authority: (await world.deps.store.listAuthorities())[0]!.id,
      },
    });
    expect(json<ErrorReply>(bad).error).toMatchObject({
      code: 'ACCOUNT_INVALID',
      field: 'subject',
    });
    const page = json<{ items: Array<Record<string, unknown>>; next: string | null }>(
      await world.app.inject({
        method: 'GET',
        url: '/v1/accounts?limit=3',
        headers: auth(world.keys.operator),
      }),
    );
    expect(page.items).toHaveLength(3);
    expect(page.next).not.toBeNull();
    const stored = await world.deps.store.listAccounts('', 100);
    expect(stored.every((a) => /^[0-9a-f]{64}$/.test(a.keyHash))).toBe(true);
    const keys = Object.values(world.keys).map((k) => k.split('.')[1]);
    expect(stored.some((a) => keys.includes(a.keyHash))).toBe(false);
  });

  it('limits the requests of each account per minute', async () => {
    world = await apiWorld(store(), { rateLimit: 3 });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        (
          await world.app.inject({
            method: 'GET',
            url: '/v1/accounts/me',
            headers: auth(world.keys.operator),
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    const other = await world.app.inject({
      method: 'GET',
      url: '/v1/accounts/me',
      headers: auth(world.keys.decider),
    });
    expect(other.statusCode).toBe(200);
    const limited = await world.app.inject({
      method: 'GET',
      url: '/v1/accounts/me',
      headers: auth(world.keys.operator),
    });
    expect(json<ErrorReply>(limited).error.code).toBe('RATE_LIMITED');
  });

  it('serves the committed OpenAPI document and the interactive page at /docs', async () => {
    world = await apiWorld(store());
    const served = json(await world.app.inject({ method: 'GET', url: '/docs/json' }));
    const committed = JSON.parse(await readFile(`${PROJECT_ROOT}/docs/openapi.json`, 'utf8'));
    // regenerate with `npm run openapi` when a route changes
    expect(served).toEqual(committed);
    expect((served as { openapi: string }).openapi).toBe('3.1.0');
    const page = await world.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });

  it('counts requests by route pattern in the Prometheus metrics', async () => {
    world = await apiWorld(store());
    await submit(world);
    const metrics = (
      await world.app.inject({ method: 'GET', url: '/metrics', headers: auth(world.keys.operator) })
    ).body;
    expect(metrics).toMatch(
      /credence_http_request_duration_seconds_count\{method="POST",route="\/v1\/records",status="201"\} 1/,
    );
    expect(metrics).toContain('process_cpu_seconds_total');
  });

  it('keeps a caller’s plain request id and replaces anything else', async () => {
    world = await apiWorld(store());
    const kept = await world.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'gateway-42' },
    });
    expect(kept.headers['x-request-id']).toBe('gateway-42');
    const huge = await world.app.inject({
      method: 'GET',
      url: '/health',
      headers: { 'x-request-id': 'x'.repeat(100_000) },
    });
    expect(huge.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
