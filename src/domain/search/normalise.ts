/**
 * Normal forms for name search (SPEC 4.9): folded text, identifiers, and the analysis of a
 * name into core and weak tokens with its pinyin, from which the search keys are built.
 *
 * Chinese has no spaces, so a run of Han characters is split by rule, not by a segmenter:
 * regional prefixes and organizational suffixes come off its ends (see weak-tokens.ts) and
 * what remains is one core token (小米科技). Fuzzy matching then works on its character
 * bigrams (小米 米科 科技) and their pinyin (xiaomi mike keji), which also meet Latin words.
 */
import { normaliseId } from '../identifiers/index.js';
import type { SubjectKind } from '../subject.js';
import { initialsOf, syllables } from './pinyin.js';
import { toSimplified } from './script.js';
import { regionShort, splitHan, splitLatin, type NamePart, type WeakType } from './weak-tokens.js';

/**
 * Folds text for comparison: NFKC (full-width ＡＢＣ１２３ and punctuation to half-width),
 * lower case, Latin diacritics dropped, traditional Chinese to simplified, every punctuation
 * mark or symbol to a space, whitespace collapsed. Apostrophes go without a space: Xi'an xian.
 * Pinyin tones go, marked (sūzhōu) or numbered (su1zhou1): suzhou.
 */
