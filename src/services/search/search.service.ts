import { dateOf } from '../../domain/clock.js';
import { divisionFullName } from '../../domain/identifiers/divisions.js';
import { safeParseIdentifier } from '../../domain/identifiers/index.js';
import { isInForce } from '../../domain/list-lifecycle.js';
import { publicIdentifier } from '../../domain/masking.js';
import {
  analyseName,
  normaliseIdentifier,
  type NameAnalysis,
} from '../../domain/search/normalise.js';
import { scoreName } from '../../domain/search/score.js';
import { displayName, type Subject, type SubjectKind } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import { typoPieces } from '../../store/search-keys.js';
import { identifierKey, type KeyMatch, type SearchFilter } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';

export interface SearchQuery {
  q: string;
  kind?: SubjectKind;
  /** a division code or its prefix (11 = Beijing, 1101 = its districts) */
  region?: string;
  /** only subjects with a list entry in force today (true), or without one (false) */
  listed?: boolean;
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
  listed: boolean;
}

/** Key rows looked up exactly, and by typo pieces; candidates scored at most, per query. */
const EXACT_LIMIT = 1000;
/** rows for a form under 5 letters: initials, which many names share */
const SHORT_LIMIT = 200;
const TOKEN_LIMIT = 5000;
const FRAGMENT_LIMIT = 500;
const SCORED = 100;
/** a score from which no typo is looked for: a whole form matched exactly */
const STRONG = 0.85;
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
  const listed = await listedSubjects(
    deps,
    wanted.map((s) => s.subject.id),
    today,
  );
  return wanted
    .filter((s) => query.listed === undefined || listed.has(s.subject.id) === query.listed)
    .slice(0, limit)
    .map((s) => toHit(s, listed.has(s.subject.id)));
}

/** A subject found, with its score, the name that matched and why. */
export interface Ranked {
  subject: Subject;
  score: number;
  matched: string;
  reasons: string[];
}

/** The subjects a query finds, best first: the one its identifier names, else by name. */
export async function rankSubjects(
  deps: ServiceDeps,
  q: string,
  filter: SearchFilter,
  today: string,
): Promise<Ranked[]> {
  const byId = await identifierHit(deps, q, today);
  const ranked = byId
    ? [byId]
    : await nameHits(deps, analyseName(q, filter.kind ?? 'business'), filter);
  return ranked.filter(
    (s) =>
      (!filter.kind || s.subject.kind === filter.kind) &&
      (!filter.region || (s.subject.region ?? '').startsWith(filter.region)),
  );
}

/** A query that is a valid identifier names at most one subject, whatever its names. */
export async function identifierHit(
  deps: ServiceDeps,
  q: string,
  today: string,
): Promise<Ranked | null> {
  const parsed = safeParseIdentifier(normaliseIdentifier(q), { today, field: 'q' });
  if (!parsed.ok) return null;
  const ref = (await deps.store.findSubjects([parsed.info])).get(identifierKey(parsed.info));
  const subject = ref ? await deps.store.getSubject(ref.id) : null;
  if (!subject) return null;
  return {
    subject,
    score: 1,
    matched: displayName(subject),
    reasons: [`identifier ${parsed.info.scheme} matches`],
  };
}

