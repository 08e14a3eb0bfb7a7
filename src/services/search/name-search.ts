import { distance } from 'fastest-levenshtein';
import { hanNeighbours } from '../../domain/search/han-neighbours.js';
import { editNeighbours } from '../../domain/search/neighbours.js';
import {
  analyseName,
  swapGivenName,
  type NameAnalysis,
  type SearchKeyKind,
} from '../../domain/search/normalise.js';
import { queryReadings, type Reading } from '../../domain/search/readings.js';
import { scoreName, type NameScore } from '../../domain/search/score.js';
import type { Subject, SubjectKind } from '../../domain/subject.js';
import { typoPieces } from '../../store/search-keys.js';
import type { KeyMatch, SearchFilter } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';

/** A subject found, with its score, the name that matched and why. */
export interface Ranked extends NameScore {
  subject: Subject;
  matched: string;
}

/** One way of finding candidates: the key rows it looks up, and the best score that ends the search. */
interface Tier {
  lookup: () => Promise<KeyMatch[]>;
  /** rarity: a row counts less the more rows its key has; flat: every row counts the same */
  weigh: 'rarity' | 'flat';
  enough: number;
}

/** What one tier did, for a diagnosis of lost answers (bench/search-diagnose.ts). */
export interface TierTrace {
  tier: number;
  rows: readonly KeyMatch[];
  /** the new candidates in the order they compete for FETCHED, before the cut */
  ranked: readonly string[];
  /** the ones scored in full */
  chosen: readonly string[];
  stopped: boolean;
}

/** Off unless a diagnosis sets it: each tier's trace as it runs. */
export const tierTrace: { on?: (t: TierTrace) => void } = {};

/** key rows a value: whole forms, initials, one-edit neighbours, tokens; trigram rows in all */
const WHOLE_ROWS = 200;
const SHORT_ROWS = 100;
const NEAR_ROWS = 20;
const TOKEN_ROWS = 300;
const PIECE_ROWS = 500;
/** the keys a whole form is looked up among: a token of the same letters (a word, a bigram) is no match */
const WHOLE_KINDS: readonly SearchKeyKind[] = [
  'han',
  'pinyin',
  'latin',
  'initials',
  'region-pinyin',
  'region-initials',
];
/** candidates read from the store a tier, and of those, scored in full */
const FETCHED = 400;
const SCORED = 12;
/** a whole form matched exactly: no typo is looked for */
const STRONG = 0.85;
/** a form one edit away matched: tokens would find nothing better */
const NEAR = 0.65;
/** below this after the tokens, the trigram pieces are tried */
const WEAK = 0.6;

/**
 * The subjects whose names match a query, best first (SPEC 4.9). Tiers of key lookups run in
 * order until one finds a good enough match: whole forms, initials, a core in characters one
 * slip away (two swapped, a look-alike), forms one edit away, tokens, then trigram pieces. Each tier's candidates are ranked by what they share with the query
 * (a rare key counts more than a common one) and by a cheap edit distance over their names, and
 * only the best few are scored in full with `scoreName`.
 */
