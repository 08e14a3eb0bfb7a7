import { chinaCalendar } from '../../src/domain/calendar.js';
import { fixedClock } from '../../src/domain/clock.js';
import { addDuration } from '../../src/domain/dates.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  decideEntry,
  noticeEntry,
  proposeEntry,
} from '../../src/services/lists/entries.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import { BEIJING_FIRM, NATIONAL_COURT, PERSON } from './registry.js';

export const NATIONAL_TAX = makeUscc('11100000', '00001324');
export const BEIJING_LABOUR = makeUscc('11110000', 'MB000002');
/** a second person: the Beijing firm's legal representative */
export const REPRESENTATIVE = makeRic('110105', '1970-07-07', 31);

/** The same services with the clock set to 09:00 on `date`. */
export const on = (deps: ServiceDeps, date: string): ServiceDeps => ({
  ...deps,
  clock: fixedClock(`${date}T09:00:00.000Z`),
});

export async function registerListAuthorities(deps: ServiceDeps) {
  await registerAuthority(
    deps,
    { id: NATIONAL_TAX, name: '国家税务总局', domains: ['tax'], regions: ['000000'] },
    'operator',
  );
  await registerAuthority(
    deps,
    {
      id: BEIJING_LABOUR,
      name: '北京市人力资源和社会保障局',
      domains: ['labour'],
      regions: ['110000'],
    },
    'operator',
  );
}

/** A court enforcement record (unperformed, by default about the person). */
export function courtRecord(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: PERSON,
    subject_name: '张三',
    type: 'court_enforcement',
    authority: NATIONAL_COURT,
    source_ref: 'C-1',
    legal_basis: '中华人民共和国民事诉讼法 第二百六十六条',
    document_number: '（2026）京0105执1号',
    decision_date: '2026-06-01',
    case_number: '（2026）京0105执1号',
    basis_document: '（2025）京0105民初1号民事判决书',
    basis_issuer: '北京市朝阳区人民法院',
    obligation: '支付货款人民币100000元',
    performance: 'none',
    circumstances: 'obstructs_enforcement',
    ...overrides,
  };
}

export function firmRecord(type: string, overrides: SubmissionInput): SubmissionInput {
  return {
    subject_identifier: BEIJING_FIRM,
    subject_name: '北京某某科技有限公司',
    type,
    legal_basis: '依法',
    decision_date: '2026-06-01',
    ...overrides,
  };
}

/** Submits the record, then proposes, notices and (after the notice period) decides; returns the entry and dates. */
export async function listThroughDecision(
  deps: ServiceDeps,
  record: SubmissionInput,
  listType: string,
  authorityId: string,
) {
  const submitted = await submitRecord(deps, record, 'furnisher');
  const actor = { actor: 'officer', authorityId, reason: 'meets the criteria' };
  const identifier = String(record.subject_identifier);
  const proposed = await proposeEntry(deps, { identifier, listType, ...actor });
  const noticed = await noticeEntry(deps, proposed.id, actor);
  const decidedOn = addDuration(noticed.noticeEnds!, 'P1D');
  const decided = await decideEntry(on(deps, decidedOn), proposed.id, actor);
  return { submitted, entry: decided, decidedOn, noticeEnds: noticed.noticeEnds! };
}

/** The Beijing firm on the wage arrears list, decided by the Beijing labour bureau. */
export const wageArrearsListing = (deps: ServiceDeps) =>
  listThroughDecision(
    deps,
    firmRecord('wage_arrears', {
      authority: BEIJING_LABOUR,
      source_ref: 'W-1',
      amount: '300000',
      workers_affected: 12,
    }),
    'wage_arrears_dishonest',
    BEIJING_LABOUR,
  );

export { chinaCalendar };
