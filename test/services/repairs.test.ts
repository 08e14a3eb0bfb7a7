import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, addDuration } from '../../src/domain/dates.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { publicView } from '../../src/services/disclosure/public-view.service.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';
import {
  answerObjection,
  fileObjection,
} from '../../src/services/objections/objections.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { subjectFile } from '../../src/services/records/subject-file.service.js';
import {
  applyForRepair,
  decideRepair,
  repairQueue,
  reviewRepair,
  type RepairInput,
} from '../../src/services/repairs/repairs.service.js';
import { BACKENDS } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  chinaCalendar,
  on,
  registerListAuthorities,
  wageArrearsListing,
} from '../support/lists.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  penalty,
  registry,
} from '../support/registry.js';

const reader = (role: Reader['role'], authorityId: string | null = null): Reader => ({
  id: `${role}-1`,
  name: role,
  role,
  authorityId,
  subjectId: null,
});
const platform = reader('operator', BEIJING_MARKET);
const market = reader('furnisher', BEIJING_MARKET);
const PENALTY_DONE = [
  { id: 'penalty_performed', evidence: ['罚款缴纳凭证 No. 118'] },
  { id: 'conduct_corrected', evidence: ['整改报告'] },
];
const PROMISE = '本单位承诺今后严格遵守产品质量法律法规';

