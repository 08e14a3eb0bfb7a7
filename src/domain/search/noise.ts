/**
 * Noisy queries made from known names, with their true answers: the quality set that search
 * tests and the benchmark measure recall and precision on. Seeded, so a set can be rebuilt.
 */
import { mixSeed, Rng } from '../prng.js';
import type { SubjectKind } from '../subject.js';
import { lookAlikesOf } from './look-alike.js';
import {
  analyseName,
  foldText,
  surnameLength,
  swapGivenName,
  type NameAnalysis,
} from './normalise.js';
import { syllables, tonedSyllables } from './pinyin.js';
import { toTraditional } from './script.js';

export const NOISE_KINDS = [
  'typo',
  'pinyin',
  'initials',
  'suffix',
  'full-width',
  'swap',
  'english',
  'traditional',
] as const;
/**
 * What people type that the first set missed (issue 19): the exact name, pinyin with tones,
 * the whole name in pinyin with its legal form, spaced pinyin with the region, two characters
 * transposed, a look-alike character, a person's given name swapped. Kept apart, so that the
 * first set's tests and numbers stay comparable.
 */
export const TYPED_NOISE_KINDS = [
  'exact',
  'tones',
  'pinyin-form',
  'spaced-region',
  'transposed',
  'look-alike',
  'given-swap',
] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number] | (typeof TYPED_NOISE_KINDS)[number];
export const ALL_NOISE_KINDS: readonly NoiseKind[] = [...NOISE_KINDS, ...TYPED_NOISE_KINDS];

/** A known subject's name: what a noisy query should find. */
export interface KnownName {
  name: string;
  kind: SubjectKind;
  /** the registered English name, where there is one */
  nameEn?: string | null;
}

export interface NoisyQuery<T extends KnownName = KnownName> {
  noise: NoiseKind;
  query: string;
  /** the name the query was made from, as given (with whatever else the caller keeps on it) */
  truth: T;
}

/** Makes one noisy query of a kind, or undefined when the kind does not apply to the name. */
export type Noise = (known: KnownName, analysis: NameAnalysis, rng: Rng) => string | undefined;

const HAN = /\p{Script=Han}/u;
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

/** One edit: a Chinese character substituted or deleted, or a letter edited in a Latin word or the pinyin. */
export const typo: Noise = (known, analysis, rng) => {
  const run = analysis.core.find((t) => HAN.test(t) && Array.from(t).length >= 2);
  const at = run === undefined ? -1 : known.name.indexOf(run);
  if (run !== undefined && at >= 0 && rng.chance(0.5)) {
    return `${known.name.slice(0, at)}${hanTypo(run, rng)}${known.name.slice(at + run.length)}`;
  }
  if (analysis.pinyin !== '') return latinTypo(analysis.pinyin, rng);
  const words = analysis.folded.split(' ');
  const targets = words.flatMap((w, i) => (w.length >= 3 && analysis.core.includes(w) ? [i] : []));
  if (targets.length === 0) return undefined;
  const i = rng.pick(targets);
  return words.map((w, j) => (j === i ? latinTypo(w, rng) : w)).join(' ');
};

// a neighbouring code point mostly shares the radical, as a mistyped character often does; one
// that folds back to the same character (its traditional form) would be no typo
function hanTypo(run: string, rng: Rng): string {
  const chars = Array.from(run);
  const i = rng.int(0, chars.length - 1);
  if (chars.length >= 3 && rng.chance(0.5)) return chars.filter((_, j) => j !== i).join('');
  const code = (chars[i] as string).codePointAt(0) as number;
  const step = rng.chance(0.5) ? 1 : -1;
  const differs = (c: string) => HAN.test(c) && foldText(c) !== foldText(chars[i] as string);
  let other = code + step;
  while (!differs(String.fromCodePoint(other))) other += step;
  chars[i] = String.fromCodePoint(other);
  return chars.join('');
}

