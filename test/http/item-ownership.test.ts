import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { proposeEntry } from '../../src/services/lists/entries.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { courtRecord } from '../support/lists.js';
import { NATIONAL_COURT, penalty, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

/** A response as a caller can compare two: status and body, the request id and item id left out. */
function shape(res: LightMyRequestResponse, id: string) {
  const { error } = json<{ error: Record<string, unknown> }>(res);
  const rest = { ...error, requestId: undefined };
  return `${res.statusCode} ${JSON.stringify(rest).replaceAll(id, '<id>')}`;
}

const OBLIGATIONS = [
  { id: 'penalty_performed', evidence: ['罚款缴纳凭证'] },
  { id: 'conduct_corrected', evidence: ['整改报告'] },
];

describe.each(BACKENDS)('items a subject names by id, on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const post = (url: string, key: string, payload: object) =>
    world.app.inject({ method: 'POST', url, headers: auth(key), payload });

  /** The firm's published penalty and its open repair; a proposed court-list entry about the person. */
  async function items() {
    world = await apiWorld(store());
    const { recordId } = json<{ recordId: string }>(await submit(world, penalty()));
    // a record's first version carries the record's id
    const version = recordId;
    const repair = json<{ id: string }>(
      await post('/v1/repairs', world.keys.subject, {
        item: 'record',
        itemId: version,
        obligations: OBLIGATIONS,
        commitment: '承诺守法经营',
      }),
    );
    await submitRecord(world.deps, courtRecord(), 'clerk');
    const entry = await proposeEntry(world.deps, {
      identifier: PERSON,
      listType: 'dishonest_judgment_debtors',
      reason: 'x',
      actor: 'judge',
      authorityId: NATIONAL_COURT,
    });
    return { version, repair: repair.id, entry: entry.id };
  }

  it('answers a repair application for another subject’s item exactly as for an absent one', async () => {
    const { version, entry } = await items();
    const apply = (key: string, item: string, itemId: string) =>
      post('/v1/repairs', key, {
        item,
        itemId,
        obligations: OBLIGATIONS,
        commitment: '承诺',
      });
    // the person asks to repair the firm's record (open to repair, with an application open)
    const foreignRecord = await apply(world.personKey, 'record', version);
    const absentRecord = await apply(world.personKey, 'record', 'rv_absent');
    expect(foreignRecord.statusCode).toBe(404);
    expect(shape(foreignRecord, version)).toBe(shape(absentRecord, 'rv_absent'));
    // the firm asks to repair the person's proposed entry (not effective: no repair)
    const foreignEntry = await apply(world.keys.subject, 'list_entry', entry);
    const absentEntry = await apply(world.keys.subject, 'list_entry', 'ent_absent');
    expect(foreignEntry.statusCode).toBe(404);
    expect(shape(foreignEntry, entry)).toBe(shape(absentEntry, 'ent_absent'));
  });

  it('answers an objection to another subject’s item exactly as to an absent one', async () => {
    const { version, repair, entry } = await items();
    const object = (key: string, item: string, itemId: string) =>
      post('/v1/objections', key, { item, itemId, grounds: '信息有误' });
    const cases: Array<[string, string, string]> = [
      ['record', version, 'rv_absent'],
      // a submitted repair: not a refusal, which the answer must not tell
      ['repair', repair, 'rep_absent'],
    ];
    for (const [item, foreign, absent] of cases) {
      const a = await object(world.personKey, item, foreign);
      const b = await object(world.personKey, item, absent);
      expect(a.statusCode, `${item}: ${a.body}`).toBe(404);
      expect(shape(a, foreign)).toBe(shape(b, absent));
    }
    const a = await object(world.keys.subject, 'list_entry', entry);
    const b = await object(world.keys.subject, 'list_entry', 'ent_absent');
    expect(a.statusCode).toBe(404);
    expect(shape(a, entry)).toBe(shape(b, 'ent_absent'));
    const filed = (await world.deps.store.listAudit(0, 1000)).filter((e) =>
      e.action.startsWith('objection.'),
    );
    expect(filed).toEqual([]);
  });
});