export async function nameHits(
  deps: ServiceDeps,
  query: NameAnalysis,
  filter: SearchFilter,
): Promise<Ranked[]> {
  const evidence = new Map<string, number>();
  const scored = new Set<string>();
  const ranked: Ranked[] = [];
  const quick = quickForm(query.folded);
  const readings = queryReadings(query, filter.kind ?? 'business');
  for (const [index, tier] of tiersFor(deps, query, filter, readings).entries()) {
    const rows = await tier.lookup();
    weigh(evidence, rows, tier.weigh);
    const all = [...new Set(rows.map((r) => r.subjectId))]
      .filter((id) => !scored.has(id))
      .sort((a, b) => (evidence.get(b) ?? 0) - (evidence.get(a) ?? 0) || (a < b ? -1 : 1));
    const fresh = all.slice(0, FETCHED);
    const subjects = fresh.length === 0 ? [] : await deps.store.getSubjects(fresh);
    const near = new Map(subjects.map((s) => [s.id, nearness(quick, s)]));
    const chosen = subjects
      .sort(
        (a, b) =>
          (evidence.get(b.id) ?? 0) - (evidence.get(a.id) ?? 0) ||
          near.get(a.id)! - near.get(b.id)! ||
          (a.id < b.id ? -1 : 1),
      )
      .slice(0, SCORED);
    for (const subject of chosen) {
      scored.add(subject.id);
      const r = scoreSubject(query, subject, readings);
      if (r) ranked.push(r);
    }
    ranked.sort(byScore);
    // a name alike but registered in another region than the query's: a nearer one may be at
    // home, and once one at home is good enough, later tiers find none nearer
    const home = ranked.find((r) => !r.otherRegion);
    const stopped = home !== undefined && home.score >= tier.enough;
    tierTrace.on?.({ tier: index, rows, ranked: all, chosen: chosen.map((s) => s.id), stopped });
    if (stopped) break;
  }
  return ranked;
}

function tiersFor(
  deps: ServiceDeps,
  query: NameAnalysis,
  filter: SearchFilter,
  readings: readonly Reading[],
): Tier[] {
  const match = (values: readonly string[], rows: number, kinds?: readonly string[]) => () =>
    values.length === 0
      ? Promise.resolve([])
      : deps.store.matchSearchKeys(values, filter, rows, kinds);
  const han = query.han !== '';
  const unspaced = query.folded.replaceAll(' ', '');
  const latin = unique([query.pinyin, query.latin, unspaced]).filter((v) => /^[a-z0-9]+$/.test(v));
  // a query in characters is not looked up by its initials: many other names share them
  const whole = unique([
    query.han,
    query.pinyin,
    query.regionPinyin,
    query.latin,
    unspaced,
    ...(han ? [] : [query.initials, query.regionInitials, ...otherWordOrders(query.words)]),
    // a name of three or four characters may be a person's with the given name swapped
    ...(han && query.weak.length === 0 ? [swapGivenName(query.han) ?? ''] : []),
    // another reading as likely as the query's own (a level word as the name's syllable)
    ...readings.filter((r) => r.factor === 1).flatMap((r) => wholeOf(r.analysis)),
  ]);
  // one typo in a Latin form, or one mistyped character, which changes at most one initial;
  // initials without a region are too common to look up that way
  const nearForms = han
    ? [query.regionInitials || (query.initials.length >= 6 ? query.initials : '')]
    : latin.filter((v) => v.length >= 4);
  const looked = new Set(whole);
  // the core in characters one slip away, or as read with a look-alike taken for its partner
  const slipped = unique([
    ...hanNeighbours(query.han),
    ...readings.filter((r) => r.factor < 1).map((r) => r.analysis.han),
  ]).filter((v) => !looked.has(v));
  const near = unique(nearForms.flatMap((f) => editNeighbours(f))).filter((v) => !looked.has(v));
  const pieces = latin.filter((v) => /^[a-z0-9]{6,}$/.test(v));
  return [
    {
      lookup: match(
        whole.filter((v) => !short(v)),
        WHOLE_ROWS,
        WHOLE_KINDS,
      ),
      weigh: 'rarity',
      enough: STRONG,
    },
    {
      lookup: match(whole.filter(short), SHORT_ROWS, WHOLE_KINDS),
      weigh: 'rarity',
      enough: STRONG,
    },
    { lookup: match(slipped, WHOLE_ROWS, ['han']), weigh: 'rarity', enough: NEAR },
    { lookup: match(near, NEAR_ROWS, WHOLE_KINDS), weigh: 'flat', enough: NEAR },
    {
      lookup: match([...query.bigrams, ...query.pinyinBigrams, ...query.words], TOKEN_ROWS),
      weigh: 'rarity',
      enough: WEAK,
    },
    {
      lookup: () =>
        pieces.length === 0
          ? Promise.resolve([])
          : deps.store.fragmentSearchKeys(
              pieces.flatMap(typoPieces),
              Math.max(...pieces.map((p) => p.length)),
              filter,
              PIECE_ROWS,
            ),
      weigh: 'flat',
      enough: 0,
    },
  ];
}