function latinTypo(word: string, rng: Rng): string {
  const i = rng.int(0, word.length - 1);
  const letter = () => rng.pick(LETTERS.filter((l) => l !== word[i]));
  // a single letter has nothing to transpose, and deleting it leaves nothing
  const edits = ['substitution', 'deletion', 'insertion', 'transposition'] as const;
  switch (word.length < 2 ? 'insertion' : rng.pick(edits)) {
    case 'substitution':
      return `${word.slice(0, i)}${letter()}${word.slice(i + 1)}`;
    case 'deletion':
      return `${word.slice(0, i)}${word.slice(i + 1)}`;
    case 'insertion':
      return `${word.slice(0, i)}${letter()}${word.slice(i)}`;
    case 'transposition': {
      const j = Math.min(i, word.length - 2);
      if (word[j] === word[j + 1]) return `${word.slice(0, i)}${letter()}${word.slice(i + 1)}`;
      return `${word.slice(0, j)}${word[j + 1]}${word[j]}${word.slice(j + 2)}`;
    }
  }
}

/** The full pinyin of a Chinese name: xiaomikeji, beijingxiaomikeji, xiao mi ke ji or Xiaomi Keji. */
export const pinyinForm: Noise = (known, analysis, rng) => {
  if (analysis.pinyin === '') return undefined;
  const styles = [
    analysis.pinyin,
    analysis.syllables.join(' '),
    // words as people space them: surname and given name, or pairs of syllables
    known.kind === 'person' ? analysis.words.join(' ') : pairUp(analysis.syllables).join(' '),
  ];
  if (analysis.regionPinyin !== '') styles.push(analysis.regionPinyin);
  const query = rng.pick(styles);
  return rng.chance(0.3) ? titleCase(query) : query;
};

function pairUp(items: readonly string[]): string[] {
  return items.flatMap((item, i) => (i % 2 === 1 ? [] : [`${item}${items[i + 1] ?? ''}`]));
}

function titleCase(text: string): string {
  return text.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}

/** The pinyin initials (xmkj, bjxmkj) or a Latin name's acronym, in either case. */
export const initialsForm: Noise = (_known, analysis, rng) => {
  const choices = [analysis.initials, analysis.regionInitials].filter((i) => i !== '');
  if (choices.length === 0) return undefined;
  const query = rng.pick(choices);
  return rng.chance(0.5) ? query.toUpperCase() : query;
};

const HAN_FORMS = ['有限公司', '有限责任公司', '股份有限公司', ''];
const LATIN_FORMS = ['Co., Ltd.', 'Limited', 'Inc.', 'Corporation', ''];
const HAN_FORM = /(?:股份有限公司|有限责任公司|有限公司)$/;
const LATIN_FORM = /\s*(?:Co\.?,?\s*Ltd\.?|Limited|Inc\.?|Corp(?:oration|\.)?)$/i;

/**
 * Another legal form in the place of the Chinese or the English name's, or none:
 * 有限公司 ↔ 有限责任公司 ↔ 股份有限公司, Co., Ltd. ↔ Limited ↔ Inc. ↔ Corporation.
 */
export const suffixChange: Noise = (known, _analysis, rng) => {
  const changed = [known.name, known.nameEn ?? ''].flatMap((name) => {
    const han = HAN.test(name);
    const found = (han ? HAN_FORM : LATIN_FORM).exec(name);
    if (!found) return [];
    const current = found[0].trim().toLowerCase();
    const form = rng.pick(
      (han ? HAN_FORMS : LATIN_FORMS).filter((f) => f.toLowerCase() !== current),
    );
    const space = han || form === '' ? '' : ' ';
    return [`${name.slice(0, found.index)}${space}${form}`];
  });
  return changed.length > 0 ? rng.pick(changed) : undefined;
};

