/** One demo record of a drawn type, as a flat submission row that passes the default catalog. */
import type { RecordContext, Draw, Row } from './draw.js';
import type { Rng } from '../../domain/prng.js';
import type { DemoRecordType } from './record-types.js';
import { annualReport, court, penalty, taxViolation, wages } from './sanction-records.js';
import { bill, commendation, commitment, licence, loan, taxRating } from './standing-records.js';
import type { DemoSubject } from './subjects.js';

export {
  DEMO_FIELDS,
  DEMO_RECORD_TYPES,
  FIELDS_BY_TYPE,
  TYPE_WEIGHTS,
  type DemoRecordType,
} from './record-types.js';
export type { RecordContext } from './draw.js';

const BUILDERS: Record<DemoRecordType, (d: Draw) => Row | null> = {
  admin_licence: licence,
  admin_penalty: penalty,
  court_enforcement: court,
  tax_violation: taxViolation,
  tax_rating: taxRating,
  wage_arrears: wages,
  loan_default: loan,
  bill_overdue: bill,
  annual_report_missing: annualReport,
  commendation,
  credit_commitment: commitment,
};

/** Builds record `k` of a subject; falls back to a licence when the drawn type has nothing left to say. */
export function buildRecord(
  ctx: RecordContext,
  rng: Rng,
  subject: DemoSubject,
  k: number,
  type: DemoRecordType,
  seen: Map<string, number>,
): Row {
  const d: Draw = { ctx, rng, subject, k, seen };
  const row = BUILDERS[type](d) ?? licence(d) ?? commitment(d);
  if (!row) throw new Error(`no demo authority can write about region ${subject.region}`);
  return row;
}
