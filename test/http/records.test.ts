import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/http/problem.js';
import { ERRORS } from '../../src/errors.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, NATIONAL_COURT, SHANGHAI_FIRM, penalty } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Outcome {
  line: number;
  status: string;
  recordId?: string;
  problems?: Array<{ field: string; code: string }>;
}
/** the API's error body, as src/http/problem.ts gives it */
type ErrorReply = ErrorBody;

describe.each(BACKENDS)('record routes on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const post = (url: string, payload: object, key = world.keys.furnisher) =>
    world.app.inject({ method: 'POST', url, headers: auth(key), payload });

  it('creates a record once; the same submission again changes nothing', async () => {
    world = await apiWorld(store());
    const first = await post('/v1/records', penalty());
    expect(first.statusCode).toBe(201);
    expect(json<Outcome>(first).status).toBe('created');
    const again = await post('/v1/records', penalty());
    expect(again.statusCode).toBe(200);
    expect(json<Outcome>(again)).toMatchObject({
      status: 'unchanged',
      recordId: json<Outcome>(first).recordId,
    });
  });

  it('names the field and the rule of a bad submission, and stores nothing', async () => {
    world = await apiWorld(store());
    const before = await world.deps.store.counts();
    const res = await post('/v1/records', penalty({ subject_identifier: '91110000600037341N' }));
    expect(res.statusCode).toBe(400);
    expect(json<ErrorReply>(res).error).toMatchObject({
      code: 'USCC_CHECKSUM',
      field: 'subject_identifier',
    });
    expect(await world.deps.store.counts()).toEqual(before);
  });

  it('refuses a list or a boolean in a record’s own columns instead of reading it as text', async () => {
    world = await apiWorld(store());
    const before = await world.deps.store.counts();
    const res = await post(
      '/v1/records',
      penalty({ type: ['admin_penalty'], legal_basis: true, decision_date: ['2026-03-01'] }),
    );
    expect(res.statusCode).toBe(400);
    const { error } = json<ErrorReply>(res);
    expect(error.problems).toEqual([
      'type: FIELD_TYPE: type is a list, not text',
      'legal_basis: FIELD_TYPE: legal_basis is a boolean, not text',
      'decision_date: FIELD_TYPE: decision_date is a list, not text',
    ]);
    expect(await world.deps.store.counts()).toEqual(before);
  });

  it('lists each problem with its rule in Chinese as well, in the same order (issue 18)', async () => {
    world = await apiWorld(store());
    const res = await post(
      '/v1/records',
      penalty({ subject_identifier: '91110000600037341N', decision_date: '2026-02-30' }),
    );
    expect(res.statusCode).toBe(400);
    const { error } = json<ErrorReply>(res);
    expect(error.ruleZh).toBe(ERRORS.USCC_CHECKSUM.zh);
    expect(error.problems).toHaveLength(2);
    expect(error.problemsZh).toEqual([
      `subject_identifier: USCC_CHECKSUM: ${ERRORS.USCC_CHECKSUM.zh}`,
      `decision_date: DATE_INVALID: ${ERRORS.DATE_INVALID.zh}`,
    ]);
  });

  it('writes only for the account’s authority and inside its regions', async () => {
    world = await apiWorld(store());
    const other = await post('/v1/records', penalty({ authority: NATIONAL_COURT }));
    expect(other.statusCode).toBe(403);
    expect(json<ErrorReply>(other).error).toMatchObject({
      code: 'AUTHORITY_MISMATCH',
      field: 'authority',
    });
    // the Beijing regulator's jurisdiction ends at Beijing
    const shanghai = await post(
      '/v1/records',
      penalty({ subject_identifier: SHANGHAI_FIRM, source_ref: 'P-SH' }),
    );
    expect(shanghai.statusCode).toBe(403);
    expect(json<ErrorReply>(shanghai).error.code).toBe('RECORD_REGION_FORBIDDEN');
  });

  it('lands the valid rows of a batch and reports each bad one by position', async () => {
    world = await apiWorld(store());
    const res = await post('/v1/records/batch', {
      records: [
        penalty({ source_ref: 'B-1' }),
        penalty({ source_ref: 'B-2', decision_date: '2026-02-30' }),
        penalty({ source_ref: 'B-3' }),
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = json<{ created: number; rejected: number; rows: Outcome[] }>(res);
    expect(body).toMatchObject({ created: 2, rejected: 1 });
    expect(body.rows[1]).toMatchObject({
      line: 2,
      status: 'rejected',
      problems: [{ field: 'decision_date', code: 'DATE_INVALID' }],
    });
    expect((await world.deps.store.counts()).records).toBe(2);
  });

  it('refuses a batch over the limit before writing anything', async () => {
    world = await apiWorld(store());
    const records = Array.from({ length: 1001 }, (_, i) => penalty({ source_ref: `B-${i}` }));
    const res = await post('/v1/records/batch', { records });
    expect(res.statusCode).toBe(413);
    expect(json<ErrorReply>(res).error).toMatchObject({
      code: 'BATCH_TOO_LARGE',
      field: 'records',
    });
    expect((await world.deps.store.counts()).records).toBe(0);
  });

  it('corrects and revokes a record as new versions; another authority may not', async () => {
    world = await apiWorld(store());
    const created = json<Outcome>(await post('/v1/records', penalty()));
    const read = await world.app.inject({
      method: 'GET',
      url: `/v1/records/${created.recordId}`,
      headers: auth(world.keys.furnisher),
    });
    expect(json<{ version: number }>(read).version).toBe(1);
    const corrected = await post(`/v1/records/${created.recordId}/correction`, {
      reason: '金额笔误',
      set: { fine_amount: '5000.00' },
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const v2 = json<{
      id: string;
      version: number;
      supersedes: string;
      amounts: Array<{ minor: number }>;
    }>(corrected);
    expect(v2).toMatchObject({
      version: 2,
      supersedes: created.recordId,
      amounts: [{ minor: 500_000 }],
    });
    const stale = await post(`/v1/records/${created.recordId}/revocation`, { reason: 'x' });
    expect(json<ErrorReply>(stale).error.code).toBe('RECORD_STALE_VERSION');
    const revoked = await post(`/v1/records/${v2.id}/revocation`, { reason: '撤销处罚决定' });
    expect(json<{ action: string }>(revoked).action).toBe('revoke');
    const view = await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` });
    expect(json<{ records: unknown[] }>(view).records).toEqual([]);
  });

  it('lets no other authority’s furnisher change a record', async () => {
    world = await apiWorld(store());
    const created = json<Outcome>(await post('/v1/records', penalty()));
    const { createAccount } = await import('../../src/services/accounts/accounts.service.js');
    const court = await createAccount(
      world.deps,
      { name: 'court clerk', role: 'furnisher', authority: NATIONAL_COURT },
      'test',
    );
    const res = await post(
      `/v1/records/${created.recordId}/revocation`,
      { reason: 'x' },
      court.apiKey,
    );
    expect(res.statusCode).toBe(403);
    expect(json<ErrorReply>(res).error.code).toBe('AUTHORITY_MISMATCH');
  });
});
