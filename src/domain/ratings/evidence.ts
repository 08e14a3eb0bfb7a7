import type { DateField, FieldCondition } from '../catalog.js';
import { meetsCondition, numberOf } from '../list-criteria.js';
import type { EntrySelector, RecordSelector, SubjectCondition } from '../rating-model.js';
import { toHundredths } from './hundredths.js';
import { ageReached, windowStart, type RatingPeriod } from './periods.js';
import type { RatingEntry, RatingInput, RatingRecord } from './points-result.js';

/**
 * Which records and entries a model looks at, and whether a subject condition holds,
 * with the records and entries that made it hold (principle 2.5: explainable).
 */

export interface EvaluationContext {
  asOf: string;
  period: RatingPeriod;
  /** records decided on or before the as-of date */
  records: readonly RatingRecord[];
  /** entries effective on the as-of date */
  entries: readonly RatingEntry[];
  /** the earlier of the subject's creation and its first record */
  firstSeen: string;
  /** integer hundredths, once the rules have run */
  score: number | null;
}

export function evaluationContext(
  input: RatingInput,
  asOf: string,
  period: RatingPeriod,
): EvaluationContext {
  const records = input.records.filter((r) => r.decisionDate <= asOf);
  const entries = input.listEntries.filter(
    (e) =>
      e.state === 'effective' &&
      (e.effectiveFrom === null || e.effectiveFrom <= asOf) &&
      (e.endsOn === null || e.endsOn > asOf),
  );
  const firstSeen = records.reduce(
    (first, r) => (r.decisionDate < first ? r.decisionDate : first),
    input.subject.createdAt.slice(0, 10),
  );
  return { asOf, period, records, entries, firstSeen, score: null };
}

/**
 * The date that places a record in time. No effective date: the decision date. No end
 * date: the conduct goes on, so it is dated at the end of the period it was decided in or before.
 */
export function recordDate(record: RatingRecord, field: DateField, period: RatingPeriod): string {
  if (field === 'effective_date') return record.effectiveDate ?? record.decisionDate;
  if (field === 'end_date')
    return record.endDate ?? (record.decisionDate <= period.end ? period.end : record.decisionDate);
  return record.decisionDate;
}

/** The records of the selector's type, in its window, meeting its conditions and not its `unless`. */
export function selectRecords(selector: RecordSelector, ctx: EvaluationContext): RatingRecord[] {
  const from = windowStart(ctx.period, selector.within);
  const field = selector.date ?? 'decision_date';
  const selected: RatingRecord[] = [];
  // loops, not filter and every with a closure per call: a run selects millions of times
  for (const record of ctx.records) {
    if (record.type !== selector.recordType) continue;
    const date = recordDate(record, field, ctx.period);
    if (date < from || date > ctx.period.end) continue;
    if (!meetsAll(selector.conditions, record)) continue;
    if (selector.unless && meetsAll(selector.unless, record)) continue;
    selected.push(record);
  }
  return selected;
}

function meetsAll(conditions: readonly FieldCondition[], record: RatingRecord): boolean {
  for (const condition of conditions) if (!meetsRatingCondition(condition, record)) return false;
  return true;
}

/**
 * A field condition of a rating model. `in` and `notIn` as in list criteria; `min` and `max`
 * are inclusive bounds, and money is written in yuan (`min: 100000` is 100,000 yuan), as
 * imports and displays write it, compared exactly in fen.
 */
export function meetsRatingCondition(condition: FieldCondition, record: RatingRecord): boolean {
  if (condition.min === undefined && condition.max === undefined)
    return meetsCondition(condition, record);
  const { min, max, ...choice } = condition;
  if ((choice.in || choice.notIn) && !meetsCondition(choice, record)) return false;
  const isMoney = record.amounts.some((a) => a.field === condition.field);
  const number = numberOf(condition.field, record, record.fields[condition.field]);
  if (number === undefined) return false;
  const bound = (b: number) => (isMoney ? toHundredths(b) : b);
  if (min !== undefined && number < bound(min)) return false;
  if (max !== undefined && number > bound(max)) return false;
  return true;
}

export function selectEntries(selector: EntrySelector, ctx: EvaluationContext): RatingEntry[] {
  return ctx.entries.filter((e) => selector.listTypes.includes(e.listType));
}

export interface Evidence {
  holds: boolean;
  recordIds: string[];
  entryIds: string[];
}

const NONE: Evidence = { holds: true, recordIds: [], entryIds: [] };
const FAILS: Evidence = { holds: false, recordIds: [], entryIds: [] };

/** Whether every part of the condition holds, with the records and entries behind it. */
export function evaluateCondition(condition: SubjectCondition, ctx: EvaluationContext): Evidence {
  const parts: Evidence[] = [];
  if (condition.all && !kept(parts, combine(condition.all.map((c) => evaluateCondition(c, ctx)))))
    return FAILS;
  if (condition.any) {
    const first = condition.any.map((c) => evaluateCondition(c, ctx)).find((e) => e.holds);
    if (!kept(parts, first ?? FAILS)) return FAILS;
  }
  if (
    condition.not &&
    !kept(parts, { ...NONE, holds: !evaluateCondition(condition.not, ctx).holds })
  )
    return FAILS;
  if (condition.records) {
    const found = selectRecords(condition.records, ctx);
    const holds = found.length >= (condition.records.atLeast ?? 1);
    if (!kept(parts, { holds, recordIds: found.map((r) => r.id), entryIds: [] })) return FAILS;
  }
  if (condition.listed) {
    const found = selectEntries({ listTypes: condition.listed }, ctx);
    if (!kept(parts, entryEvidence(found))) return FAILS;
  }
  if (condition.newSubject !== undefined) {
    const isNew = ctx.firstSeen > ctx.period.start;
    if (!kept(parts, { ...NONE, holds: isNew === condition.newSubject })) return FAILS;
  }
  if (condition.subjectAge) {
    const { under, atLeast } = condition.subjectAge;
    const holds =
      (under === undefined || !ageReached(ctx.firstSeen, under, ctx.period)) &&
      (atLeast === undefined || ageReached(ctx.firstSeen, atLeast, ctx.period));
    if (!kept(parts, { ...NONE, holds })) return FAILS;
  }
  if (condition.score) {
    const { min, below } = condition.score;
    const score = ctx.score;
    const holds =
      score !== null &&
      (min === undefined || score >= toHundredths(min)) &&
      (below === undefined || score < toHundredths(below));
    if (!kept(parts, { ...NONE, holds })) return FAILS;
  }
  return combine(parts);
}

// a module function, not a closure per call: a run evaluates millions of conditions
/** Keeps a part's evidence; whether it holds. */
function kept(parts: Evidence[], evidence: Evidence): boolean {
  parts.push(evidence);
  return evidence.holds;
}

/** an entry's evidence: the entry and the records it rests on */
export function entryEvidence(entries: readonly RatingEntry[]): Evidence {
  return {
    holds: entries.length > 0,
    recordIds: unique(entries.flatMap((e) => e.recordIds)),
    entryIds: entries.map((e) => e.id),
  };
}

function combine(parts: readonly Evidence[]): Evidence {
  // the common cases, without copying: nothing to merge, or one part
  if (parts.length === 0) return NONE;
  if (parts.length === 1) return parts[0]!;
  return {
    holds: parts.every((p) => p.holds),
    recordIds: unique(parts.flatMap((p) => p.recordIds)),
    entryIds: unique(parts.flatMap((p) => p.entryIds)),
  };
}

export const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
