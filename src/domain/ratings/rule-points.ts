import { addDays, addDuration } from '../dates.js';
import { DEFAULT_CURRENCY } from '../fields.js';
import type { DateField } from '../catalog.js';
import type { Decay, PerUnit, PointsRule } from '../rating-model.js';
import {
  recordDate,
  selectEntries,
  selectRecords,
  unique,
  type EvaluationContext,
} from './evidence.js';
import { fromHundredths, scaleRounded, toHundredths, wholeUnits } from './hundredths.js';
import { ageReached, daysBetween, startedUnits, type RatingPeriod } from './periods.js';
import type { Contribution, ContributionItem, RatingRecord } from './points-result.js';

/**
 * One points rule: the records or entries it counts, the units of each, their decay, and
 * the cap. Each record's points are rounded to hundredths once, halves away from zero.
 */

/** The rule's contribution, or null when it counts nothing. */
export function ruleContribution(rule: PointsRule, ctx: EvaluationContext): Contribution | null {
  const points = toHundredths(rule.points);
  const items: ContributionItem[] = [];
  const recordIds: string[] = [];
  let uncapped = 0;
  if (rule.records) {
    const dateField = rule.records.date ?? 'decision_date';
    const selected = selectRecords(rule.records, ctx);
    // repeat offences count in order of date: the earliest is the first occurrence
    const records = rule.repeat ? inOrderOfDate(selected, dateField, ctx.period) : selected;
    records.forEach((record, n) => {
      const units = unitsOf(rule.per, record, ctx.period);
      const [num, den] = decayWeight(
        rule.decay,
        recordDate(record, dateField, ctx.period),
        ctx.period,
      );
      const perUnit = rule.repeat && n > 0 ? toHundredths(repeatPoints(rule.repeat, n)) : points;
      const hundredths = scaleRounded(perUnit, units, num, den);
      uncapped += hundredths;
      items.push({
        recordId: record.id,
        units,
        factor: round4(num / den),
        points: fromHundredths(hundredths),
        basePoints: fromHundredths(perUnit),
        ...(rule.repeat ? { occurrence: n + 1 } : {}),
      });
      recordIds.push(record.id);
    });
  }
  const entries = rule.entries ? selectEntries(rule.entries, ctx) : [];
  for (const entry of entries) {
    uncapped += points;
    items.push({
      entryId: entry.id,
      units: 1,
      factor: 1,
      points: fromHundredths(points),
      basePoints: fromHundredths(points),
    });
    recordIds.push(...entry.recordIds);
  }
  if (items.length === 0) return null;

  const cap = rule.cap === undefined ? null : toHundredths(rule.cap);
  const hundredths =
    cap !== null && Math.abs(uncapped) > cap ? Math.sign(uncapped) * cap : uncapped;
  return {
    rule: rule.id,
    source: 'rule',
    label: rule.label,
    points: fromHundredths(hundredths),
    hundredths,
    recordIds: unique(recordIds),
    entryIds: entries.map((e) => e.id),
    items,
    ...(hundredths === uncapped ? {} : { uncapped: fromHundredths(uncapped) }),
  };
}

/** How many times the points count for a record: 1, a field's whole units, or started durations. */
function unitsOf(per: PerUnit | undefined, record: RatingRecord, period: RatingPeriod): number {
  if (per?.field) {
    const amount = record.amounts.find((a) => a.field === per.field);
    // money in another currency counts no units: the registry holds no exchange rates
    const value = amount
      ? amount.currency === DEFAULT_CURRENCY
        ? amount.minor
        : 0
      : record.fields[per.field];
    if (typeof value !== 'number' || value <= 0) return 0;
    return wholeUnits(value, per.unit ?? 1, per.round ?? 'down');
  }
  if (per?.duration) {
    const from = recordDate(record, per.from ?? 'decision_date', period);
    const until = per.to ? recordDate(record, per.to, period) : period.end;
    return startedUnits(from, until < period.end ? until : period.end, per.duration);
  }
  return 1;
}

/** The decay weight as a fraction [numerator, denominator] for a record dated `date`. */
function decayWeight(
  decay: Decay | undefined,
  date: string,
  period: RatingPeriod,
): [number, number] {
  if (!decay) return [1, 1];
  if (decay.kind === 'step') {
    let factor = 100;
    for (const step of decay.steps)
      if (ageReached(date, step.after, period)) factor = toHundredths(step.factor);
    return [factor, 100];
  }
  const after = decay.after ?? 'P0D';
  if (ageReached(date, decay.until, period)) return [0, 1];
  if (!ageReached(date, after, period)) return [1, 1];
  // from `after` to `until` the weight falls by the day; measured at the end of the period
  const zeroFrom = addDuration(date, decay.until);
  return [
    daysBetween(addDays(period.end, 1), zeroFrom),
    daysBetween(addDuration(date, after), zeroFrom),
  ];
}

/** the points of occurrence n + 1 (n ≥ 1): repeat[n − 1], or the last for any after */
const repeatPoints = (repeat: readonly number[], n: number): number =>
  repeat[Math.min(n, repeat.length) - 1]!;

function inOrderOfDate(
  records: readonly RatingRecord[],
  field: DateField,
  period: RatingPeriod,
): RatingRecord[] {
  return records
    .map((record) => ({ record, date: recordDate(record, field, period) }))
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.record.id < b.record.id ? -1 : 1,
    )
    .map((r) => r.record);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