async function nameHits(
  deps: ServiceDeps,
  query: NameAnalysis,
  filter: SearchFilter,
): Promise<Ranked[]> {
  const unspaced = query.folded.replaceAll(' ', '');
  const whole = [
    query.han,
    query.pinyin,
    query.regionPinyin,
    query.latin,
    query.initials,
    query.regionInitials,
    unspaced,
  ].filter((v) => v !== '');
  const tokens = [...query.bigrams, ...query.pinyinBigrams, ...query.words];
  const forms = [...new Set([query.pinyin, query.latin, unspaced])].filter((v) =>
    /^[a-z0-9]{6,}$/.test(v),
  );
  const groups = forms.flatMap(typoPieces);
  // tiers, each only while no whole form has matched: long whole forms (few rows); initials
  // (short, shared by many names, so they must not crowd out the one a whole form names);
  // tokens (common ones have many rows); then the pieces a typo leaves intact
  const tiers: Array<() => Promise<KeyMatch[]>> = [
    () =>
      deps.store.matchSearchKeys(
        whole.filter((v) => v.length >= 5),
        filter,
        EXACT_LIMIT,
      ),
    () =>
      deps.store.matchSearchKeys(
        whole.filter((v) => v.length < 5),
        filter,
        SHORT_LIMIT,
      ),
    () => deps.store.matchSearchKeys(tokens, filter, TOKEN_LIMIT),
    () =>
      groups.length === 0
        ? Promise.resolve([])
        : deps.store.fragmentSearchKeys(groups, longest(forms), filter, FRAGMENT_LIMIT),
  ];
  const ranked: Ranked[] = [];
  const seen = new Set<string>();
  for (const rows of tiers) {
    const found = await scoreCandidates(deps, query, await rows(), seen);
    for (const r of found) seen.add(r.subject.id);
    ranked.push(...found);
    ranked.sort(byScore);
    if ((ranked[0]?.score ?? 0) >= STRONG) break;
  }
  return ranked;
}

const longest = (forms: readonly string[]): number => Math.max(...forms.map((f) => f.length));

const byScore = (a: Ranked, b: Ranked) =>
  b.score - a.score || (a.subject.id < b.subject.id ? -1 : 1);

/** The subjects behind the matched keys, those matching most keys first, scored. */
async function scoreCandidates(
  deps: ServiceDeps,
  query: NameAnalysis,
  matches: readonly KeyMatch[],
  skip: ReadonlySet<string> = new Set(),
): Promise<Ranked[]> {
  const hits = new Map<string, number>();
  for (const m of matches)
    if (!skip.has(m.subjectId)) hits.set(m.subjectId, (hits.get(m.subjectId) ?? 0) + 1);
  const candidates = [...hits]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SCORED)
    .map(([id]) => id);
  const scored: Ranked[] = [];
  for (const id of candidates) {
    const subject = await deps.store.getSubject(id);
    if (!subject) continue;
    let best: Ranked | null = null;
    for (const n of subject.names) {
      const s = n.current
        ? scoreName(query, analysed(n.name, subject.kind))
        : former(query, n.name, subject.kind);
      if (!best || s.score > best.score) best = { subject, matched: n.name, ...s };
    }
    if (best && best.score > 0) scored.push(best);
  }
  return scored.sort(byScore);
}

/**
 * A former name is still how counterparties know a subject (its keys stay indexed), but it
 * ranks a little below the same name where it is current (a name another subject now carries),
 * and the hit says it is former.
 */
function former(query: NameAnalysis, name: string, kind: SubjectKind) {
  const s = scoreName(query, analysed(name, kind));
  if (s.score === 0) return s;
  return {
    score: Math.max(0, Math.round((s.score - FORMER) * 1000) / 1000),
    reasons: [...s.reasons, `former name ${name}`],
  };
}

/** what a match on a former name gives up */
const FORMER = 0.02;

/** Names come back as candidates again and again: their analysis is kept (newest 50,000). */
const ANALYSED = new Map<string, NameAnalysis>();
function analysed(name: string, kind: SubjectKind): NameAnalysis {
  const key = `${kind}\u0000${name}`;
  let a = ANALYSED.get(key);
  if (!a) {
    a = analyseName(name, kind);
    if (ANALYSED.size >= 50_000) ANALYSED.delete(ANALYSED.keys().next().value!);
    ANALYSED.set(key, a);
  }
  return a;
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

const toHit = (s: Ranked, listed: boolean): SearchHit => ({
  kind: s.subject.kind,
  name: displayName(s.subject),
  names: s.subject.names.map((n) => n.name),
  identifiers: s.subject.identifiers.map((i) => publicIdentifier(s.subject.kind, i)),
  region: s.subject.region,
  regionName: s.subject.region ? (divisionFullName(s.subject.region) ?? null) : null,
  score: s.score,
  matched: s.matched,
  reasons: s.reasons,
  listed,
});