describe.each(BACKENDS)('credit repair on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;
  let firm: Reader;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    await registerListAuthorities(sut);
    firm = { ...reader('subject'), subjectId: null };
  });
  afterEach(async () => cleanup());

  /** A penalty (decided 2026-03-01) and an application for it, filed on `date` by the firm itself. */
  async function penaltyApplication(severity: string, date: string) {
    const { recordId, subjectId } = await submitRecord(sut, penalty({ severity }), 'furnisher');
    firm = { ...firm, subjectId };
    const apply = (input: Partial<RepairInput> = {}) =>
      applyForRepair(on(sut, date), firm, {
        item: 'record',
        itemId: recordId,
        obligations: PENALTY_DONE,
        commitment: PROMISE,
        ...input,
      });
    return { recordId, subjectId, apply };
  }

  it('refuses an application before the minimum period, naming the day it becomes possible; nothing is stored', async () => {
    // serious tier: repair after 1 year from the decision date
    const { subjectId, apply } = await penaltyApplication('serious', '2027-02-28');
    await expect(apply()).rejects.toMatchObject({
      code: 'REPAIR_TOO_EARLY',
      message: 'repair can be applied for from 2027-03-01',
      detail: { field: 'itemId', possibleFrom: '2027-03-01' },
    });
    expect(await sut.store.listRepairsOf([subjectId])).toEqual([]);
  });

  it('approved, ends the record’s publication that day, keeps the old version and records the commitment', async () => {
    // general tier: repair after 3 months, from 2026-06-01; published until 2027-03-01
    const { recordId, subjectId, apply } = await penaltyApplication('general', '2026-06-15');
    const applied = await apply();
    expect(applied).toMatchObject({
      state: 'submitted',
      rule: 'administrative_penalty',
      answerBy: chinaCalendar.addWorkingDays('2026-06-15', 10),
      authorityId: BEIJING_MARKET,
    });
    // the Dragon Boat Festival (2026-06-19) is not a working day
    expect(applied.answerBy).toBe('2026-06-30');

    const forwarded = await reviewRepair(on(sut, '2026-06-16'), platform, applied.id, {
      outcome: 'forward',
    });
    expect(forwarded).toMatchObject({ state: 'forwarded', forwardedOn: '2026-06-16' });
    expect(forwarded.decideBy).toBe(chinaCalendar.addWorkingDays('2026-06-16', 3));

    const publicRecords = async (date: string) =>
      (await publicView(on(sut, date), BEIJING_FIRM)).records.map((r) => r.type);
    expect(await publicRecords('2026-06-17')).toEqual(['admin_penalty']);

    const approved = await decideRepair(on(sut, '2026-06-17'), market, applied.id, {
      outcome: 'approve',
    });
    expect(approved).toMatchObject({
      state: 'approved',
      decidedOn: '2026-06-17',
      outcomeRef: expect.stringMatching(/^rec_/),
      commitmentRef: expect.stringMatching(/^rec_/),
    });

    // out of public view that day; still in the subject's own file, as repaired
    expect(await publicRecords('2026-06-17')).toEqual(['credit_commitment']);
    const file = await subjectFile(on(sut, '2026-06-17'), BEIJING_FIRM);
    const repaired = file.items.find((i) => i.current.type === 'admin_penalty');
    expect(repaired).toMatchObject({
      status: 'repaired',
      current: { action: 'repair', version: 2, supersedes: recordId },
    });
    expect(repaired?.current.reason).toContain(applied.id);
    expect(await sut.store.getRecordVersion(recordId)).toMatchObject({
      version: 1,
      action: 'submit',
    });

    const commitment = file.items.find((i) => i.current.type === 'credit_commitment');
    expect(commitment?.current).toMatchObject({
      id: approved.commitmentRef,
      authorityId: BEIJING_MARKET,
      subjectId,
      sourceRef: applied.id,
      fields: { promise: PROMISE, context: 'repair' },
    });
  });

  it('needs every obligation performed with evidence and a commitment, for a repairable published record', async () => {
    const { apply } = await penaltyApplication('general', '2026-06-15');
    await expect(apply({ obligations: [PENALTY_DONE[0]!] })).rejects.toMatchObject({
      code: 'REPAIR_OBLIGATION_UNPERFORMED',
      detail: { field: 'obligations.conduct_corrected' },
    });
    await expect(
      apply({ obligations: [...PENALTY_DONE, { id: 'tax_paid', evidence: ['x'] }] }),
    ).rejects.toMatchObject({ code: 'REPAIR_INVALID', detail: { field: 'obligations.2.id' } });
    await expect(
      apply({ obligations: [{ ...PENALTY_DONE[0]!, evidence: ['  '] }, PENALTY_DONE[1]!] }),
    ).rejects.toMatchObject({ code: 'REPAIR_OBLIGATION_UNPERFORMED' });
    await expect(apply({ commitment: ' ' })).rejects.toMatchObject({
      code: 'REPAIR_INVALID',
      detail: { field: 'commitment' },
    });
    await apply();
    await expect(apply()).rejects.toMatchObject({ code: 'REPAIR_ALREADY_OPEN' });

    // a minor penalty leaves public view by itself: there is nothing to repair
    const minor = await submitRecord(
      sut,
      penalty({ severity: 'minor', source_ref: 'P-minor', penalty_classes: 'warning' }),
      'furnisher',
    );
    await expect(
      applyForRepair(on(sut, '2026-06-15'), firm, {
        item: 'record',
        itemId: minor.recordId,
        obligations: PENALTY_DONE,
        commitment: PROMISE,
      }),
    ).rejects.toMatchObject({ code: 'REPAIR_NOT_AVAILABLE' });
  });

  it('reaches only the subject’s own file and is decided only by the authority that made the item', async () => {
    const { recordId, apply } = await penaltyApplication('general', '2026-06-15');
    const stranger: Reader = { ...reader('subject'), subjectId: 'sub_someone_else' };
    await expect(
      applyForRepair(on(sut, '2026-06-15'), stranger, {
        item: 'record',
        itemId: recordId,
        obligations: PENALTY_DONE,
        commitment: PROMISE,
      }),
    ).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    const applied = await apply();
    await expect(
      decideRepair(sut, market, applied.id, { outcome: 'approve' }),
    ).rejects.toMatchObject({ code: 'REPAIR_STEP_INVALID' });
    await expect(
      reviewRepair(sut, market, applied.id, { outcome: 'forward' }),
    ).rejects.toMatchObject({ code: 'ROLE_FORBIDDEN' });
    await reviewRepair(sut, platform, applied.id, { outcome: 'forward' });
    await expect(
      decideRepair(sut, reader('decider', NATIONAL_COURT), applied.id, { outcome: 'approve' }),
    ).rejects.toMatchObject({ code: 'AUTHORITY_MISMATCH' });
  });

  it('refused with reasons; the refusal can be objected to, and upheld, the repair is approved', async () => {
    const { recordId, apply } = await penaltyApplication('general', '2026-06-15');
    const applied = await apply();
    await reviewRepair(sut, platform, applied.id, { outcome: 'forward' });
    await expect(
      decideRepair(sut, market, applied.id, { outcome: 'refuse', reasons: ' ' }),
    ).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    const refused = await decideRepair(on(sut, '2026-06-16'), market, applied.id, {
      outcome: 'refuse',
      reasons: '整改报告未附现场核查记录',
    });
    expect(refused).toMatchObject({ state: 'refused', reasons: '整改报告未附现场核查记录' });
    const file = await subjectFile(on(sut, '2026-06-16'), BEIJING_FIRM);
    expect(file.items.find((i) => i.recordId === recordId)?.status).toBe('active');

    const objection = await fileObjection(on(sut, '2026-06-17'), firm, {
      item: 'repair',
      itemId: applied.id,
      grounds: '现场核查记录已于申请时一并提交',
    });
    expect(objection).toMatchObject({
      authorityId: BEIJING_MARKET,
      rule: 'administrative_reconsideration',
    });
    const upheld = await answerObjection(on(sut, '2026-06-18'), market, objection.id, {
      outcome: 'upheld',
      reasons: '经复核，材料齐全',
    });
    expect(upheld.outcomeRef).toBe(applied.id);
    const reopened = await sut.store.getRepair(applied.id);
    expect(reopened).toMatchObject({ state: 'approved', decidedOn: '2026-06-18' });
    const after = await subjectFile(on(sut, '2026-06-18'), BEIJING_FIRM);
    expect(after.items.find((i) => i.recordId === recordId)?.status).toBe('repaired');
  });

  it('lists applications past the deadline of their step in the overdue queue', async () => {
    const { apply } = await penaltyApplication('general', '2026-06-15');
    const applied = await apply();
    const queue = async (date: string, overdue: boolean) =>
      (await repairQueue(on(sut, date), { authorityId: BEIJING_MARKET, overdue })).map((r) => [
        r.id,
        r.dueBy,
        r.overdue,
      ]);
    expect(await queue('2026-06-30', false)).toEqual([[applied.id, '2026-06-30', false]]);
    expect(await queue('2026-06-30', true)).toEqual([]);
    expect(await queue('2026-07-01', true)).toEqual([[applied.id, '2026-06-30', true]]);
    // forwarded, the authority's 3 working days count instead
    const forwarded = await reviewRepair(on(sut, '2026-07-01'), platform, applied.id, {
      outcome: 'forward',
    });
    expect(await queue('2026-07-06', false)).toEqual([[applied.id, forwarded.decideBy, false]]);
    expect(await queue('2026-07-07', true)).toEqual([[applied.id, '2026-07-06', true]]);
  });

  it('removes a list entry early as repaired, after the list’s minimum time served', async () => {
    const { entry } = await wageArrearsListing(sut);
    firm = { ...firm, subjectId: entry.subjectId };
    const possible = addDuration(entry.effectiveFrom!, 'P6M');
    const input: RepairInput = {
      item: 'list_entry',
      itemId: entry.id,
      obligations: [{ id: 'wages_paid', evidence: ['工资支付凭证'] }],
      commitment: '本单位承诺按时足额支付农民工工资',
    };
    await expect(applyForRepair(on(sut, addDays(possible, -1)), firm, input)).rejects.toMatchObject(
      { code: 'REPAIR_TOO_EARLY', detail: { possibleFrom: possible } },
    );
    const applied = await applyForRepair(on(sut, possible), firm, input);
    expect(applied).toMatchObject({ rule: 'wage_arrears', authorityId: BEIJING_LABOUR });
    await reviewRepair(on(sut, possible), platform, applied.id, { outcome: 'forward' });
    const approved = await decideRepair(
      on(sut, possible),
      reader('decider', BEIJING_LABOUR),
      applied.id,
      { outcome: 'approve', reasons: '工资已结清' },
    );
    expect(approved.outcomeRef).toMatch(new RegExp(`^${entry.id}@\\d+$`));
    expect(await sut.store.getListEntry(entry.id)).toMatchObject({
      state: 'removed',
      removal: 'repaired',
      removedOn: possible,
    });
  });

  it('takes the decision on a list entry’s repair only from a decider: a furnisher removes no entry', async () => {
    const { entry } = await wageArrearsListing(sut);
    firm = { ...firm, subjectId: entry.subjectId };
    const possible = addDuration(entry.effectiveFrom!, 'P6M');
    const applied = await applyForRepair(on(sut, possible), firm, {
      item: 'list_entry',
      itemId: entry.id,
      obligations: [{ id: 'wages_paid', evidence: ['工资支付凭证'] }],
      commitment: '本单位承诺按时足额支付农民工工资',
    });
    await reviewRepair(on(sut, possible), platform, applied.id, { outcome: 'forward' });
    // the labour bureau's furnisher proposes entries; it does not remove them
    for (const outcome of ['approve', 'refuse'] as const)
      await expect(
        decideRepair(on(sut, possible), reader('furnisher', BEIJING_LABOUR), applied.id, {
          outcome,
          reasons: '工资已结清',
        }),
      ).rejects.toMatchObject({ code: 'ROLE_FORBIDDEN', detail: { field: 'id' } });
    expect(await sut.store.getListEntry(entry.id)).toMatchObject({ state: 'effective' });
    expect(await sut.store.getRepair(applied.id)).toMatchObject({ state: 'forwarded' });
    // nor by upholding an objection to the decider's refusal
    const decider = reader('decider', BEIJING_LABOUR);
    await decideRepair(on(sut, possible), decider, applied.id, {
      outcome: 'refuse',
      reasons: '未提交工资支付凭证原件',
    });
    const objection = await fileObjection(on(sut, possible), firm, {
      item: 'repair',
      itemId: applied.id,
      grounds: '原件已于申请时提交',
    });
    await expect(
      answerObjection(on(sut, possible), reader('furnisher', BEIJING_LABOUR), objection.id, {
        outcome: 'upheld',
        reasons: '核实已提交',
      }),
    ).rejects.toMatchObject({ code: 'ROLE_FORBIDDEN' });
    expect(await sut.store.getListEntry(entry.id)).toMatchObject({ state: 'effective' });
    expect(await sut.store.getRepair(applied.id)).toMatchObject({ state: 'refused' });
  });
});
