import { afterEach, describe, expect, it } from 'vitest';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { buildApp } from '../../src/http/app.js';
import { PublicViewSchema } from '../../src/http/routes/subjects.js';
import { publicView, viewStamp } from '../../src/services/disclosure/public-view.service.js';
import { subjectKey } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  firmRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
} from '../support/lists.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { BEIJING_FIRM, penalty, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

/** what the route's zod serializer would write for a view object */
const serialize = serializerCompiler({
  schema: PublicViewSchema,
  method: 'GET',
  url: '/v1/subjects/:identifier',
});

describe.each(BACKENDS)('the public view route on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const get = (identifier: string, query = '') =>
    world.app.inject({ method: 'GET', url: `/v1/subjects/${identifier}${query}` });

  it('answers, computed and then saved, byte for byte the JSON its schema describes', async () => {
    world = await apiWorld(store());
    await registerListAuthorities(world.deps);
    // listed in May: effective today, with the list type's legal basis
    await listThroughDecision(
      on(world.deps, '2026-04-01'),
      firmRecord('wage_arrears', {
        authority: BEIJING_LABOUR,
        source_ref: 'W-1',
        decision_date: '2026-03-20',
        amount: '300000',
        workers_affected: 12,
      }),
      'wage_arrears_dishonest',
      BEIJING_LABOUR,
    );
    expect((await submit(world)).statusCode).toBe(201);
    for (const identifier of [BEIJING_FIRM, PERSON]) {
      const expected = serialize(await publicView(world.deps, identifier));
      // a person is found by the number together with the name
      const name = identifier === PERSON ? `?name=${encodeURIComponent('张三')}` : '';
      const computed = await get(identifier, name);
      const saved = await get(identifier, name);
      expect(computed.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(computed.body).toBe(expected);
      expect(saved.body).toBe(expected);
      expect(saved.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    const view = json<{ records: unknown[]; listEntries: Array<{ legalBasis: unknown[] }> }>(
      await get(BEIJING_FIRM),
    );
    expect(view.records.length).toBeGreaterThan(0);
    expect(view.listEntries[0]?.legalBasis.length).toBeGreaterThan(0);
  });

  it('shows a rename at once', async () => {
    world = await apiWorld(store());
    expect(json<{ subject: { name: string } }>(await get(BEIJING_FIRM)).subject.name).toBe(
      '北京测试科技有限公司',
    );
    const renamed = await world.app.inject({
      method: 'POST',
      url: `/v1/subjects/${BEIJING_FIRM}/names`,
      headers: auth(world.keys.operator),
      payload: { name: '北京星河云图科技有限公司' },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const view = json<{ subject: { name: string; names: Array<{ name: string }> } }>(
      await get(BEIJING_FIRM),
    );
    expect(view.subject.name).toBe('北京星河云图科技有限公司');
    expect(view.subject.names.map((n) => n.name)).toEqual([
      '北京测试科技有限公司',
      '北京星河云图科技有限公司',
    ]);
  });

  it('shows an objection filed and answered at once', async () => {
    world = await apiWorld(store());
    const { recordId } = json<{ recordId: string }>(await submit(world));
    const disputed = async () =>
      json<{ records: Array<{ disputed: boolean }> }>(await get(BEIJING_FIRM)).records.map(
        (r) => r.disputed,
      );
    expect(await disputed()).toEqual([false]);
    const filed = await world.app.inject({
      method: 'POST',
      url: '/v1/objections',
      headers: auth(world.keys.subject),
      payload: { item: 'record', itemId: recordId, grounds: '罚款金额有误' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(await disputed()).toEqual([true]);
    const answered = await world.app.inject({
      method: 'POST',
      url: `/v1/objections/${json<{ id: string }>(filed).id}/answer`,
      headers: auth(world.keys.furnisher),
      payload: { outcome: 'rejected', reasons: '金额无误' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(await disputed()).toEqual([false]);
  });

  it('computes a view as of another date live and saves none; an unknown subject is a 404', async () => {
    world = await apiWorld(store());
    await submit(world);
    const past = await get(BEIJING_FIRM, '?asOf=2026-01-01');
    expect(past.body).toBe(serialize(await publicView(world.deps, BEIJING_FIRM, '2026-01-01')));
    expect(json<{ asOf: string }>(past).asOf).toBe('2026-01-01');
    const key = subjectKey(world.deps, BEIJING_FIRM);
    expect(await world.deps.store.readPublicView(key, viewStamp(world.deps))).toBeNull();
    const missing = await get(makeUscc('91110000', 'MA00NXN1'));
    expect(missing.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(missing).error.code).toBe('SUBJECT_NOT_FOUND');
  });

  it('publishes nothing again as of a past date that has left public view since', async () => {
    world = await apiWorld(store());
    // a penalty of May 2025 (public a year, so no longer) and one of March, revoked today
    const lapsed = penalty({ source_ref: 'P-2025', decision_date: '2025-05-01' });
    await submitRecord(on(world.deps, '2025-05-01'), lapsed, 'test');
    const { recordId } = await submitRecord(on(world.deps, '2026-03-01'), penalty(), 'test');
    const revoked = await world.app.inject({
      method: 'POST',
      url: `/v1/records/${recordId}/revocation`,
      headers: auth(world.keys.furnisher),
      payload: { reason: '处罚决定已被撤销' },
    });
    expect(revoked.statusCode, revoked.body).toBe(201);
    expect(json<{ records: unknown[] }>(await get(BEIJING_FIRM)).records).toEqual([]);
    const past = await get(BEIJING_FIRM, '?asOf=2026-03-15');
    expect(past.statusCode, past.body).toBe(200);
    expect(json<{ records: unknown[] }>(past).records).toEqual([]);
  });

  it('keeps the views current in the background while it serves, and stops on close', async () => {
    world = await apiWorld(store());
    const app = await buildApp(world.deps, {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
      logger: false,
      webhooks: false,
      views: { intervalMs: 60_000, batch: 1 },
    });
    await app.ready();
    const keys = [BEIJING_FIRM, PERSON].map((id) => subjectKey(world.deps, id));
    const saved = () =>
      Promise.all(keys.map((k) => world.deps.store.readPublicView(k, viewStamp(world.deps))));
    for (let tries = 0; tries < 100 && (await saved()).includes(null); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await app.close();
    const expected = await Promise.all(
      [BEIJING_FIRM, PERSON].map(async (id) => serialize(await publicView(world.deps, id))),
    );
    expect(await saved()).toEqual(expected);
  });
});