// ASCII ! to ~ have full-width forms at U+FF01 to U+FF5E; the full-width space is U+3000
function toFullWidth(text: string): string {
  return text
    .replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    .replace(/ /g, '\u3000');
}

/**
 * The name as typed on a Chinese keyboard: its Latin letters and digits full-width; a Chinese
 * name without any gets full-width spaces (U+3000, ␣ here) around its core (北京␣小米科技␣有限公司)
 * or after the surname (张␣三); failing both, the English name full-width.
 */
export const fullWidth: Noise = (known, analysis) => {
  if (/[!-~]/.test(known.name)) return toFullWidth(known.name);
  const core = analysis.core[0] ?? '';
  const chars = Array.from(known.name);
  const surname = surnameLength(chars.length);
  const spaced =
    known.kind === 'person'
      ? `${chars.slice(0, surname).join('')}\u3000${chars.slice(surname).join('')}`
      : known.name.replace(core, `\u3000${core}\u3000`).trim();
  if (HAN.test(known.name) && spaced !== known.name) return spaced;
  return known.nameEn ? toFullWidth(known.nameEn) : undefined;
};

/**
 * Tokens in another order: a Chinese name's regional prefix after its core (小米科技（北京）有限公司),
 * a Chinese person's name in pinyin given name first (Sanfeng Zhang), or two neighbouring core
 * words of a Latin name swapped.
 */
export const swapTokens: Noise = (known, analysis, rng) => {
  const [first] = analysis.weak;
  const core = analysis.core[0] ?? '';
  if (first?.type === 'region' && known.name.startsWith(first.text) && HAN.test(core)) {
    const rest = known.name.slice(first.text.length);
    const end = rest.indexOf(core) + core.length;
    if (end >= core.length) return `${rest.slice(0, end)}（${first.text}）${rest.slice(end)}`;
  }
  if (known.kind === 'person' && analysis.pinyin !== '' && analysis.words.length === 2) {
    return titleCase([...analysis.words].reverse().join(' '));
  }
  const latinName = HAN.test(known.name) ? known.nameEn : known.name;
  if (!latinName) return undefined;
  const latinCore = analyseName(latinName, known.kind).core;
  const tokens = latinName.split(' ');
  const isCore = (t: string | undefined) => t !== undefined && latinCore.includes(foldText(t));
  const pairs = tokens.flatMap((t, i) => (isCore(t) && isCore(tokens[i + 1]) ? [i] : []));
  if (pairs.length === 0) return undefined;
  const i = rng.pick(pairs);
  [tokens[i], tokens[i + 1]] = [tokens[i + 1] as string, tokens[i] as string];
  return tokens.join(' ');
};

/** The registered English name of a Chinese name. */
export const englishForm: Noise = (known) =>
  known.nameEn && known.nameEn !== known.name ? known.nameEn : undefined;

/** The name in traditional characters, as written in Taiwan or Hong Kong. */
export const traditionalForm: Noise = (known, _analysis, rng) => {
  const query = rng.pick(toTraditional())(known.name);
  return query === known.name ? undefined : query;
};

/** The name as registered: its holder must come first. */
export const exactName: Noise = (known) => known.name;

/** The pinyin of the whole name with tone numbers (su1zhou1…) or marks (sū zhōu …). */
export const tonedPinyin: Noise = (known, _analysis, rng) => {
  if (!HAN.test(known.name)) return undefined;
  const han = (known.name.match(/\p{Script=Han}+/gu) ?? []).join('');
  return rng.chance(0.5)
    ? tonedSyllables(han, 'num').join('')
    : tonedSyllables(han, 'symbol').join(rng.chance(0.5) ? ' ' : '');
};

/** The whole name in pinyin, region and legal form too, joined or spaced. */
export const pinyinWithForm: Noise = (known, analysis, rng) => {
  if (analysis.pinyin === '' || analysis.weak.length === 0 || known.kind === 'person')
    return undefined;
  const read = syllables((known.name.match(/\p{Script=Han}+/gu) ?? []).join(''));
  return rng.chance(0.5) ? read.join('') : read.join(' ');
};

