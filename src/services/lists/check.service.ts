import type { LegalBasis, Measure } from '../../domain/catalog.js';
import { dateOf } from '../../domain/clock.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import type { ListEntry } from '../../domain/list-entry.js';
import { identifierKey } from '../../store/store.js';
import { entriesOn } from './queries.service.js';

export type CheckDecision = 'allow' | 'deny' | 'review';

/** One measure that applies, the list entry that triggers it, and how it reaches the subject. */
export interface CheckReason {
  measure: {
    id: string;
    name: string;
    kind: Measure['kind'];
    effect: Measure['effect'];
    legalBasis: LegalBasis[];
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
 * Many checks at once, with one lookup per kind for the whole batch; a bad item gets its
 * error and does not stop the others.
 */
export async function checkBatch(
  deps: ServiceDeps,
  queries: readonly CheckQuery[],
): Promise<BatchItem[]> {
  const today = dateOf(deps.clock.now());
  // the measures that govern each action, looked up once per action rather than once per query
  const governing = new Map<string, Measure[]>();
  const measuresFor = (action: string): Measure[] => {
    let measures = governing.get(action);
    if (!measures) {
      measures = [...deps.catalog.measures.values()].filter((m) => m.actions.includes(action));
      governing.set(action, measures);
    }
    return measures;
  };
  const parsed = queries.map((q) => {
    const measures = measuresFor(q.action);
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
  const keys = parsed.flatMap((p) => ('key' in p ? [p.key] : []));
  const subjects = await deps.store.findSubjects(keys);
  const subjectIds = [...new Set([...subjects.values()].map((s) => s.id))];
  const links = await deps.store.findRelationsTo(subjectIds);
  // the links to each subject, in the order the store returned them
  const linksTo = new Map<string, typeof links>();
  for (const link of links) {
    const to = linksTo.get(link.relation.otherId);
    if (to) to.push(link);
    else linksTo.set(link.relation.otherId, [link]);
  }
  const entriesByDate = new Map<string, Map<string, ListEntry[]>>();
  const ids = [...new Set([...subjectIds, ...links.map((l) => l.subjectId)])];
  for (const date of new Set(parsed.flatMap((p) => ('date' in p ? [p.date] : [])))) {
    entriesByDate.set(date, groupBySubject(await entriesOn(deps, ids, date)));
  }
  return queries.map((q, i) => {
    const p = parsed[i]!;
    if (p instanceof CredenceError) return { identifier: q.identifier, action: q.action, error: p };
    const subject = subjects.get(identifierKey(p.key));
    if (!subject) {
      const error = new CredenceError(
        'SUBJECT_NOT_FOUND',
        `no subject carries ${p.key.scheme} ${p.key.value}`,
        { field: 'identifier' },
      );
      return { identifier: q.identifier, action: q.action, error };
    }
    const roles = (linksTo.get(subject.id) ?? []).filter(
      ({ relation: r }) =>
        (r.validFrom ?? p.date) <= p.date && (r.validTo === null || p.date < r.validTo),
    );
    return answer(deps, q, subject.id, p.date, p.measures, roles, entriesByDate.get(p.date)!);
  });
}

function groupBySubject(entries: readonly ListEntry[]): Map<string, ListEntry[]> {
  const map = new Map<string, ListEntry[]>();
  for (const e of entries) {
    const of = map.get(e.subjectId);
    if (of) of.push(e);
    else map.set(e.subjectId, [e]);
  }
  return map;
}

function answer(
  deps: ServiceDeps,
  query: CheckQuery,
  subjectId: string,
  date: string,
  measures: readonly Measure[],
  roles: ReadonlyArray<{ subjectId: string; relation: { kind: string } }>,
  entries: ReadonlyMap<string, ListEntry[]>,
): CheckResult {
  const reached = [
    ...(entries.get(subjectId) ?? []).map((entry) => ({ entry, via: 'subject' })),
    ...roles.flatMap((r) =>
      (entries.get(r.subjectId) ?? []).map((entry) => ({ entry, via: r.relation.kind })),
    ),
  ];
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