/** the whole forms of a reading a key can equal, as the query's own are looked up */
const wholeOf = (a: NameAnalysis): string[] => [
  a.han,
  a.pinyin,
  a.regionPinyin,
  a.latin,
  a.folded.replaceAll(' ', ''),
];

// a Latin form under 5 letters (initials, mostly) is shared by many names; 4 characters are not
const short = (v: string): boolean => /^[a-z0-9]{1,4}$/.test(v);

const unique = (values: readonly string[]): string[] =>
  [...new Set(values)].filter((v) => v !== '');

// a Latin name's core words in another order, joined as its key is: swapped words are found exactly
function otherWordOrders(words: readonly string[]): string[] {
  if (words.length < 2 || words.length > 4) return [];
  const orders = (rest: readonly string[]): string[][] =>
    rest.length <= 1
      ? [[...rest]]
      : rest.flatMap((w, i) =>
          orders([...rest.slice(0, i), ...rest.slice(i + 1)]).map((o) => [w, ...o]),
        );
  return orders(words)
    .map((o) => o.join(''))
    .slice(1);
}

// a row of a key that many subjects share says less than a row of a rare key
function weigh(evidence: Map<string, number>, rows: readonly KeyMatch[], how: Tier['weigh']) {
  const perKey = new Map<string, number>();
  for (const r of rows) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
  for (const r of rows) {
    const w = how === 'flat' ? 1 : 1 / Math.log2(1 + perKey.get(r.key)!);
    evidence.set(r.subjectId, (evidence.get(r.subjectId) ?? 0) + w);
  }
}

/** Text as compared cheaply: compatibility forms folded, lower case, letters and digits only. */
const quickForm = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

// the share of a name that differs from the query, over the nearest of its names: a bound
// that needs no pinyin, to choose the few candidates worth scoring in full
function nearness(quick: string, subject: Subject): number {
  let near = 1;
  for (const n of subject.names) {
    const form = quickForm(n.name);
    near = Math.min(near, distance(quick, form) / Math.max(quick.length, form.length, 1));
  }
  return near;
}

const byScore = (a: Ranked, b: Ranked) =>
  b.score - a.score || (a.subject.id < b.subject.id ? -1 : 1);

/**
 * A subject's best-matching name, scored; null when none matches at all. Through another
 * reading of the query a name scores as it does against the reading, times its factor.
 */
function scoreSubject(
  query: NameAnalysis,
  subject: Subject,
  readings: readonly Reading[] = [],
): Ranked | null {
  let best: Ranked | null = null;
  const score = (q: NameAnalysis, n: Subject['names'][number]) =>
    n.current ? scoreName(q, analysed(n.name, subject.kind)) : former(q, n.name, subject.kind);
  for (const n of subject.names) {
    const s = score(query, n);
    if (!best || s.score > best.score) best = { subject, matched: n.name, ...s };
    for (const r of readings) {
      const read = score(r.analysis, n);
      const value = Math.round(read.score * r.factor * 1000) / 1000;
      if (read.score > 0 && value > best.score)
        best = {
          subject,
          matched: n.name,
          ...read,
          score: value,
          reasons: [r.reason, ...read.reasons],
        };
    }
  }
  return best && best.score > 0 ? best : null;
}

/**
 * A former name is still how counterparties know a subject (its keys stay indexed), but it
 * ranks a little below the same name where it is current (a name another subject now carries),
 * and the hit says it is former.
 */
function former(query: NameAnalysis, name: string, kind: SubjectKind): NameScore {
  const s = scoreName(query, analysed(name, kind));
  if (s.score === 0) return s;
  return {
    ...s,
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
