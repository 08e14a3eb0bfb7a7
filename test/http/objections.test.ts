import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { courtRecord, on } from '../support/lists.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  PERSON,
  penalty,
} from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface Objection {
  id: string;
  state: string;
  answerBy: string;
  rule: string;
  outcomeRef: string | null;
}
interface ErrorReply {
  error: { code: string; field?: string };
}

describe.each(BACKENDS)('objections on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST', url: string, key: string, payload?: object) =>
    world.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });

  async function penaltyObjected(): Promise<{ recordId: string; objection: Objection }> {
    world = await apiWorld(store());
    const { recordId } = json<{ recordId: string }>(await submit(world, penalty()));
    const res = await call('POST', '/v1/objections', world.keys.subject, {
      item: 'record',
      itemId: recordId,
      grounds: '罚款金额有误，应为5000元',
      documents: ['缴款凭证 No. 2026-118'],
    });
    expect(res.statusCode, res.body).toBe(201);
    return { recordId, objection: json<Objection>(res) };
  }

  it('flags the item while open and, upheld, corrects it as a new version that names the objection', async () => {
    const { recordId, objection } = await penaltyObjected();
    // an administrative record takes the default rule: 15 days from 2026-06-15
    expect(objection).toMatchObject({
      state: 'open',
      rule: 'administrative_reconsideration',
      answerBy: '2026-06-30',
    });
    const again = await call('POST', '/v1/objections', world.keys.subject, {
      item: 'record',
      itemId: recordId,
      grounds: 'x',
    });
    expect(json<ErrorReply>(again).error.code).toBe('OBJECTION_ALREADY_OPEN');

    const flag = async () =>
      json<{ records: Array<{ disputed: boolean }> }>(
        await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` }),
      ).records.map((r) => r.disputed);
    expect(await flag()).toEqual([true]);
    // officers reading the full file see the flag too
    const officerFlag = async () =>
      json<{ items: Array<{ disputed: boolean }> }>(
        await call(
          'GET',
          `/v1/subjects/${BEIJING_FIRM}/file?purpose=supervision`,
          world.keys.operator,
        ),
      ).items.map((i) => i.disputed);
    expect(await officerFlag()).toEqual([true]);
    const answered = await call(
      'POST',
      `/v1/objections/${objection.id}/answer`,
      world.keys.furnisher,
      {
        outcome: 'upheld',
        reasons: '核实无误，予以更正',
        correction: { fine_amount: '5000.00' },
      },
    );
    expect(answered.statusCode, answered.body).toBe(200);
    const upheld = json<Objection>(answered);
    expect(upheld).toMatchObject({ state: 'upheld', outcomeRef: expect.stringMatching(/^rec_/) });
    const next = await world.deps.store.getRecordVersion(upheld.outcomeRef!);
    expect(next).toMatchObject({
      version: 2,
      supersedes: recordId,
      action: 'correct',
      reason: expect.stringContaining(objection.id),
    });
    expect(await flag()).toEqual([false]);
    expect(await officerFlag()).toEqual([false]);
    expect(await world.deps.store.getRecordVersion(recordId)).toMatchObject({ version: 1 });
    const list = json<{ items: Array<{ state: string; overdue: boolean }> }>(
      await call('GET', `/v1/subjects/${BEIJING_FIRM}/objections`, world.keys.subject),
    );
    expect(list.items.map((o) => [o.state, o.overdue])).toEqual([['upheld', false]]);
    const twice = await call(
      'POST',
      `/v1/objections/${objection.id}/answer`,
      world.keys.furnisher,
      { outcome: 'rejected', reasons: 'x' },
    );
    expect(json<ErrorReply>(twice).error.code).toBe('OBJECTION_CLOSED');
  });

  it('rejects with reasons, leaving the record as it was; only the record’s authority answers', async () => {
    const { recordId, objection } = await penaltyObjected();
    const court = await createAccount(
      world.deps,
      { name: 'court', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    const foreign = await call('POST', `/v1/objections/${objection.id}/answer`, court.apiKey, {
      outcome: 'rejected',
      reasons: 'x',
    });
    expect(foreign.statusCode).toBe(403);
    const rejected = await call(
      'POST',
      `/v1/objections/${objection.id}/answer`,
      world.keys.furnisher,
      { outcome: 'rejected', reasons: '处罚决定书载明金额无误' },
    );
    expect(json<Objection>(rejected)).toMatchObject({ state: 'rejected', outcomeRef: null });
    const versions = await world.deps.store.listRecordVersions(
      (await world.deps.store.getRecordVersion(recordId))!.subjectId,
    );
    expect(versions).toHaveLength(1);
    const reconsider = await call('POST', '/v1/objections', world.keys.subject, {
      item: 'record',
      itemId: recordId,
      grounds: '请求复核',
      reconsiders: objection.id,
    });
    expect(reconsider.statusCode, reconsider.body).toBe(201);
  });

  it('queues open objections by answer date, marking the one past it overdue', async () => {
    const { objection } = await penaltyObjected();
    const later = await buildApp(on(world.deps, '2026-07-01'), {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
      logger: false,
      webhooks: false,
    });
    try {
      const due = await later.inject({
        method: 'GET',
        url: '/v1/objections?overdue=true',
        headers: auth(world.keys.furnisher),
      });
      expect(json<{ items: Objection[] }>(due).items.map((o) => o.id)).toEqual([objection.id]);
      expect(json<{ items: Array<{ overdue: boolean }> }>(due).items[0]?.overdue).toBe(true);
      const court = await createAccount(
        world.deps,
        { name: 'court', role: 'decider', authority: NATIONAL_COURT },
        'test',
      );
      const others = await later.inject({
        method: 'GET',
        url: '/v1/objections',
        headers: auth(court.apiKey),
      });
      expect(json<{ items: Objection[] }>(others).items).toEqual([]);
    } finally {
      await later.close();
    }
    const onTime = await call('GET', '/v1/objections?overdue=true', world.keys.furnisher);
    expect(json<{ items: Objection[] }>(onTime).items).toEqual([]);
    const open = json<{ items: Array<{ id: string; overdue: boolean }> }>(
      await call('GET', '/v1/objections', world.keys.furnisher),
    );
    expect(open.items.map((o) => [o.id, o.overdue])).toEqual([[objection.id, false]]);
  });

  /** a court clerk's record, the decider's proposal on it, and the person's objection to it */
  const objectionToCourtListing = async () => {
    world = await apiWorld(store());
    const clerk = await createAccount(
      world.deps,
      { name: 'clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    await submit(world, courtRecord(), clerk.apiKey);
    const entry = json<{ id: string }>(
      await call('POST', '/v1/list-entries', world.keys.decider, {
        subject: PERSON,
        list: 'dishonest_judgment_debtors',
        reason: 'x',
      }),
    );
    const filed = json<Objection>(
      await call('POST', '/v1/objections', world.personKey, {
        item: 'list_entry',
        itemId: entry.id,
        grounds: '已履行完毕',
      }),
    );
    return { clerk, entry, filed };
  };

  it('ends a court-list designation when an objection to it is upheld, within the court list’s deadline', async () => {
    const { entry, filed } = await objectionToCourtListing();
    expect(filed).toMatchObject({ rule: 'court_list', answerBy: '2026-06-30' });
    const upheld = await call('POST', `/v1/objections/${filed.id}/answer`, world.keys.decider, {
      outcome: 'upheld',
      reasons: '核实已履行',
    });
    expect(json<Objection>(upheld).state).toBe('upheld');
    expect(await world.deps.store.getListEntry(entry.id)).toMatchObject({ state: 'rejected' });
    const stranger = await call('POST', '/v1/objections', world.keys.subject, {
      item: 'list_entry',
      itemId: entry.id,
      grounds: 'x',
    });
    // to another subject, the entry does not exist
    expect(json<ErrorReply>(stranger).error.code).toBe('LIST_ENTRY_NOT_FOUND');
  });

  it('takes the answer to an objection to a list entry only from the list’s deciding authority, rejecting as upholding', async () => {
    const { clerk, entry, filed } = await objectionToCourtListing();
    // the Beijing market regulator's decider has no say over the court's list
    const regulator = await createAccount(
      world.deps,
      { name: 'regulator', role: 'decider', authority: BEIJING_MARKET },
      'test',
    );
    for (const outcome of ['rejected', 'upheld']) {
      const foreign = await call('POST', `/v1/objections/${filed.id}/answer`, regulator.apiKey, {
        outcome,
        reasons: '驳回',
      });
      expect(foreign.statusCode, foreign.body).toBe(403);
      expect(json<ErrorReply>(foreign).error.code).toBe('LIST_AUTHORITY_FORBIDDEN');
    }
    // nor does the court's own clerk: a furnisher proposes entries, a decider ends them
    for (const outcome of ['rejected', 'upheld']) {
      const clerks = await call('POST', `/v1/objections/${filed.id}/answer`, clerk.apiKey, {
        outcome,
        reasons: '已核实',
      });
      expect(clerks.statusCode, clerks.body).toBe(403);
      expect(json<ErrorReply>(clerks).error.code).toBe('ROLE_FORBIDDEN');
    }
    expect(await world.deps.store.getListEntry(entry.id)).toMatchObject({ state: 'proposed' });
    expect(await world.deps.store.getObjection(filed.id)).toMatchObject({ state: 'open' });
    const rejected = await call('POST', `/v1/objections/${filed.id}/answer`, world.keys.decider, {
      outcome: 'rejected',
      reasons: '未提交履行凭证',
    });
    expect(json<Objection>(rejected).state).toBe('rejected');
  });

  it('takes the answer to an objection to the platform’s refusal of a repair only from the operator', async () => {
    world = await apiWorld(store());
    const { recordId } = json<{ recordId: string }>(await submit(world, penalty()));
    const repair = json<{ id: string }>(
      await call('POST', '/v1/repairs', world.keys.subject, {
        item: 'record',
        itemId: recordId,
        obligations: [
          { id: 'penalty_performed', evidence: ['罚款缴纳凭证 No. 118'] },
          { id: 'conduct_corrected', evidence: ['整改报告'] },
        ],
        commitment: '本单位承诺今后严格遵守产品质量法律法规',
      }),
    );
    const refused = await call('POST', `/v1/repairs/${repair.id}/review`, world.keys.operator, {
      outcome: 'refuse',
      reasons: '材料不全',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const filed = json<Objection>(
      await call('POST', '/v1/objections', world.keys.subject, {
        item: 'repair',
        itemId: repair.id,
        grounds: '材料齐全',
      }),
    );
    for (const key of [world.keys.furnisher, world.keys.decider]) {
      const foreign = await call('POST', `/v1/objections/${filed.id}/answer`, key, {
        outcome: 'upheld',
        reasons: '予以转送',
      });
      expect(foreign.statusCode, foreign.body).toBe(403);
      expect(json<ErrorReply>(foreign).error.code).toBe('AUTHORITY_MISMATCH');
    }
    expect(await world.deps.store.getRepair(repair.id)).toMatchObject({ state: 'refused' });
    expect(await world.deps.store.getObjection(filed.id)).toMatchObject({ state: 'open' });
    const upheld = await call('POST', `/v1/objections/${filed.id}/answer`, world.keys.operator, {
      outcome: 'upheld',
      reasons: '材料齐全，予以转送',
    });
    expect(json<Objection>(upheld).state).toBe('upheld');
    expect(await world.deps.store.getRepair(repair.id)).toMatchObject({ state: 'forwarded' });
  });
});