export function foldText(text: string): string {
  const compatible = text.normalize('NFKC').toLowerCase().replace(TONE_NUMBERED, toneless);
  const bare = compatible
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
  return toSimplified(bare)
    .replace(/['\u2019\u02bc]/g, '')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

// a word of two or more syllables each with its tone number (su1zhou1, lv4you2, nu:3er2):
// one number alone (a4, mp3) is more likely part of a model or a code than a tone
const TONE_NUMBERED = /(?<![a-z0-9])(?:[a-zü:]{1,6}[0-5]){2,}(?![a-z0-9])/g;
const toneless = (word: string): string => word.replace(/[0-5]/g, '').replace(/u:|ü/g, 'v');

/** An identifier as stored: upper case, no spaces or hyphens, full-width forms made half-width. */
export function normaliseIdentifier(raw: string): string {
  return normaliseId(raw.normalize('NFKC'));
}

/** A weak token found in a name and why it is weak. */
export interface WeakToken {
  text: string;
  type: WeakType;
}

/** What a name is made of, for indexing and for scoring a match. */
export interface NameAnalysis {
  folded: string;
  /** the core tokens in order: each run of Han characters whole, each other word */
  core: readonly string[];
  weak: readonly WeakToken[];
  /** the core without spaces, when it has Han characters (小米科技); otherwise '' */
  han: string;
  /** character bigrams of the core's Han runs; a one-character run stands for itself */
  bigrams: readonly string[];
  /** the core read aloud, when it has Han: a syllable for each Han character, other words whole */
  syllables: readonly string[];
  /** toneless pinyin of the core without spaces (xiaomikeji); '' without Han */
  pinyin: string;
  /** the pinyin of each bigram (xiaomi mike keji) */
  pinyinBigrams: readonly string[];
  /** first letters of the core's syllables (xmkj), other words whole; or of a Latin name's words */
  initials: string;
  /** pinyin and initials with the leading region (beijingxiaomikeji, bjxmkj); '' without one */
  regionPinyin: string;
  regionInitials: string;
  /** the core's Latin words joined, when it has no Han (xiaomitechnology); otherwise '' */
  latin: string;
  /** the core's Latin words; for a Chinese person's name, the pinyin of surname and given name */
  words: readonly string[];
}

interface Part extends NamePart {
  han: boolean;
  /** one syllable per character, for Han parts */
  syllables: readonly string[];
}

/**
 * Analyses a subject's name, Chinese or Latin. Organizations' regional prefixes and legal
 * forms are weak; a person's name has no weak tokens.
 */
export function analyseName(name: string, kind: SubjectKind): NameAnalysis {
  const folded = foldText(name);
  const person = kind === 'person';
  const split = partsOf(folded, person);
  // a name of weak tokens only (有限公司) is searched by all of them
  const parts = split.some((p) => p.role === 'core')
    ? split
    : split.map((p): Part => ({ ...p, role: 'core' }));
  const core = parts.filter((p) => p.role === 'core');
  const coreTexts = core.map((p) => p.text);
  const hanRuns = core.filter((p) => p.han);
  const hasHan = hanRuns.length > 0;
  const latinWords = core.filter((p) => !p.han).map((p) => p.text);
  const read = hasHan ? core.flatMap((p) => (p.han ? p.syllables : [p.text])) : [];
  const pinyin = read.join('');
  const initials = hasHan
    ? core.map((p) => (p.han ? initialsOf(p.syllables) : p.text)).join('')
    : latinWords.map((w) => w.charAt(0)).join('');
  const region = hasHan ? leadingRegions(parts) : [];
  return {
    folded,
    core: coreTexts,
    weak: weakOf(parts),
    han: hasHan ? coreTexts.join('') : '',
    bigrams: hanRuns.flatMap((p) => pairs(Array.from(p.text))),
    syllables: read,
    pinyin,
    pinyinBigrams: hanRuns.flatMap((p) => pairs(p.syllables)),
    // one letter finds nothing by itself
    initials: initials.length >= 2 ? initials : '',
    regionPinyin: region.length > 0 ? `${region.flat().join('')}${pinyin}` : '',
    regionInitials: region.length > 0 ? `${region.map(initialsOf).join('')}${initials}` : '',
    latin: hasHan ? '' : latinWords.join(''),
    words: person && hasHan ? personWords(hanRuns) : latinWords,
  };
}

function weakOf(parts: readonly Part[]): WeakToken[] {
  const weak: WeakToken[] = [];
  for (const { text, role } of parts) if (role !== 'core') weak.push({ text, type: role });
  return weak;
}

// runs of Han characters and other words, each split into its core and weak parts
function partsOf(folded: string, person: boolean): Part[] {
  const parts: Part[] = [];
  const tokens = folded.match(/\p{Script=Han}+|[^\s\p{Script=Han}]+/gu) ?? [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i] as string;
    if (/\p{Script=Han}/u.test(token)) {
      const read = syllables(token, person);
      let at = 0;
      for (const part of person ? [{ text: token, role: 'core' as const }] : splitHan(token)) {
        const length = Array.from(part.text).length;
        parts.push({
          text: part.text,
          role: part.role,
          han: true,
          syllables: read.slice(at, at + length),
        });
        at += length;
      }
      i++;
      continue;
    }
    const words: string[] = [];
    for (; i < tokens.length && !/\p{Script=Han}/u.test(tokens[i] as string); i++) {
      words.push(tokens[i] as string);
    }
    const latin = person
      ? words.map((w) => ({ text: w, role: 'core' as const }))
      : splitLatin(words);
    for (const { text, role } of latin) parts.push({ text, role, han: false, syllables: [] });
  }
  return parts;
}

// the syllables of each Chinese region before the core, read by short name: 北京市 as 北京
function leadingRegions(parts: readonly Part[]): string[][] {
  const regions: string[][] = [];
  for (const part of parts) {
    if (part.role === 'core') break;
    if (part.role !== 'region' || !part.han) continue;
    const short = regionShort(part.text) ?? part.text;
    regions.push(part.syllables.slice(0, Array.from(short).length));
  }
  return regions;
}

// 小米科技: 小米 米科 科技; a run of one stands for itself
function pairs(items: readonly string[]): string[] {
  if (items.length === 1) return [...items];
  return items.slice(1).map((item, i) => `${items[i]}${item}`);
}

/** How many characters of a Chinese person's name are the surname: two in a name of four (欧阳娜娜). */
export function surnameLength(nameLength: number): number {
  return nameLength >= 4 ? 2 : 1;
}

/**
 * A Chinese person's name with the two characters of its given name in the other order
 * (郑义轩 郑轩义), as they are often mistyped; undefined for a name of other lengths.
 */
export function swapGivenName(han: string): string | undefined {
  const chars = Array.from(han);
  if (chars.length < 3 || chars.length > 4) return undefined;
  const surname = surnameLength(chars.length);
  const [a, b] = chars.slice(surname);
  return a === b ? undefined : [...chars.slice(0, surname), b, a].join('');
}

// 张三丰: zhang, sanfeng; a name written in several runs (阿卜杜·热合曼) has one word a run
function personWords(runs: readonly Part[]): string[] {
  if (runs.length > 1) return runs.map((r) => r.syllables.join(''));
  const read = runs[0]?.syllables ?? [];
  if (read.length < 2) return [read.join('')];
  const surname = surnameLength(read.length);
  return [read.slice(0, surname).join(''), read.slice(surname).join('')];
}

/** What a search key was made from, so that a match can say why. */
export type SearchKeyKind =
  | 'han'
  | 'han-bigram'
  | 'pinyin'
  | 'pinyin-bigram'
  | 'initials'
  | 'region-pinyin'
  | 'region-initials'
  | 'latin'
  | 'word';

export interface SearchKey {
  kind: SearchKeyKind;
  value: string;
}

/**
 * The strings a store indexes for a name, each tagged with its kind, without duplicates.
 * `han`, `pinyin`, `initials`, `region-*` and `latin` are one string each, for trigram
 * similarity; `han-bigram`, `pinyin-bigram` and `word` are tokens, for exact lookup.
 */
export function searchKeys(analysis: NameAnalysis): SearchKey[] {
  const keys: SearchKey[] = [];
  const seen = new Set<string>();
  const add = (kind: SearchKeyKind, values: readonly string[]) => {
    for (const value of values) {
      if (value === '' || seen.has(`${kind} ${value}`)) continue;
      seen.add(`${kind} ${value}`);
      keys.push({ kind, value });
    }
  };
  add('han', [analysis.han]);
  add('pinyin', [analysis.pinyin]);
  add('initials', [analysis.initials]);
  add('region-pinyin', [analysis.regionPinyin]);
  add('region-initials', [analysis.regionInitials]);
  add('latin', [analysis.latin]);
  add('han-bigram', analysis.bigrams);
  add('pinyin-bigram', analysis.pinyinBigrams);
  add('word', analysis.words);
  return keys;
}
