/** What every demo record builder shares: the run, the draw, the authority picker and the common columns. */
import { coversRegion } from '../../domain/authority.js';
import type { SubmissionInput } from '../records/submission.js';
import type { AuthorityRole, DemoAuthority } from './authorities.js';
import { dayOf, fromDays, yearOf } from './calendar.js';
import type { Rng } from '../../domain/prng.js';
import type { DemoRecordType } from './record-types.js';
import type { DemoSubject } from './subjects.js';
import { LEGAL_BASIS } from './texts.js';

/** Shared state of one generation run. */
export interface RecordContext {
  /** today, in days since 1970-01-01 */
  today: number;
  /** prefix of every source reference: the seed and today, since the dates depend on both */
  refPrefix: string;
  authorities: readonly DemoAuthority[];
}

/** What a builder has at hand for one record. */
export interface Draw {
  ctx: RecordContext;
  rng: Rng;
  subject: DemoSubject;
  /** ordinal of the record within the subject */
  k: number;
  /** per-subject counters, e.g. how many tax ratings were drawn so far */
  seen: Map<string, number>;
}

export type Row = SubmissionInput;
const SPAN = 6 * 365;

export const serialOf = (rng: Rng) => rng.int(1, 2999);
const LEVEL_WEIGHT = { national: 0.1, provincial: 4, municipal: 12, county: 30 } as const;
type Candidates = { list: DemoAuthority[]; weights: number[] };
// role list (by identity) -> region -> candidates; role lists are the constants below
const candidates = new WeakMap<
  RecordContext,
  Map<readonly AuthorityRole[], Map<string, Candidates>>
>();

export const COURT: readonly AuthorityRole[] = ['court'];
export const MARKET: readonly AuthorityRole[] = ['market'];
export const TAX: readonly AuthorityRole[] = ['tax'];
export const LABOUR: readonly AuthorityRole[] = ['labour'];
export const BANK: readonly AuthorityRole[] = ['bank'];
export const PROVIDER: readonly AuthorityRole[] = ['utility', 'telecom'];
export const AGENCY = { market: MARKET, tax: TAX, labour: LABOUR } as const;

/** An authority of one of `roles` whose regions cover the subject; local ones are preferred. */
export function pickAuthority(
  ctx: RecordContext,
  rng: Rng,
  roles: readonly AuthorityRole[],
  region: string,
) {
  let memo = candidates.get(ctx);
  if (!memo) candidates.set(ctx, (memo = new Map()));
  let byRegion = memo.get(roles);
  if (!byRegion) memo.set(roles, (byRegion = new Map()));
  let found = byRegion.get(region);
  if (!found) {
    const list = ctx.authorities.filter(
      (a) => roles.includes(a.role) && coversRegion(a.regions, region),
    );
    // lenders and providers are equal; among agencies the nearest decides most cases
    const weights = list.map((a) =>
      ['court', 'market', 'tax', 'labour'].includes(a.role) ? LEVEL_WEIGHT[a.level] : 1,
    );
    byRegion.set(region, (found = { list, weights }));
  }
  return found.list.length === 0 ? undefined : rng.weighted(found.list, found.weights);
}

/** The common columns of a record: subject, type, authority, source reference, basis and decision date. */
export function head(
  d: Draw,
  type: DemoRecordType,
  authority: DemoAuthority,
  decision: number,
): Row {
  const s = d.subject;
  const row: Row = {
    subject_identifier: s.identifier,
    subject_scheme: s.scheme,
    subject_name: s.name,
    subject_kind: s.kind,
    subject_region: s.region,
    type,
    authority: authority.id,
    source_ref: `${d.ctx.refPrefix}-${s.index}-${d.k}`,
    legal_basis: d.rng.pick(LEGAL_BASIS[type] as readonly string[]),
    decision_date: fromDays(decision),
  };
  if (s.nameEn) row.subject_name_en = s.nameEn;
  return row;
}

/** A decision date within the last ~6 years, never after today. */
export const recent = (d: Draw, span = SPAN) => d.ctx.today - d.rng.int(0, span);
/** A day after `from` but not after today. */
export const later = (d: Draw, from: number, min: number, max: number) =>
  Math.min(d.ctx.today, from + d.rng.int(min, max));

/** The latest year whose rating (published in April) or report deadline (30 June) has passed. */
export function lastYear(d: Draw, month: number, day: number): number {
  const year = yearOf(d.ctx.today);
  return d.ctx.today >= dayOf(year, month, day) ? year - 1 : year - 2;
}

/** How many records under `key` the subject had before this one. */
export function nth(d: Draw, key: string): number {
  const n = d.seen.get(key) ?? 0;
  d.seen.set(key, n + 1);
  return n;
}
