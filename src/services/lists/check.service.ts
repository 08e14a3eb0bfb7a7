import type { Catalog, LegalBasis, Measure } from '../../domain/catalog.js';
import { layerLabel, type LayerLabel } from '../../domain/catalog-layers.js';
import { dateOf } from '../../domain/clock.js';
import { isIsoDate } from '../../domain/dates.js';
import { entryAsOf, expireIfDue, isInForce } from '../../domain/list-lifecycle.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import type { ListEntry, ListTransition } from '../../domain/list-entry.js';
import { identifierKey } from '../../store/store.js';

export type CheckDecision = 'allow' | 'deny' | 'review';

/** One measure that applies, the list entry that triggers it, and how it reaches the subject. */
export interface CheckReason {
  measure: {
    id: string;
    name: string;
    kind: Measure['kind'];
    effect: Measure['effect'];
    legalBasis: LegalBasis[];
    /** the regional layer the measure comes from; null for a national one (issue 22) */
    layer: LayerLabel | null;
  };
  entry: {
    id: string;
    listType: string;
    subjectId: string;
    effectiveFrom: string | null;
    endsOn: string | null;
  };
  /** `subject` when the subject itself is listed, else its role in the listed organization */
  via: string;
}

export interface CheckResult {
  identifier: string;
  subjectId: string;
  action: string;
  date: string;
  decision: CheckDecision;
  /** restrictions and management measures behind the decision */
  reasons: CheckReason[];
  /** redlist incentives that apply (e.g. fast-track approval) */
  incentives: CheckReason[];
}

export interface CheckQuery {
  identifier: string;
  action: string;
  date?: string;
}

/**
 * "May we grant `action` to this subject on `date`?" — deny, review or allow, with every
 * measure and entry behind the answer, including entries of organizations the subject
 * stands behind (legal representative, principal, actual controller) where the measure reaches them.
 */
export async function checkAction(deps: ServiceDeps, query: CheckQuery): Promise<CheckResult> {
  const [result] = await checkBatch(deps, [query]);
  if (!result) throw new Error('checkBatch returned no result');
  if ('error' in result) throw result.error;
  return result;
}

export type BatchItem = CheckResult | { identifier: string; action: string; error: CredenceError };

/**
 * Many checks at once, with one store read for the whole batch; a bad item gets its
 * error and does not stop the others.
 */
export async function checkBatch(
  deps: ServiceDeps,
  queries: readonly CheckQuery[],
): Promise<BatchItem[]> {
  const today = dateOf(deps.clock.now());
  const parsed = queries.map((q) => {
    // a check as of no real date answers nothing, least of all allow
    if (q.date !== undefined && !isIsoDate(q.date)) {
      return new CredenceError(
        'DATE_INVALID',
        `date "${q.date}" is not a real calendar date written YYYY-MM-DD`,
        { field: 'date' },
      );
    }
    const measures = measuresGoverning(deps.catalog, q.action);
    if (measures.length === 0) {
      return new CredenceError(
        'MEASURE_ACTION_UNKNOWN',
        `no catalog measure governs "${q.action}"`,
        { field: 'action' },
      );
    }
    const id = safeParseIdentifier(q.identifier ?? '', { today, field: 'identifier' });
    return id.ok ? { key: id.info, measures, date: q.date ?? today } : id.error;
  });
  const reaches = await deps.store.findReach(parsed.flatMap((p) => ('key' in p ? [p.key] : [])));
  const replayed = pastEntryReader(deps);
  const results: BatchItem[] = [];
  for (const [i, q] of queries.entries()) {
    const p = parsed[i]!;
    if (p instanceof CredenceError) {
      results.push({ identifier: q.identifier, action: q.action, error: p });
      continue;
    }
    const reach = reaches.get(identifierKey(p.key));
    if (!reach) {
      const error = new CredenceError(
        'SUBJECT_NOT_FOUND',
        `no subject carries ${p.key.scheme} ${p.key.value}`,
        { field: 'identifier' },
      );
      results.push({ identifier: q.identifier, action: q.action, error });
      continue;
    }
    const reached: Reached[] = [];
    for (const { entry, relation: r } of reach.entries) {
      // a relation counts only on the dates it held
      if (r && !((r.validFrom ?? p.date) <= p.date && (r.validTo === null || p.date < r.validTo)))
        continue;
      // today or later the stored row already is the answer: no transition takes effect after it is recorded
      const then = p.date >= today ? expireIfDue(entry, p.date) : await replayed(entry, p.date);
      if (then) reached.push({ entry: then, via: r?.kind ?? 'subject' });
    }
    results.push(answer(deps, q, reach.subjectId, p.date, p.measures, reached));
  }
  return results;
}

// the measures that govern each action, per loaded catalog: looked up once, not once per check
const governing = new WeakMap<Catalog, Map<string, Measure[]>>();

function measuresGoverning(catalog: Catalog, action: string): Measure[] {
  let byAction = governing.get(catalog);
  if (!byAction) governing.set(catalog, (byAction = new Map()));
  let measures = byAction.get(action);
  if (!measures) {
    measures = [...catalog.measures.values()].filter((m) => m.actions.includes(action));
    // unknown actions are not kept: anyone may ask for any string
    if (measures.length > 0) byAction.set(action, measures);
  }
  return measures;
}

interface Reached {
  entry: ListEntry;
  via: string;
}

/** An entry as it stood on a past date, replayed from its history, read once per entry per batch. */
function pastEntryReader(deps: ServiceDeps) {
  const histories = new Map<string, Promise<ListTransition[]>>();
  return async (entry: ListEntry, date: string): Promise<ListEntry | null> => {
    let history = histories.get(entry.id);
    if (!history) histories.set(entry.id, (history = deps.store.listTransitions(entry.id)));
    return entryAsOf(entry, await history, date);
  };
}

function answer(
  deps: ServiceDeps,
  query: CheckQuery,
  subjectId: string,
  date: string,
  measures: readonly Measure[],
  reached: readonly Reached[],
): CheckResult {
  const found: CheckReason[] = [];
  for (const { entry, via } of reached) {
    if (!isInForce(entry, date)) continue;
    // a person is reached through an organization only where the list type and the measure both say so
    if (via !== 'subject' && !deps.catalog.listTypes.get(entry.listType)?.reaches.includes(via))
      continue;
    for (const m of measures) {
      if (!m.lists.includes(entry.listType) || !m.reaches.includes(via)) continue;
      found.push({
        measure: {
          id: m.id,
          name: m.name.en,
          kind: m.kind,
          effect: m.effect,
          legalBasis: m.legalBasis,
          layer: layerLabel(m),
        },
        entry: {
          id: entry.id,
          listType: entry.listType,
          subjectId: entry.subjectId,
          effectiveFrom: entry.effectiveFrom,
          endsOn: entry.endsOn,
        },
        via,
      });
    }
  }
  const reasons = found.filter((r) => r.measure.effect !== 'fast_track');
  const decision: CheckDecision = reasons.some((r) => r.measure.effect === 'deny')
    ? 'deny'
    : reasons.length > 0
      ? 'review'
      : 'allow';
  return {
    identifier: query.identifier,
    subjectId,
    action: query.action,
    date,
    decision,
    reasons,
    incentives: found.filter((r) => r.measure.effect === 'fast_track'),
  };
}
