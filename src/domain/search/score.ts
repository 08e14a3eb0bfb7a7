import { editDistance } from './edit-distance.js';
import { surnameLength, swapGivenName, type NameAnalysis, type WeakToken } from './normalise.js';
import { regionKey } from './weak-tokens.js';

/**
 * How well a query matches one name of a subject, from 0 to 1, and why (SPEC 4.9). The score
 * is the best of these, each worth at most its weight:
 * - `exact`: a whole form of the query (Chinese core, pinyin, Latin, initials, with or without
 *   the region) equals a whole form of the name: 1.0 for the Chinese core, 0.95 for pinyin or
 *   Latin, 0.85 for initials; a query in Chinese characters is not matched by its initials (a
 *   name with other characters of the same first letters is no exact match for it);
 * - `tokens`: shared tokens (character bigrams, their pinyin, Latin words), 0.9 × the share of
 *   the query's tokens found × the square root of the share of the name's tokens matched;
 * - `similar`: edit distance between whole forms (Chinese core, pinyin, Latin), 0.9 × (1 −
 *   distance / the longer length), counted from a similarity of 0.6; a query in characters
 *   by its core's pinyin, without the region's.
 * Then the weak tokens (legal forms, regions) adjust it: a region both sides name differently
 * costs 0.05 (北京 against 上海), a legal form 0.02 (有限公司 against 股份有限公司), so that of
 * two names alike in their core, the one with the query's region and legal form ranks first;
 * the region weighs more, since a trade name is registered per region while a legal form is
 * often misremembered. A reason names each part that counted.
 */
export interface NameScore {
  score: number;
  reasons: string[];
  /** both name a region, and not the same one */
  otherRegion: boolean;
  /**
   * a close match: a whole form exactly or a few edits away, or every token of the query in the
   * name; a name sharing only some of the query's tokens is not (the portal says nothing is close)
   */
  close: boolean;
}

type Form = 'han' | 'pinyin' | 'latin' | 'initials';

const WEIGHT: Record<Form, number> = { han: 1, pinyin: 0.95, latin: 0.95, initials: 0.85 };
const TOKENS = 0.9;
const SIMILAR = 0.9;
const SIMILAR_FROM = 0.6;
/** what having all the query's characters adds: it decides between names equally near, no more */
const ALL_CHARACTERS = 0.005;
const WEAK_MISMATCH: Record<'suffix' | 'region', number> = { suffix: 0.02, region: 0.05 };

/** The whole forms of a name, each tagged: its core, pinyin, Latin, initials, and with region. */
function wholeForms(a: NameAnalysis): Array<[Form, string]> {
  const forms: Array<[Form, string]> = [
    ['han', a.han],
    ['pinyin', a.pinyin],
    ['pinyin', a.regionPinyin],
    ['latin', a.latin],
    ['initials', a.initials],
    ['initials', a.regionInitials],
  ];
  return forms.filter(([, v]) => v !== '');
}

/** Latin letters a query may be typed in: pinyin, a Latin name, or the folded text unspaced. */
function latinForms(a: NameAnalysis): string[] {
  return [a.pinyin, a.regionPinyin, a.latin, a.folded.replaceAll(' ', '')].filter(
    (v) => v !== '' && /^[a-z0-9]+$/.test(v),
  );
}

const tokensOf = (a: NameAnalysis): Set<string> =>
  new Set([...a.bigrams, ...a.pinyinBigrams, ...a.words]);

/** What scoring needs of a query, worked out once for all the names it is scored against. */
interface QuerySide {
  wholes: Set<string>;
  tokens: Set<string>;
  latin: string[];
}

const QUERY_SIDES = new WeakMap<NameAnalysis, QuerySide>();

function querySide(query: NameAnalysis): QuerySide {
  let side = QUERY_SIDES.get(query);
  if (!side) {
    const wholes = wholeForms(query)
      .filter(([form]) => form !== 'initials' || query.han === '')
      .map(([, v]) => v);
    side = {
      wholes: new Set([...wholes, ...latinForms(query)]),
      tokens: tokensOf(query),
      latin: latinForms(query),
    };
    QUERY_SIDES.set(query, side);
  }
  return side;
}

