import { randomUUID } from 'node:crypto';
import type { Account } from '../../src/domain/account.js';
import type { RepairApplication } from '../../src/domain/repair.js';
import { accountForKey, createAccount } from '../../src/services/accounts/accounts.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  decideEntry,
  noticeEntry,
  proposeEntry,
  waiveNotice,
} from '../../src/services/lists/entries.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { applyForRepair, reviewRepair } from '../../src/services/repairs/repairs.service.js';
import { mergeSubjects } from '../../src/services/subjects/subject-merge.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { subscribe } from '../../src/services/webhooks/webhooks.service.js';
import { webhookTargets } from '../../src/services/webhooks/webhook-target.js';
import { makeObjection, uniqueRic, uniqueUscc } from '../support/factories.js';
import { BEIJING_LABOUR, courtRecord, firmRecord } from '../support/lists.js';
import { BEIJING_FIRM, NATIONAL_COURT, penalty, SHANGHAI_BANK } from '../support/registry.js';
import type { ApiWorld } from './support.js';

export type EntryState = 'proposed' | 'noticed' | 'waived' | 'effective';

/** Fresh objects for the scope matrix, made through the services (never through the routes under test). */
export function scopeFixtures(world: ApiWorld) {
  const deps: ServiceDeps = world.deps;
  let n = 0;
  const ref = (prefix: string) => `${prefix}-${++n}`;
  const accounts = new Map<string, Account>();
  const accountOfKey = async (key: string): Promise<Account> => {
    let account = accounts.get(key);
    if (!account) accounts.set(key, (account = (await accountForKey(deps, key))!));
    return account;
  };
  const idOf = async (identifier: string): Promise<string> => {
    const found = await deps.store.findSubjects([
      { scheme: identifier.startsWith('9') ? 'uscc' : 'ric', value: identifier },
    ]);
    return [...found.values()][0]!.id;
  };

  const firm = async (first8 = '91110105'): Promise<string> => {
    const identifier = uniqueUscc(first8);
    await registerSubject(
      deps,
      { subject_identifier: identifier, subject_name: `测试${++n}号公司` },
      'test',
    );
    return identifier;
  };
  const person = async (region = '110105'): Promise<string> => {
    const identifier = uniqueRic(region);
    await registerSubject(
      deps,
      { subject_identifier: identifier, subject_name: `测试${++n}` },
      'test',
    );
    return identifier;
  };
  /** a general-tier penalty by the Beijing market regulator (repairable: decided 2026-03-01) */
  const marketRecord = async (identifier = BEIJING_FIRM): Promise<string> =>
    (
      await submitRecord(
        deps,
        penalty({ subject_identifier: identifier, source_ref: ref('P') }),
        'test',
      )
    ).recordId;
  const courtRecordOn = async (identifier: string): Promise<string> =>
    (
      await submitRecord(
        deps,
        courtRecord({ subject_identifier: identifier, source_ref: ref('C') }),
        'test',
      )
    ).recordId;

  /** an entry of the court's list (judicial) or the labour bureau's (labour), in a state */
  const entry = async (
    owner: 'court' | 'labour',
    state: EntryState,
    identifier?: string,
  ): Promise<string> => {
    const court = owner === 'court';
    const subject = identifier ?? (court ? uniqueRic('110105') : uniqueUscc('91110105'));
    const authorityId = court ? NATIONAL_COURT : BEIJING_LABOUR;
    await submitRecord(
      deps,
      court
        ? courtRecord({ subject_identifier: subject, subject_name: '李四', source_ref: ref('C') })
        : firmRecord('wage_arrears', {
            subject_identifier: subject,
            authority: BEIJING_LABOUR,
            source_ref: ref('W'),
            amount: '300000',
            workers_affected: 12,
          }),
      'test',
    );
    const actor = { actor: 'officer', authorityId, reason: 'meets the criteria' };
    const listType = court ? 'dishonest_judgment_debtors' : 'wage_arrears_dishonest';
    const { id } = await proposeEntry(deps, { identifier: subject, listType, ...actor });
    if (state === 'proposed') return id;
    await noticeEntry(deps, id, actor);
    if (state === 'noticed') return id;
    await waiveNotice(deps, id, { actor: 'subject', reason: 'waived' });
    if (state === 'waived') return id;
    await decideEntry(deps, id, actor);
    return id;
  };

  /** an open objection answered by `authorityId`, about `identifier`'s file */
  const objection = async (authorityId: string, identifier = BEIJING_FIRM): Promise<string> => {
    const o = makeObjection({
      subjectId: await idOf(identifier),
      authorityId,
      itemId: `rec_${randomUUID()}`,
      filedBy: 'acc_test',
    });
    await deps.store.transaction((tx) => tx.insertObjection(o));
    return o.id;
  };
  let template: RepairApplication | undefined;
  /** a repair application answered by `authorityId`, about `identifier`'s file, in a state */
  const repair = async (
    authorityId: string,
    state: 'submitted' | 'forwarded',
    identifier = BEIJING_FIRM,
  ): Promise<string> => {
    if (!template) {
      const operator = await accountOfKey(world.keys.operator);
      const applied = await applyForRepair(deps, operator, repairBody(await marketRecord()));
      template = await reviewRepair(deps, operator, applied.id, { outcome: 'forward' });
    }
    const r: RepairApplication = {
      ...template,
      id: `rep_${randomUUID()}`,
      subjectId: await idOf(identifier),
      authorityId,
      itemId: `rec_${randomUUID()}`,
      ...(state === 'submitted' ? { state, forwardedOn: null, decideBy: null } : {}),
    };
    await deps.store.transaction((tx) => tx.insertRepair(r));
    return r.id;
  };

  const webhook = async (key: string): Promise<string> =>
    (
      await subscribe(
        deps,
        await accountOfKey(key),
        { url: 'https://93.184.215.14/credence' },
        webhookTargets([]),
      )
    ).id;
  const merge = async (): Promise<string> =>
    (
      await mergeSubjects(
        deps,
        { subject: await firm(), duplicate: await firm(), reason: 'same firm' },
        'test',
      )
    ).id;
  const account = async (): Promise<string> =>
    (
      await createAccount(
        deps,
        { name: 'spare', role: 'inquirer', authority: SHANGHAI_BANK },
        'test',
      )
    ).account.id;

  return {
    ref,
    firm,
    person,
    marketRecord,
    courtRecordOn,
    entry,
    objection,
    repair,
    webhook,
    merge,
    account,
    idOf,
  };
}

/** A repair application for a market penalty, every obligation performed with evidence. */
export const repairBody = (itemId: string) => ({
  item: 'record' as const,
  itemId,
  obligations: [
    { id: 'penalty_performed', evidence: ['罚款缴纳凭证 No. 118'] },
    { id: 'conduct_corrected', evidence: ['整改报告'] },
  ],
  commitment: '本单位承诺今后严格遵守产品质量法律法规',
});