/** A name with its region in spaced pinyin, title case, without the legal form: Gui Zhou Ding Chen. */
export const spacedRegion: Noise = (known, analysis) => {
  const region = analysis.weak.filter((w) => w.type === 'region' && HAN.test(w.text));
  const core = analysis.core.filter((c) => HAN.test(c));
  if (region.length === 0 || core.length === 0 || !known.name.startsWith(region[0]!.text))
    return undefined;
  return titleCase(syllables([...region.map((r) => r.text), ...core].join('')).join(' '));
};

/** Two neighbouring characters of the core in the other order. */
export const transposed: Noise = (known, analysis, rng) => {
  const run = analysis.core.find((t) => HAN.test(t) && Array.from(t).length >= 2);
  const at = run === undefined ? -1 : known.name.indexOf(run);
  if (run === undefined || at < 0) return undefined;
  const chars = Array.from(run);
  const i = rng.int(0, chars.length - 2);
  if (chars[i] === chars[i + 1]) return undefined;
  [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  return `${known.name.slice(0, at)}${chars.join('')}${known.name.slice(at + run.length)}`;
};

/** A character of the name replaced by one that looks like it (己 for 已). */
export const lookAlike: Noise = (known, _analysis, rng) => {
  const chars = Array.from(known.name);
  const places = chars.flatMap((c, i) => (lookAlikesOf(c).length > 0 ? [i] : []));
  if (places.length === 0) return undefined;
  const i = rng.pick(places);
  chars[i] = rng.pick(lookAlikesOf(chars[i]!));
  return chars.join('');
};

/** A Chinese person's given name of two characters in the other order (郑轩义 for 郑义轩). */
export const givenNameSwapped: Noise = (known) =>
  known.kind === 'person' ? swapGivenName(known.name) : undefined;

/** The maker of each kind of noise. */
export const NOISE: Readonly<Record<NoiseKind, Noise>> = {
  typo,
  pinyin: pinyinForm,
  initials: initialsForm,
  suffix: suffixChange,
  'full-width': fullWidth,
  swap: swapTokens,
  english: englishForm,
  traditional: traditionalForm,
  exact: exactName,
  tones: tonedPinyin,
  'pinyin-form': pinyinWithForm,
  'spaced-region': spacedRegion,
  transposed,
  'look-alike': lookAlike,
  'given-swap': givenNameSwapped,
};

/** One noisy query of a kind made from a known name, drawn from `rng`; undefined when the kind does not apply. */
export function noisyQuery<T extends KnownName>(
  truth: T,
  noise: NoiseKind,
  rng: Rng,
): NoisyQuery<T> | undefined {
  const query = NOISE[noise](truth, analyseName(truth.name, truth.kind), rng);
  // the exact name is a query of its own kind; elsewhere it would be no noise
  return query === undefined || (query === truth.name && noise !== 'exact')
    ? undefined
    : { noise, query, truth };
}

/**
 * `count` noisy queries over the known names, the kinds in turn; the i-th query depends only
 * on the seed and i. A kind that does not apply to the drawn name is tried on other names.
 */
export function noisyQueries<T extends KnownName>(
  known: readonly T[],
  seed: number,
  count: number,
  kinds: readonly NoiseKind[] = NOISE_KINDS,
): NoisyQuery<T>[] {
  const queries: NoisyQuery<T>[] = [];
  for (let i = 0; i < count && known.length > 0; i++) {
    const rng = new Rng(mixSeed(seed, i));
    const noise = kinds[i % kinds.length] as NoiseKind;
    for (let attempt = 0; attempt < 20; attempt++) {
      const made = noisyQuery(rng.pick(known), noise, rng);
      if (made) {
        queries.push(made);
        break;
      }
    }
  }
  return queries;
}
