import type { DateField, PenaltyTier, PublicationRule, RecordType } from './catalog.js';
import { addDuration, compareDurations } from './dates.js';
import type { RecordContent } from './record.js';

/**
 * When a record is public (SPEC 4.3): computed from the catalog's rule, never from the
 * furnisher. Dates are YYYY-MM-DD; `publicUntil` is the first day the record is no
 * longer public (exclusive), `repairFrom` the first day repair can be applied for.
 */

export type PublicationMode =
  /** restricted data: never public */
  | 'never'
  /** public from the decision with no end of its own */
  | 'always'
  /** public from `publicFrom` until `publicUntil` (null: no end yet) */
  | 'window'
  /** public only while a list entry resting on the record is effective */
  | 'while_listed'
  /** the rule publishes this record not at all (minor tier, a grade that is not published) */
  | 'not_published';

export interface PublicationWindow {
  mode: PublicationMode;
  /** null when never public, not published, or public only while listed */
  publicFrom: string | null;
  /** exclusive end; null when there is no end date */
  publicUntil: string | null;
  repairFrom: string | null;
  /** the penalty tier that decided the window (tiered rules only) */
  tier: string | null;
}

/** The parts of a record the window depends on. */
export type PublicationInput = Pick<RecordContent, 'decisionDate' | 'fields'> &
  Partial<Pick<RecordContent, 'effectiveDate' | 'endDate' | 'severity'>>;

const closed = (mode: PublicationMode, tier: string | null = null): PublicationWindow => ({
  mode,
  publicFrom: null,
  publicUntil: null,
  repairFrom: null,
  tier,
});

/** Computes a record's publication window from its type's rule. */
export function publicationWindow(type: RecordType, record: PublicationInput): PublicationWindow {
  const rule = type.publication;
  switch (rule.kind) {
    case 'never':
      return closed('never');
    case 'while_listed':
      return closed('while_listed');
    case 'always':
      return { ...closed('always'), publicFrom: record.decisionDate };
    case 'fixed':
      return windowFrom(record, rule.from, rule.window, rule.repairAfter, null);
    case 'when': {
      if (!matches(record.fields[rule.field], rule.values)) return closed('not_published');
      if (!rule.window) return { ...closed('always'), publicFrom: record.decisionDate };
      return windowFrom(record, rule.from ?? 'decision_date', rule.window, undefined, null);
    }
    case 'tiered': {
      const chosen = penaltyTier(rule, record);
      if (!chosen) return closed('not_published');
      if (chosen.def.window === null) return closed('not_published', chosen.tier);
      return windowFrom(record, rule.from, chosen.def.window, chosen.def.repairAfter, chosen.tier);
    }
  }
}

/**
 * The tier of a tiered rule for a record: the record's severity and every tier its
 * penalty classes imply; the one with the longest window wins. Null when none applies.
 */
export function penaltyTier(
  rule: Extract<PublicationRule, { kind: 'tiered' }>,
  record: Pick<PublicationInput, 'severity' | 'fields'>,
): { tier: string; def: PenaltyTier } | null {
  const candidates: string[] = [];
  if (record.severity) candidates.push(record.severity);
  const classes = rule.classField ? record.fields[rule.classField] : undefined;
  for (const cls of Array.isArray(classes) ? classes : []) {
    const tier = rule.classTiers?.[cls];
    if (tier) candidates.push(tier);
  }
  let best: { tier: string; def: PenaltyTier } | null = null;
  for (const tier of candidates) {
    const def = rule.tiers[tier];
    if (def && (!best || longer(def, best.def))) best = { tier, def };
  }
  return best;
}

/** Whether the window makes the record public on `date`; `listed` answers while_listed rules. */
export function isPublicOn(
  window: PublicationWindow,
  date: string,
  context: { listed?: boolean } = {},
): boolean {
  if (window.mode === 'while_listed') return context.listed === true;
  if (window.publicFrom === null || date < window.publicFrom) return false;
  return window.publicUntil === null || date < window.publicUntil;
}

/**
 * The first day a restricted record leaves every view: `retention.afterEnd` after the
 * conduct ends (征信业管理条例 art. 16 counts from the day it ends). Null when the type
 * keeps no retention rule or the conduct has not ended (no end date yet).
 */
export function retentionEnds(
  type: RecordType,
  record: Pick<PublicationInput, 'decisionDate' | 'endDate'>,
): string | null {
  if (!type.retention || !record.endDate) return null;
  return addDuration(record.endDate, type.retention.afterEnd);
}

function windowFrom(
  record: PublicationInput,
  from: DateField,
  window: string,
  repairAfter: string | undefined,
  tier: string | null,
): PublicationWindow {
  const start = anchor(record, from);
  return {
    mode: 'window',
    publicFrom: record.decisionDate,
    // a window counted from an end date that has not come yet has no end yet
    publicUntil: start ? addDuration(start, window) : null,
    repairFrom: start && repairAfter ? addDuration(start, repairAfter) : null,
    tier,
  };
}

function anchor(record: PublicationInput, from: DateField): string | null {
  if (from === 'end_date') return record.endDate ?? null;
  if (from === 'effective_date') return record.effectiveDate ?? record.decisionDate;
  return record.decisionDate;
}

/** a longer window wins; null (not published) is the shortest; ties go to the later repair */
function longer(a: PenaltyTier, b: PenaltyTier): boolean {
  if (a.window === null) return false;
  if (b.window === null) return true;
  const byWindow = compareDurations(a.window, b.window);
  if (byWindow !== 0) return byWindow > 0;
  return compareDurations(a.repairAfter ?? 'P0D', b.repairAfter ?? 'P0D') > 0;
}

function matches(value: unknown, values: readonly string[]): boolean {
  if (Array.isArray(value)) return value.some((v) => values.includes(String(v)));
  return value !== undefined && values.includes(String(value));
}
