import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { courtRecord, on } from '../support/lists.js';
import { NATIONAL_COURT, PERSON } from '../support/registry.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Entry {
  id: string;
  state: string;
  noticeEnds: string | null;
  effectiveFrom: string | null;
  noticeWorkingDaysLeft: number | null;
  subject: { name: string; identifiers: Array<{ value: string; masked: boolean }> };
}
interface ErrorReply {
  error: { code: string; field?: string };
}

const LIST = 'dishonest_judgment_debtors';
const MASKED = `${PERSON.slice(0, 6)}************`;

describe.each(BACKENDS)('list and measure routes on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST', url: string, key?: string, payload?: object) =>
    world.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });

  /** a court record about the person, submitted by the court's clerk, and its proposal */
  async function proposed(): Promise<Entry> {
    world = await apiWorld(store());
    const clerk = await createAccount(
      world.deps,
      { name: 'court clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    const submitted = await call('POST', '/v1/records', clerk.apiKey, courtRecord());
    expect(submitted.statusCode, submitted.body).toBe(201);
    const res = await call('POST', '/v1/list-entries', world.keys.decider, {
      subject: PERSON,
      list: LIST,
      reason: '有履行能力而拒不履行',
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<Entry>(res);
  }

  it('takes a proposal through notice and the subject’s waiver to an effective entry', async () => {
    const entry = await proposed();
    const noticed = await call('POST', `/v1/list-entries/${entry.id}/notice`, world.keys.decider, {
      reason: '告知拟列入',
    });
    expect(json<Entry>(noticed)).toMatchObject({
      state: 'noticed',
      noticeEnds: expect.any(String),
    });
    const early = await call('POST', `/v1/list-entries/${entry.id}/decision`, world.keys.decider, {
      reason: '决定',
    });
    expect(early.statusCode).toBe(409);
    expect(json<ErrorReply>(early).error.code).toBe('LIST_NOTICE_PERIOD_OPEN');
    const waived = await call('POST', `/v1/list-entries/${entry.id}/waiver`, world.personKey, {
      reason: '放弃陈述申辩',
    });
    expect(waived.statusCode, waived.body).toBe(200);
    const decided = await call(
      'POST',
      `/v1/list-entries/${entry.id}/decision`,
      world.keys.decider,
      { reason: '决定列入' },
    );
    expect(json<Entry>(decided)).toMatchObject({ state: 'effective', effectiveFrom: '2026-06-15' });

    const history = json<{ history: Array<{ kind: string; actor: string }> }>(
      await call('GET', `/v1/list-entries/${entry.id}`, world.personKey),
    ).history;
    expect(history.map((t) => t.kind)).toEqual(['propose', 'notice', 'notice', 'decide']);

    const listing = await call('GET', `/v1/lists/${LIST}/entries`);
    const items = json<{ items: Array<{ subject: { identifiers: Array<{ value: string }> } }> }>(
      listing,
    ).items;
    expect(items).toHaveLength(1);
    expect(items[0]?.subject.identifiers[0]?.value).toBe(`${PERSON.slice(0, 6)}************`);
    expect(listing.body).not.toContain(PERSON);
  });

  it('lets only a decider of the owning domain decide, and no other subject see the entry', async () => {
    const entry = await proposed();
    const regulator = await createAccount(
      world.deps,
      {
        name: 'market officer',
        role: 'decider',
        authority: (await world.deps.store.listAuthorities()).find((a) =>
          a.domains.includes('market'),
        )!.id,
      },
      'test',
    );
    const res = await call('POST', `/v1/list-entries/${entry.id}/notice`, regulator.apiKey, {
      reason: 'x',
    });
    expect(res.statusCode).toBe(403);
    expect(json<ErrorReply>(res).error.code).toBe('LIST_AUTHORITY_FORBIDDEN');
    const stranger = await call('GET', `/v1/list-entries/${entry.id}`, world.keys.subject);
    expect(json<ErrorReply>(stranger).error.code).toBe('LIST_ENTRY_NOT_FOUND');
  });

  it('answers a proposal about a person outside the proposer’s regions as about a number no one carries', async () => {
    world = await apiWorld(store());
    const clerk = await createAccount(
      world.deps,
      { name: 'court clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    // three Guangzhou persons: one with an unlisted court record, one without, one not on file
    expect((await call('POST', '/v1/records', clerk.apiKey, courtRecord())).statusCode).toBe(201);
    const clean = makeRic('440113', '1986-04-04', 21);
    await registerSubject(world.deps, { subject_identifier: clean, subject_name: '李四' }, 'test');
    const absent = makeRic('440113', '1987-05-05', 23);
    // the Beijing market regulator's furnisher may propose only in Beijing
    const answers = [];
    for (const person of [PERSON, clean, absent]) {
      const res = await call('POST', '/v1/list-entries', world.keys.furnisher, {
        subject: person,
        list: LIST,
        reason: '拟列入',
      });
      const { code, field } = json<ErrorReply>(res).error;
      answers.push([res.statusCode, code, field]);
    }
    expect(answers).toEqual([
      [404, 'SUBJECT_NOT_FOUND', 'identifier'],
      [404, 'SUBJECT_NOT_FOUND', 'identifier'],
      [404, 'SUBJECT_NOT_FOUND', 'identifier'],
    ]);
    expect(await world.deps.store.findListEntries({}, 10)).toEqual([]);
  });

  it('refuses a proposal about an organization outside the proposer’s regions before reading its records', async () => {
    world = await apiWorld(store());
    // a Guangzhou firm with no record: the criteria must not be what answers a Beijing proposer
    const firm = makeUscc('91440113', 'MA5G0001');
    await registerSubject(
      world.deps,
      { subject_identifier: firm, subject_name: '广州某公司' },
      'test',
    );
    const res = await call('POST', '/v1/list-entries', world.keys.furnisher, {
      subject: firm,
      list: LIST,
      reason: '拟列入',
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(json<ErrorReply>(res).error.code).toBe('LIST_AUTHORITY_FORBIDDEN');
  });

  it('answers measure checks, single and batch, and carries every change in the feed', async () => {
    const entry = await proposed();
    await call('POST', `/v1/list-entries/${entry.id}/notice`, world.keys.decider, { reason: 'x' });
    await call('POST', `/v1/list-entries/${entry.id}/waiver`, world.personKey, { reason: 'x' });
    await call('POST', `/v1/list-entries/${entry.id}/decision`, world.keys.decider, {
      reason: 'x',
    });

    const check = await call('POST', '/v1/checks', world.keys.implementer, {
      identifier: PERSON,
      action: 'rail.g_train_ticket',
    });
    expect(check.statusCode, check.body).toBe(200);
    const result = json<{ decision: string; reasons: Array<{ entry: { id: string } }> }>(check);
    expect(result.decision).toBe('deny');
    expect(result.reasons[0]?.entry.id).toBe(entry.id);

    const batch = await call('POST', '/v1/checks/batch', world.keys.implementer, {
      checks: [
        { identifier: PERSON, action: 'rail.g_train_ticket', date: '2026-06-14' },
        { identifier: PERSON, action: 'no.such.action' },
      ],
    });
    const results = json<{ results: Array<{ decision?: string; error?: { code: string } }> }>(
      batch,
    ).results;
    expect(results.map((r) => r.decision ?? r.error?.code)).toEqual([
      'allow',
      'MEASURE_ACTION_UNKNOWN',
    ]);

    const first = json<{ items: Array<{ seq: number; kind: string }>; next: string }>(
      await call('GET', '/v1/feed?limit=2', world.keys.implementer),
    );
    expect(first.items.map((c) => c.kind)).toEqual(['propose', 'notice']);
    const rest = json<{ items: Array<{ seq: number; kind: string }>; next: string }>(
      await call('GET', `/v1/feed?limit=100&cursor=${first.next}`, world.keys.implementer),
    );
    expect(rest.items.map((c) => c.kind)).toEqual(['notice', 'decide']);
    expect(rest.items[0]?.seq).toBe((first.items[1]?.seq ?? 0) + 1);
    const empty = json<{ items: unknown[]; next: string }>(
      await call('GET', `/v1/feed?cursor=${rest.next}`, world.keys.implementer),
    );
    expect(empty).toEqual({ items: [], next: rest.next });
  });

  it('pages the officers’ entry list by state', async () => {
    await proposed();
    const res = json<{ items: Entry[]; next: string | null }>(
      await call('GET', '/v1/list-entries?state=proposed&limit=1', world.keys.decider),
    );
    expect(res.items.map((e) => e.state)).toEqual(['proposed']);
    const after = json<{ items: Entry[] }>(
      await call('GET', `/v1/list-entries?state=proposed&cursor=${res.next}`, world.keys.decider),
    );
    expect(after.items).toEqual([]);
    const bad = await call('GET', '/v1/list-entries?cursor=not-a-cursor', world.keys.decider);
    expect(json<ErrorReply>(bad).error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'query.cursor',
    });
    // an empty filter is not a missing one: it would answer with every list
    const empty = await call('GET', '/v1/list-entries?list=', world.keys.decider);
    expect(json<ErrorReply>(empty).error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'query.list',
    });
  });

  it('counts the notice period’s working days left by the official calendar, and names the subject masked', async () => {
    const entry = await proposed();
    expect(entry).toMatchObject({
      noticeWorkingDaysLeft: null,
      subject: { name: '张三', identifiers: [{ value: MASKED, masked: true }] },
    });
    await call('POST', `/v1/list-entries/${entry.id}/notice`, world.keys.decider, { reason: 'x' });
    const noticed = async (app = world.app) =>
      json<{ items: Entry[] }>(
        await app.inject({
          method: 'GET',
          url: '/v1/list-entries?state=noticed',
          headers: auth(world.keys.decider),
        }),
      ).items;
    // notice on Monday 2026-06-15 ends Thursday 06-18: the Dragon Boat Festival (06-19) is a holiday
    expect(await noticed()).toMatchObject([{ noticeEnds: '2026-06-18', noticeWorkingDaysLeft: 3 }]);
    expect(JSON.stringify(await noticed())).not.toContain(PERSON);
    for (const [date, left] of [
      ['2026-06-18', 0],
      ['2026-06-22', null],
    ] as const) {
      const later = await buildApp(on(world.deps, date), {
        http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
        logger: false,
        webhooks: false,
      });
      try {
        expect((await noticed(later))[0]?.noticeWorkingDaysLeft).toBe(left);
      } finally {
        await later.close();
      }
    }
    // the subject sees its own identifier in full, and no count once it has waived the period
    const waived = await call('POST', `/v1/list-entries/${entry.id}/waiver`, world.personKey, {
      reason: '放弃',
    });
    expect(json<Entry>(waived)).toMatchObject({
      noticeWorkingDaysLeft: null,
      subject: { identifiers: [{ value: PERSON, masked: false }] },
    });
    const officer = json<{ entry: Entry }>(
      await call('GET', `/v1/list-entries/${entry.id}`, world.keys.decider),
    ).entry;
    expect(officer.subject.identifiers[0]?.value).toBe(MASKED);
  });
});
