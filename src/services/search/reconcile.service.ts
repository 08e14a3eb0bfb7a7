import { dateOf } from '../../domain/clock.js';
import { divisionFullName } from '../../domain/identifiers/divisions.js';
import { normaliseIdentifier } from '../../domain/search/normalise.js';
import { displayName, type SubjectKind } from '../../domain/subject.js';
import type { ServiceDeps } from '../deps.js';
import { identifierKey } from '../../store/store.js';
import { subjectKey, subjectNotFound } from '../subjects/subjects.service.js';
import { listedSubjects, searchSubjects, type SearchHit } from './search.service.js';

/**
 * The W3C Reconciliation Service API (v0.2) over name search, for OpenRefine and its kind.
 * Only organizations are reconciled: a candidate's id must be an identifier the public may
 * resolve, and a person's is masked (SPEC 4.9), so persons are neither candidates nor types.
 */

/** The types a query may name: one per kind of organization. */
export const RECONCILE_TYPES = [
  { id: 'business', name: 'Business (企业)' },
  { id: 'government', name: 'Government body (机关)' },
  { id: 'social_org', name: 'Social organization (社会组织)' },
] as const satisfies ReadonlyArray<{ id: SubjectKind; name: string }>;
export type ReconcileKind = (typeof RECONCILE_TYPES)[number]['id'];

export const MAX_QUERIES = 100;
const DEFAULT_LIMIT = 3;
const MAX_LIMIT = 25;
/** hits asked of the search per query: no fewer than it scores, so dropping other kinds loses none */
const SEARCHED = 200;

export interface ReconcileQuery {
  query: string;
  /** none: any organization */
  kinds: readonly ReconcileKind[];
  /** default 3, at most 25 */
  limit?: number;
  /** a division code or its prefix */
  region?: string;
}

export interface Candidate {
  /** the USCC, else the subject's first identifier: what /v1/subjects/{identifier} resolves */
  id: string;
  name: string;
  description?: string;
  type: Array<{ id: string; name: string }>;
  /** the search score (0 to 1) times 100, to one decimal */
  score: number;
  /** certain enough to accept unseen: the identifier queried, or the one exact Chinese name */
  match: boolean;
  features: Array<{ id: 'identifier_match'; value: boolean }>;
}

const typeOf = (kind: SubjectKind) => RECONCILE_TYPES.find((t) => t.id === kind);

/** The USCC, else the first identifier, of those the public sees in full. */
const publicId = (hit: SearchHit): string | undefined => {
  const shown = hit.identifiers.filter((i) => !i.masked);
  return (shown.find((i) => i.scheme === 'uscc') ?? shown[0])?.value;
};

/** Whether the text, as an identifier, is one of the hit's public identifiers. */
const carries = (hit: SearchHit, text: string): boolean => {
  const wanted = normaliseIdentifier(text);
  return hit.identifiers.some((i) => !i.masked && i.value === wanted);
};

/** Each query's candidates, best first, independently of the others in the batch. */
export async function reconcile(
  deps: ServiceDeps,
  batch: ReadonlyArray<readonly [string, ReconcileQuery]>,
): Promise<Record<string, { result: Candidate[] }>> {
  const answers: Array<[string, { result: Candidate[] }]> = [];
  // one after another: a batch of 100 must not take every pooled connection at once
  for (const [key, query] of batch) answers.push([key, { result: await candidates(deps, query) }]);
  return Object.fromEntries(answers);
}

async function candidates(deps: ServiceDeps, query: ReconcileQuery): Promise<Candidate[]> {
  const kinds: readonly SubjectKind[] =
    query.kinds.length > 0 ? query.kinds : RECONCILE_TYPES.map((t) => t.id);
  const [only] = kinds.length === 1 ? kinds : [];
  const found = await searchSubjects(deps, {
    q: query.query,
    limit: SEARCHED,
    ...(only ? { kind: only } : {}),
    ...(query.region ? { region: query.region } : {}),
  });
  const hits = found.flatMap((hit) => {
    const type = kinds.includes(hit.kind) ? typeOf(hit.kind) : undefined;
    const id = publicId(hit);
    return type && id ? [{ hit, type, id }] : [];
  });
  // an exact name two subjects share decides nothing
  const exact = hits.filter(({ hit }) => hit.score >= 1).length;
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  return hits.slice(0, limit).map(({ hit, type, id }) => {
    const byIdentifier = carries(hit, query.query);
    return {
      id,
      name: hit.name,
      ...(hit.regionName ? { description: hit.regionName } : {}),
      type: [{ id: type.id, name: type.name }],
      score: Math.round(hit.score * 1000) / 10,
      match: byIdentifier || (hit.score >= 1 && exact === 1),
      features: [{ id: 'identifier_match', value: byIdentifier }],
    };
  });
}

/** What the preview pane shows of an organization. */
export interface Preview {
  name: string;
  typeName: string;
  regionName: string | null;
  /** a list entry is in force today */
  listed: boolean;
}

/** The organization an identifier names, for its preview; a person is not previewed. */
export async function previewOf(deps: ServiceDeps, identifier: string): Promise<Preview> {
  const key = subjectKey(deps, identifier);
  const ref = (await deps.store.findSubjects([key])).get(identifierKey(key));
  const subject = ref && ref.kind !== 'person' ? await deps.store.getSubject(ref.id) : null;
  const type = subject ? typeOf(subject.kind) : undefined;
  // a person is answered as a number no one carries: the preview is no oracle
  if (!subject || !type) throw subjectNotFound(key);
  const listed = await listedSubjects(deps, [subject.id], dateOf(deps.clock.now()));
  return {
    name: displayName(subject),
    typeName: type.name,
    regionName: subject.region ? (divisionFullName(subject.region) ?? null) : null,
    listed: listed.has(subject.id),
  };
}
