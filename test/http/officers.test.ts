import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { courtRecord } from '../support/lists.js';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { NATIONAL_COURT, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Entry {
  id: string;
  state: string;
  endsOn: string | null;
  removal: string | null;
}
interface ErrorReply {
  error: { code: string; field?: string };
}

/** The routes of the operator and the decider not walked elsewhere: authorities, rejection, extension, removal, run lists. */
describe.each(BACKENDS)('operator and decider routes on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, key?: string, payload?: object) =>
    world.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });

  it('registers an authority for the operator and lists authorities to anyone', async () => {
    world = await apiWorld(store());
    const id = makeUscc('11310000', 'MB000003');
    const bad = await call('PUT', `/v1/authorities/${id}`, world.keys.operator, {
      name: '上海市税务局',
      domains: ['astrology'],
      regions: ['310000'],
      reason: '新设机构',
    });
    expect(json<ErrorReply>(bad).error).toMatchObject({
      code: 'AUTHORITY_INVALID',
      field: 'domains',
    });
    const res = await call('PUT', `/v1/authorities/${id}`, world.keys.operator, {
      name: '上海市税务局',
      domains: ['tax'],
      regions: ['310000'],
      reason: '新设机构',
    });
    expect(res.statusCode, res.body).toBe(200);
    const listed = json<{ items: Array<{ id: string; domains: string[] }> }>(
      await call('GET', '/v1/authorities'),
    );
    expect(listed.items.find((a) => a.id === id)).toMatchObject({ domains: ['tax'] });
  });

  async function noticedEntry(): Promise<Entry> {
    const clerk = await createAccount(
      world.deps,
      { name: 'clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    await call('POST', '/v1/records', clerk.apiKey, courtRecord());
    const proposed = json<Entry>(
      await call('POST', '/v1/list-entries', world.keys.decider, {
        subject: PERSON,
        list: 'dishonest_judgment_debtors',
        reason: 'x',
      }),
    );
    await call('POST', `/v1/list-entries/${proposed.id}/notice`, world.keys.decider, {
      reason: 'x',
    });
    return proposed;
  }

  it('rejects a proposal, after which no decision can follow', async () => {
    world = await apiWorld(store());
    const entry = await noticedEntry();
    const rejected = await call(
      'POST',
      `/v1/list-entries/${entry.id}/rejection`,
      world.keys.decider,
      { reason: '证据不足' },
    );
    expect(json<Entry>(rejected).state).toBe('rejected');
    const after = await call('POST', `/v1/list-entries/${entry.id}/decision`, world.keys.decider, {
      reason: 'x',
    });
    expect(after.statusCode).toBe(409);
    expect(json<ErrorReply>(after).error.code).toBe('LIST_TRANSITION_INVALID');
  });

  it('extends an effective entry once within its bounds, then removes it on performance', async () => {
    world = await apiWorld(store());
    const entry = await noticedEntry();
    await call('POST', `/v1/list-entries/${entry.id}/waiver`, world.personKey, { reason: 'x' });
    const decided = await call(
      'POST',
      `/v1/list-entries/${entry.id}/decision`,
      world.keys.decider,
      {
        reason: 'x',
      },
    );
    const extended = await call(
      'POST',
      `/v1/list-entries/${entry.id}/extension`,
      world.keys.decider,
      { reason: '情节严重', by: 'P1Y' },
    );
    expect(json<Entry>(extended).endsOn).toBe(
      json<Entry>(decided).endsOn?.replace(/^\d{4}/, (y) => String(Number(y) + 1)),
    );
    const again = await call('POST', `/v1/list-entries/${entry.id}/extension`, world.keys.decider, {
      reason: 'x',
      by: 'P1Y',
    });
    expect(json<ErrorReply>(again).error).toMatchObject({
      code: 'LIST_EXTENSION_INVALID',
      field: 'by',
    });
    const badDuration = await call(
      'POST',
      `/v1/list-entries/${entry.id}/extension`,
      world.keys.decider,
      { reason: 'x', by: 'a year' },
    );
    expect(json<ErrorReply>(badDuration).error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'by',
    });
    const removed = await call('POST', `/v1/list-entries/${entry.id}/removal`, world.keys.decider, {
      reason: '已履行',
      removal: 'performed',
    });
    expect(json<Entry>(removed)).toMatchObject({ state: 'removed', removal: 'performed' });
    const check = json<{ decision: string }>(
      await call('POST', '/v1/checks', world.keys.implementer, {
        identifier: PERSON,
        action: 'rail.g_train_ticket',
      }),
    );
    expect(check.decision).toBe('allow');
  });

  it('lists rating runs newest first, by model', async () => {
    world = await apiWorld(store());
    const started = json<{ id: string }>(
      await call('POST', '/v1/rating-runs', world.keys.operator, {
        model: 'city_personal_score',
        draft: true,
      }),
    );
    await world.app.close(); // waits for the run to finish
    world = {
      ...world,
      app: await (
        await import('../../src/http/app.js')
      ).buildApp(world.deps, {
        http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
        logger: false,
        webhooks: false,
      }),
    };
    const runs = json<{
      items: Array<{ id: string; modelId: string; draft: boolean; finishedAt: string | null }>;
    }>(await call('GET', '/v1/rating-runs?model=city_personal_score', world.keys.decider));
    expect(runs.items).toEqual([
      expect.objectContaining({ id: started.id, draft: true, finishedAt: expect.any(String) }),
    ]);
    const none = json<{ items: unknown[] }>(
      await call('GET', '/v1/rating-runs?model=tax_credit_rating', world.keys.decider),
    );
    expect(none.items).toEqual([]);
    // an empty filter is not a missing one: it would answer with every model's runs
    const empty = await call('GET', '/v1/rating-runs?model=', world.keys.decider);
    expect(json<ErrorReply>(empty).error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'query.model',
    });
  });

  it('records a checkpoint and verifies the log against a published one', async () => {
    world = await apiWorld(store());
    const res = await call('POST', '/v1/audit/checkpoints', world.keys.operator);
    expect(res.statusCode).toBe(201);
    const { seq, hash } = json<{ seq: number; hash: string }>(res);
    const ok = json<{ ok: boolean; checkpoints: Array<{ source: string; matches: boolean }> }>(
      await call('GET', `/v1/audit/verification?checkpoint=${seq}:${hash}`, world.keys.operator),
    );
    expect(ok.ok).toBe(true);
    expect(ok.checkpoints.map((c) => `${c.source} ${c.matches}`)).toEqual([
      'given true',
      'recorded true',
    ]);
    const wrong = json<{ ok: boolean }>(
      await call(
        'GET',
        `/v1/audit/verification?checkpoint=${seq}:${'0'.repeat(64)}`,
        world.keys.operator,
      ),
    );
    expect(wrong.ok).toBe(false);
    const bad = await call('GET', '/v1/audit/verification?checkpoint=7:abc', world.keys.operator);
    expect(json<ErrorReply>(bad).error).toMatchObject({
      code: 'CHECKPOINT_INVALID',
      field: 'query.checkpoint',
    });
  });
});
