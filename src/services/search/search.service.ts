import type { ListColour } from '../../domain/catalog.js';
import { dateOf } from '../../domain/clock.js';
import { divisionFullName } from '../../domain/identifiers/divisions.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import { PERSON_SCHEMES, publicIdentifier } from '../../domain/masking.js';
import { analyseName, normaliseIdentifier } from '../../domain/search/normalise.js';
import { displayName, type SubjectKind } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import { identifierKey, type SearchFilter } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { nameHits, type Ranked } from './name-search.js';

export type { Ranked } from './name-search.js';

export interface SearchQuery {
  q: string;
  kind?: SubjectKind;
  /** a division code or its prefix (11 = Beijing, 1101 = its districts) */
  region?: string;
  /** only subjects with a list entry in force today (true), or without one (false) */
  listed?: boolean;
  /** only subjects with an entry in force today on a list of this colour */
  colour?: ListColour;
  limit?: number;
}

/** One subject found, in its public form (a person's identifier masked, no person's id). */
export interface SearchHit {
  kind: SubjectKind;
  name: string;
  names: string[];
  identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
  region: string | null;
  regionName: string | null;
  /** 0 to 1; 1 for an identifier */
  score: number;
  /** which of its names matched, and why */
  matched: string;
  reasons: string[];
  /** a close match (an identifier, a whole name exactly or nearly, every token of the query) */
  close: boolean;
  listed: boolean;
  /** the colours of the lists it is on today: a redlist is a commendation, not a sanction */
  colours: ListColour[];
}

const MAX_QUERY = 200;

/**
 * Finds subjects by identifier (exact, and alone: an identifier decides) or by name, fuzzily
 * (SPEC 4.9): the store finds candidates through their search keys, exactly and by trigrams,
 * and each is scored against the query by `scoreName`, best first, with its reasons.
 */
export async function searchSubjects(deps: ServiceDeps, query: SearchQuery): Promise<SearchHit[]> {
  const q = query.q?.trim() ?? '';
  if (q === '' || q.length > MAX_QUERY)
    throw new CredenceError('SEARCH_INVALID', `a query is 1 to ${MAX_QUERY} characters`, {
      field: 'q',
    });
  const limit = query.limit ?? 10;
  const filter: SearchFilter = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.region ? { region: query.region } : {}),
  };
  const today = dateOf(deps.clock.now());
  const wanted = await rankSubjects(deps, q, filter, today);
  const colours = await listColours(
    deps,
    wanted.map((s) => s.subject.id),
    today,
  );
  const on = (s: Ranked) => colours.get(s.subject.id) ?? [];
  return wanted
    .filter((s) => query.listed === undefined || on(s).length > 0 === query.listed)
    .filter((s) => query.colour === undefined || on(s).includes(query.colour))
    .slice(0, limit)
    .map((s) => toHit(s, on(s)));
}

/**
 * The subjects a query finds, best first: the one its identifier names, else by name. A person's
 * identifier finds nothing unless `persons` (SPEC 4.9: the public finds a person only by number
 * and name together), and no name either: a number is answered alike whoever carries it.
 */
export async function rankSubjects(
  deps: ServiceDeps,
  q: string,
  filter: SearchFilter,
  today: string,
  persons = false,
): Promise<Ranked[]> {
  if (!persons && isPersonIdentifier(q, today)) return [];
  const byId = await identifierHit(deps, q, today, persons);
  const ranked = byId
    ? [byId]
    : await nameHits(deps, analyseName(q, filter.kind ?? 'business'), filter);
  return ranked.filter(
    (s) =>
      (!filter.kind || s.subject.kind === filter.kind) &&
      (!filter.region || (s.subject.region ?? '').startsWith(filter.region)),
  );
}

/** Whether a query is a valid identifier of a scheme only persons carry. */
export function isPersonIdentifier(q: string, today: string): boolean {
  const parsed = safeParseIdentifier(normaliseIdentifier(q), { today, field: 'q' });
  return parsed.ok && PERSON_SCHEMES.has(parsed.info.scheme);
}

/**
 * A query that is a valid identifier names at most one subject, whatever its names; a person
 * only where `persons` admits them.
 */
export async function identifierHit(
  deps: ServiceDeps,
  q: string,
  today: string,
  persons = false,
): Promise<Ranked | null> {
  const parsed = safeParseIdentifier(normaliseIdentifier(q), { today, field: 'q' });
  if (!parsed.ok) return null;
  const ref = (await deps.store.findSubjects([parsed.info])).get(identifierKey(parsed.info));
  const subject =
    ref && (persons || ref.kind !== 'person') ? await deps.store.getSubject(ref.id) : null;
  if (!subject) return null;
  return {
    subject,
    score: 1,
    matched: displayName(subject),
    reasons: [`identifier ${parsed.info.scheme} matches`],
    otherRegion: false,
    close: true,
  };
}

export async function listedSubjects(
  deps: ServiceDeps,
  ids: readonly string[],
  today: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const entries = await deps.store.listEntriesOf(ids);
  return new Set(entries.filter((e) => isInForce(e, today)).map((e) => e.subjectId));
}

/** The colours of the lists each subject has an entry in force on, black first. */
async function listColours(
  deps: ServiceDeps,
  ids: readonly string[],
  today: string,
): Promise<Map<string, ListColour[]>> {
  const found = new Map<string, Set<ListColour>>();
  if (ids.length === 0) return new Map();
  for (const e of await deps.store.listEntriesOf(ids)) {
    const colour = deps.catalog.listTypes.get(e.listType)?.colour;
    if (!colour || !isInForce(e, today)) continue;
    found.set(e.subjectId, (found.get(e.subjectId) ?? new Set()).add(colour));
  }
  const order: ListColour[] = ['black', 'warning', 'red'];
  return new Map([...found].map(([id, set]) => [id, order.filter((c) => set.has(c))]));
}

const toHit = (s: Ranked, colours: ListColour[]): SearchHit => ({
  kind: s.subject.kind,
  name: displayName(s.subject),
  names: s.subject.names.map((n) => n.name),
  identifiers: s.subject.identifiers.map((i) => publicIdentifier(s.subject.kind, i)),
  region: s.subject.region,
  regionName: s.subject.region ? (divisionFullName(s.subject.region) ?? null) : null,
  score: s.score,
  matched: s.matched,
  reasons: s.reasons,
  close: s.close,
  listed: colours.length > 0,
  colours,
});
