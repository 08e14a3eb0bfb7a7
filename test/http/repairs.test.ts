import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, penalty } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface Repair {
  id: string;
  state: string;
  answerBy: string;
  decideBy: string | null;
  outcomeRef: string | null;
  commitmentRef: string | null;
  dueBy?: string | null;
  overdue?: boolean;
}
interface ErrorReply {
  error: { code: string; field?: string; message: string };
}

describe.each(BACKENDS)('credit repair over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST', url: string, key: string | undefined, payload?: object) =>
    world.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });

  const application = (itemId: string) => ({
    item: 'record',
    itemId,
    obligations: [
      { id: 'penalty_performed', evidence: ['罚款缴纳凭证 No. 118'] },
      { id: 'conduct_corrected', evidence: ['整改报告'] },
    ],
    commitment: '本单位承诺今后严格遵守产品质量法律法规',
  });

  it('takes an application from the subject through the platform to the authority’s approval', async () => {
    world = await apiWorld(store());
    const { recordId } = json<{ recordId: string }>(await submit(world, penalty()));
    const applied = await call('POST', '/v1/repairs', world.keys.subject, application(recordId));
    expect(applied.statusCode, applied.body).toBe(201);
    const repair = json<Repair>(applied);
    expect(repair).toMatchObject({ state: 'submitted', answerBy: '2026-06-30' });

    // a person cannot apply for the firm's record: to it, the record does not exist
    const foreign = await call('POST', '/v1/repairs', world.personKey, application(recordId));
    expect(json<ErrorReply>(foreign).error.code).toBe('RECORD_NOT_FOUND');

    const queue = json<{ items: Repair[] }>(await call('GET', '/v1/repairs', world.keys.furnisher));
    expect(queue.items.map((r) => [r.id, r.dueBy, r.overdue])).toEqual([
      [repair.id, '2026-06-30', false],
    ]);
    const early = await call('POST', `/v1/repairs/${repair.id}/decision`, world.keys.furnisher, {
      outcome: 'approve',
    });
    expect(json<ErrorReply>(early).error.code).toBe('REPAIR_STEP_INVALID');

    const forwarded = await call('POST', `/v1/repairs/${repair.id}/review`, world.keys.operator, {
      outcome: 'forward',
    });
    expect(json<Repair>(forwarded)).toMatchObject({ state: 'forwarded', decideBy: '2026-06-18' });
    const approved = await call('POST', `/v1/repairs/${repair.id}/decision`, world.keys.furnisher, {
      outcome: 'approve',
      reasons: '已履行处罚决定并完成整改',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json<Repair>(approved)).toMatchObject({ state: 'approved' });

    const view = json<{ records: Array<{ type: string }> }>(
      await call('GET', `/v1/subjects/${BEIJING_FIRM}`, undefined),
    );
    expect(view.records.map((r) => r.type)).toEqual(['credit_commitment']);
    const mine = json<{ items: Repair[] }>(
      await call('GET', `/v1/subjects/${BEIJING_FIRM}/repairs`, world.keys.subject),
    );
    expect(mine.items.map((r) => [r.state, r.dueBy])).toEqual([['approved', null]]);
    const report = json<{ repairs: Repair[] }>(
      await call('GET', `/v1/subjects/${BEIJING_FIRM}/report`, world.keys.subject),
    );
    expect(report.repairs.map((r) => r.id)).toEqual([repair.id]);
    const seen = await call('GET', `/v1/repairs/${repair.id}`, world.personKey);
    expect(seen.statusCode).toBe(404);
  });

  it('answers a too-early application with the date it becomes possible, and bad input by field', async () => {
    world = await apiWorld(store());
    const { recordId } = json<{ recordId: string }>(
      await submit(world, penalty({ severity: 'serious' })),
    );
    const early = await call('POST', '/v1/repairs', world.keys.subject, application(recordId));
    expect(early.statusCode).toBe(409);
    expect(json<ErrorReply>(early).error).toMatchObject({
      code: 'REPAIR_TOO_EARLY',
      field: 'itemId',
      message: 'repair can be applied for from 2027-03-01',
      possibleFrom: '2027-03-01',
    });
    const bad = await call('POST', '/v1/repairs', world.keys.subject, {
      ...application(recordId),
      obligations: [{ id: 'penalty_performed', evidence: [] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorReply>(bad).error.field).toBe('obligations.0.evidence');
    const mine = json<{ items: Repair[] }>(
      await call('GET', `/v1/subjects/${BEIJING_FIRM}/repairs`, world.keys.subject),
    );
    expect(mine.items).toEqual([]);
  });
});
