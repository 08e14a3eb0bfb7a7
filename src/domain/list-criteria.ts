import type { FieldCondition, ListCriterion, ListPeriod, ListType } from './catalog.js';
import { compareDurations } from './dates.js';
import { DEFAULT_CURRENCY } from './fields.js';
import type { FieldValue, RecordVersion } from './record.js';

/**
 * Which records make a subject a candidate for a list (SPEC 4.4), and the period a
 * designation gets. Criteria of a list type are alternatives; the conditions of one
 * criterion must all hold.
 */

/**
 * The parts of a record the criteria look at. `authorityDomains` are the domains of the
 * furnishing authority: a criterion with `fromDomains` needs one of them.
 */
export type CriterionRecord = Pick<RecordVersion, 'type' | 'severity' | 'fields' | 'amounts'> & {
  authorityDomains: readonly string[];
};

/** Whether the record is of the criterion's type, from its domains, and meets all its conditions. */
export function matchesCriterion(criterion: ListCriterion, record: CriterionRecord): boolean {
  return (
    record.type === criterion.recordType &&
    (!criterion.fromDomains ||
      criterion.fromDomains.some((d) => record.authorityDomains.includes(d))) &&
    criterion.conditions.every((c) => meetsCondition(c, record))
  );
}

/** The criteria of the list type that the record meets (empty: not a candidate). */
export function matchingCriteria(listType: ListType, record: CriterionRecord): ListCriterion[] {
  return listType.criteria.filter((c) => matchesCriterion(c, record));
}

/**
 * One condition. An absent value meets `notIn` and nothing else. An enum_list value meets
 * `in` when any of its values is listed and `notIn` when none is. `min` compares numbers,
 * and money in minor units of the catalog currency (CNY): an amount in another currency
 * never meets a money threshold, since the registry holds no exchange rates.
 */
export function meetsCondition(
  condition: FieldCondition,
  record: Pick<CriterionRecord, 'severity' | 'fields' | 'amounts'>,
): boolean {
  const value = valueOf(condition.field, record);
  const values = value === undefined ? [] : Array.isArray(value) ? value : [String(value)];
  if (condition.in && !values.some((v) => condition.in?.includes(v))) return false;
  if (condition.notIn && values.some((v) => condition.notIn?.includes(v))) return false;
  if (condition.min !== undefined || condition.max !== undefined) {
    const number = numberOf(condition.field, record, value);
    if (number === undefined) return false;
    if (condition.min !== undefined && number < condition.min) return false;
    if (condition.max !== undefined && number > condition.max) return false;
  }
  return true;
}

/**
 * A field's number for a threshold: money in minor units of the catalog currency (none in
 * another currency: the registry holds no exchange rates), else a numeric field's value.
 */
export function numberOf(
  field: string,
  record: Pick<CriterionRecord, 'amounts'>,
  value: FieldValue | undefined,
): number | undefined {
  const amount = record.amounts.find((a) => a.field === field);
  if (amount) return amount.currency === DEFAULT_CURRENCY ? amount.minor : undefined;
  return typeof value === 'number' ? value : undefined;
}

function valueOf(
  field: string,
  record: Pick<CriterionRecord, 'severity' | 'fields'>,
): FieldValue | undefined {
  if (field === 'severity') return record.severity ?? undefined;
  return record.fields[field];
}

/** The period a designation gets, and the record's value of the periodByField field behind it. */
export interface PeriodChoice {
  period: ListPeriod;
  /** the value whose period won, else the record's first value (default period); null without one */
  value: string | null;
}

/**
 * The period for a designation resting on `record`: the period `periodByField` gives the
 * record's value, else the list type's own period. When several values of an enum_list
 * have periods, the longest wins and open-ended (until_performed) beats any fixed term:
 * the subject meets every one of those circumstances, and the law is stricter, not milder,
 * with several of them (法释〔2017〕7号 art. 2 lets the court extend the term for 多项失信行为).
 * Ties keep the first value in the record.
 */
export function periodChoice(listType: ListType, record: CriterionRecord): PeriodChoice {
  const byField = listType.periodByField;
  const raw = byField ? record.fields[byField.field] : undefined;
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  let best: PeriodChoice | null = null;
  for (const value of values) {
    const period = byField?.periods[value];
    if (period && (!best || longer(period, best.period))) best = { period, value };
  }
  return best ?? { period: listType.period, value: values[0] ?? null };
}

/** The period alone; see periodChoice for the rule. */
export function periodFor(listType: ListType, record: CriterionRecord): ListPeriod {
  return periodChoice(listType, record).period;
}

/** whether `a` is strictly longer than `b`; open-ended is longer than any fixed term */
function longer(a: ListPeriod, b: ListPeriod): boolean {
  if (a.kind === 'until_performed') return b.kind !== 'until_performed';
  if (b.kind === 'until_performed') return false;
  return compareDurations(a.duration, b.duration) > 0;
}
