import { addDuration } from '../dates.js';
import type { RecordFacts } from '../record.js';
import { currentVersionsOn } from '../record-versions.js';
import type { CharacteristicSource, ScorecardModel } from './model.js';
import { numericValue } from './values.js';

/**
 * The characteristic vector of one subject, for the characteristics that declare a source,
 * computed from the subject's records as of a date. A characteristic with no value is null;
 * scoring then puts it in its explicit missing bin, or else in its worst bin (scorecard.ts).
 */
export function characteristicVector(
  model: Pick<ScorecardModel, 'characteristics'>,
  records: readonly RecordFacts[],
  asOf: string,
): Record<string, number | null> {
  const current = currentVersionsOn(records, asOf).filter((r) => r.decisionDate <= asOf);
  const vector: Record<string, number | null> = {};
  for (const c of model.characteristics) {
    if (!c.source) continue;
    const value = aggregate(c.source, current, asOf);
    vector[c.name] = value === null || !c.source.divideBy ? value : value / c.source.divideBy;
  }
  return vector;
}

function aggregate(
  source: CharacteristicSource,
  records: readonly RecordFacts[],
  asOf: string,
): number | null {
  const matching = records.filter(
    (r) =>
      r.type === source.recordType &&
      // inside the window: the window from the decision date reaches past the as-of date
      (source.window === undefined || addDuration(r.decisionDate, source.window) > asOf),
  );
  switch (source.aggregate) {
    case 'count':
      return matching.length;
    case 'months_since_latest': {
      const latest = matching.reduce<string | null>(
        (a, r) => (a === null || r.decisionDate > a ? r.decisionDate : a),
        null,
      );
      return latest === null ? null : monthsBetween(latest, asOf);
    }
    default: {
      const values = matching
        .map((r) => fieldValue(r, source.field))
        .filter((v): v is number => v !== null);
      // a sum over no records is zero; a maximum or minimum of nothing is missing
      if (source.aggregate === 'sum') return values.reduce((s, v) => s + v, 0);
      if (values.length === 0) return null;
      return source.aggregate === 'max' ? Math.max(...values) : Math.min(...values);
    }
  }
}

/** An amount field in minor units, else a numeric field of the record. */
function fieldValue(record: RecordFacts, field: string | undefined): number | null {
  if (field === undefined) return null;
  const amount = record.amounts.find((a) => a.field === field);
  if (amount) return amount.minor;
  return numericValue(record.fields[field]);
}

/** Whole calendar months from `from` to `to` (a month counts once its day is reached). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}