export function scoreName(query: NameAnalysis, name: NameAnalysis): NameScore {
  const side = querySide(query);
  let best = 0;
  let reasons: string[] = [];
  let close = false;
  const offer = (score: number, reason: string, isClose = true) => {
    if (score > best + 1e-9) {
      best = score;
      reasons = [reason];
      close = isClose;
    }
  };

  // exact: any whole form of the query against any of the name's (a Latin query is pinyin too)
  for (const [form, value] of wholeForms(name)) {
    if (side.wholes.has(value)) offer(WEIGHT[form], `${form} ${value} matches exactly`);
  }

  const q = side.tokens;
  const n = tokensOf(name);
  if (q.size > 0 && n.size > 0) {
    const shared = [...q].filter((t) => n.has(t));
    if (shared.length > 0) {
      const score = TOKENS * (shared.length / q.size) * Math.sqrt(shared.length / n.size);
      offer(
        score,
        `shares ${shared.length} of ${q.size} tokens (${shared.slice(0, 4).join(', ')})`,
        shared.length === q.size,
      );
    }
  }

  const pairs: Array<[string, string, string]> = [];
  if (query.han && name.han) pairs.push(['characters', query.han, name.han]);
  // a query in characters is compared by its core's pinyin: the region's letters, shared by
  // every name of the region, would make them all look alike (the region is weighed below)
  const theirs = query.han
    ? [name.pinyin, name.latin]
    : [name.pinyin, name.regionPinyin, name.latin];
  for (const a of query.han ? [query.pinyin] : side.latin)
    for (const b of theirs) if (b) pairs.push([name.latin === b ? 'latin' : 'pinyin', a, b]);
  for (const [label, a, b] of pairs) {
    const longer = Math.max([...a].length, [...b].length);
    const edits = editDistance(a, b);
    const similarity = 1 - edits / longer;
    if (similarity >= SIMILAR_FROM)
      offer(SIMILAR * similarity, `${label} ${b} is ${edits} edit(s) from ${a}`);
  }

  // of names equally near, the one with every character of the query, in another order, first
  if (query.han && name.han && query.han !== name.han && sameCharacters(query.han, name.han))
    offer(best + ALL_CHARACTERS, `has every character of ${query.han}, in another order`, close);

  const swapped = swappedGivenName(query, name);
  if (swapped) offer(SIMILAR * (1 - 0.5 / Array.from(name.han).length), swapped);

  if (best === 0) return { score: 0, reasons: [], otherRegion: false, close: false };
  let otherRegion = false;
  for (const type of ['suffix', 'region'] as const) {
    const ours = keysOf(query.weak, type);
    const theirs = keysOf(name.weak, type);
    if (differs(type, ours, theirs)) {
      best -= WEAK_MISMATCH[type];
      otherRegion ||= type === 'region';
      reasons.push(
        `${type} ${[...ours.values()].join(' ')} differs from ${[...theirs.values()].join(' ')}`,
      );
    }
  }
  return { score: Math.max(0, Math.round(best * 1000) / 1000), reasons, otherRegion, close };
}

/** The weak tokens of a type by what they are compared by (北京市 and bei jing as beijing), with their text. */
function keysOf(weak: readonly WeakToken[], type: WeakToken['type']): Map<string, string> {
  const keys = new Map<string, string>();
  for (const w of weak)
    if (w.type === type) keys.set(type === 'region' ? regionKey(w.text) : w.text, w.text);
  return keys;
}

/**
 * A legal form differs when the two share none. Regions differ when each side names one the
 * other does not: 上海市松江区 against 上海市宝山区 (a district distinguishes bodies of the same
 * name), but not 上海 against 上海市松江区, which only says more.
 */
function differs(
  type: WeakToken['type'],
  ours: Map<string, string>,
  theirs: Map<string, string>,
): boolean {
  if (ours.size === 0 || theirs.size === 0) return false;
  const missing = (a: Map<string, string>, b: Map<string, string>) =>
    [...a.keys()].some((k) => !b.has(k));
  if (type === 'suffix') return ![...ours.keys()].some((k) => theirs.has(k));
  return missing(ours, theirs) && missing(theirs, ours);
}

/**
 * A person's given name typed with its two characters in the other order (郑轩义 for 郑义轩):
 * every character is there, so it counts half an edit, above a character mistyped. The name is
 * a person's when it has a Han surname and given name and nothing weak.
 */
function swappedGivenName(query: NameAnalysis, name: NameAnalysis): string | undefined {
  const chars = Array.from(name.han);
  if (name.words.length !== 2 || name.weak.length > 0 || chars.length < 3 || chars.length > 4)
    return undefined;
  const swapped = swapGivenName(name.han);
  return swapped !== undefined && query.han === swapped
    ? `given name ${chars.slice(surnameLength(chars.length)).join('')} in the other order`
    : undefined;
}

const sameCharacters = (a: string, b: string): boolean =>
  Array.from(a).sort().join('') === Array.from(b).sort().join('');
