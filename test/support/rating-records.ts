import type { ListEntry } from '../../src/domain/list-entry.js';
import type { RatingInput, RatingSubject } from '../../src/domain/ratings/points-result.js';
import type { FieldValue, RecordVersion } from '../../src/domain/record.js';
import { makeListEntry, makeRecordVersion, uniqueUscc } from './factories.js';

/** Hand-written records and entries for rating tests: one line per fact, amounts in yuan. */

const AUTHORITY = uniqueUscc('11110000');
const SUBJECT = 'sub_rating_test';

/** yuan → fen, exactly (amounts are whole yuan in these tests) */
const fen = (yuan: number) => yuan * 100;

export interface RecordOptions {
  decided: string;
  effective?: string;
  ended?: string;
  severity?: string;
  /** money fields, in yuan */
  money?: Record<string, number>;
  currency?: string;
}

/** A current record version of `type` with these fields. */
export function record(
  type: string,
  fields: Record<string, FieldValue>,
  options: RecordOptions,
): RecordVersion {
  return makeRecordVersion({
    subjectId: SUBJECT,
    authorityId: AUTHORITY,
    type,
    fields,
    amounts: Object.entries(options.money ?? {}).map(([field, yuan]) => ({
      field,
      minor: fen(yuan),
      currency: options.currency ?? 'CNY',
    })),
    severity: options.severity ?? null,
    decisionDate: options.decided,
    effectiveDate: options.effective ?? null,
    endDate: options.ended ?? null,
  });
}

export const taxRating = (year: number, grade: string, decided: string) =>
  record('tax_rating', { year, grade }, { decided });

/** a tax violation; evasion amounts in yuan, share in percent */
export const taxViolation = (
  kind: string,
  decided: string,
  evasion: { yuan?: number; percent?: number } = {},
) =>
  record(
    'tax_violation',
    {
      violation_kind: kind,
      ...(evasion.percent === undefined ? {} : { evaded_share_percent: evasion.percent }),
    },
    { decided, money: evasion.yuan === undefined ? {} : { evaded_amount: evasion.yuan } },
  );

export const loanDefault = (daysPastDue: number, decided: string) =>
  record(
    'loan_default',
    { lender: '某商业银行', days_past_due: daysPastDue },
    { decided, money: { amount: 5_000 } },
  );

export const billOverdue = (service: string, cycles: number, decided: string) =>
  record(
    'bill_overdue',
    { provider: '某供电公司', service, cycles_overdue: cycles },
    { decided, money: { amount: 300 } },
  );

export const courtEnforcement = (decided: string) =>
  record(
    'court_enforcement',
    { performance: 'none', circumstances: ['evades_enforcement'] },
    { decided },
  );

export const commendation = (level: string, decided: string) =>
  record('commendation', { honour: '诚信示范', level }, { decided });

export const penalty = (severity: string, decided: string) =>
  record('admin_penalty', { penalty_classes: ['fine'] }, { decided, severity });

/** an effective entry on `listType` from `from`, resting on `records` */
export function entry(listType: string, from: string, records: RecordVersion[] = []): ListEntry {
  return makeListEntry({
    subjectId: SUBJECT,
    authorityId: AUTHORITY,
    listType,
    effectiveFrom: from,
    endsOn: null,
    recordIds: records.map((r) => r.id),
  });
}

export const business = (createdAt: string): RatingSubject => ({
  id: SUBJECT,
  kind: 'business',
  createdAt,
});

export const person = (createdAt: string): RatingSubject => ({
  id: SUBJECT,
  kind: 'person',
  createdAt,
});

/** The input of one evaluation; no entries and no previous result unless given. */
export function ratingInput(
  subject: RatingSubject,
  records: RecordVersion[] = [],
  more: Partial<Omit<RatingInput, 'subject' | 'records'>> = {},
): RatingInput {
  return { subject, records, listEntries: [], previous: null, ...more };
}
