/**
 * Weak tokens: the parts of a name that many names share and that carry little of its identity,
 * so that search counts them at a discount. Organizational forms (有限公司, Co., Ltd.) and
 * regional prefixes (北京, 广东省, Beijing), taken from the GB/T 2260 division list.
 */
import {
  COUNTY_CODES,
  divisionName,
  PREFECTURE_NAMES,
  PROVINCE_NAMES,
} from '../identifiers/index.js';
import { syllables } from './pinyin.js';

export type WeakType = 'suffix' | 'region';

/** A part of a name and what it is. */
export interface NamePart {
  text: string;
  role: 'core' | WeakType;
}

// legal forms and branch words; matched longest first at the end of a Chinese name
const HAN_SUFFIXES: readonly string[] = (
  '股份有限公司 有限责任公司 有限公司 股份公司 总公司 分公司 子公司 公司 集团 控股 ' +
  '合伙企业 特殊普通合伙 普通合伙 有限合伙 个人独资企业 个体工商户 ' +
  '农民专业合作社 专业合作社 合作社 分行 支行 分店 办事处 代表处'
)
  .split(' ')
  .sort((a, b) => b.length - a.length);

// Latin legal forms as folding leaves them, joined (`Co., Ltd.` is `co ltd`, `S.A.` is `s a`
// and matches `sa`), and the few function words that names add without meaning
const LATIN_SUFFIXES: readonly string[] = (
  'co company ltd limited inc incorporated corp corporation llc llp plc group holding ' +
  'holdings jointstock gmbh ag sa spa srl bv nv pte pty the of and'
).split(' ');

// the form without its level: 广东省 广东, 广西壮族自治区 广西, 深圳市 深圳; only provinces and
// prefecture-level cities are known by it (阿里地区 without 地区 is 阿里巴巴's first half)
const PROVINCE_LEVEL = /(?:省|市|特别行政区|自治区)$/;
// the people an autonomous region is named for: 广西壮族, 宁夏回族, 新疆维吾尔
const PEOPLE = /(?:\p{Script=Han}族|维吾尔)$/u;

function shortProvince(name: string): string {
  return name.replace(PROVINCE_LEVEL, '').replace(PEOPLE, '');
}

// the short names that stand for a region on their own: provinces and prefecture-level cities
const SHORT_NAMES: ReadonlyMap<string, string> = new Map([
  ...PROVINCE_NAMES.map((n) => [n, shortProvince(n)] as const),
  ...PREFECTURE_NAMES.filter((n) => n.endsWith('市')).map((n) => [n, n.slice(0, -1)] as const),
]);

// counties only in full (朝阳区, 德安县): their bare names are too often ordinary words
const COUNTY_FORMS: readonly string[] = COUNTY_CODES.map((c) => divisionName(c) ?? '').filter(
  (n) => n.length >= 3,
);

/** Every written form of a region, mapped to the short name its pinyin is taken from. */
const REGION_FORMS: ReadonlyMap<string, string> = new Map([
  ...COUNTY_FORMS.map((n) => [n, n] as const),
  ...PREFECTURE_NAMES.map((n) => [n, n] as const),
  ...SHORT_NAMES,
  ...[...SHORT_NAMES.values()].map((s) => [s, s] as const),
]);

const REGION_LENGTHS = [...new Set([...REGION_FORMS.keys()].map((f) => f.length))].sort(
  (a, b) => b - a,
);

/** The short name of a region form (北京市 北京), or undefined when the text names no region. */
export function regionShort(text: string): string | undefined {
  return REGION_FORMS.get(text);
}

// the level a region's name may carry after it in pinyin: bei jing shi, guang dong sheng
export const LEVEL_WORDS = ['shi', 'sheng', 'zizhiqu', 'tebiexingzhengqu'];

/** A weak word in Latin letters: what it is, and for a region the key it is compared by. */
interface LatinWeak {
  type: WeakType;
  key: string;
}

let latinWeak: ReadonlyMap<string, LatinWeak> | null = null;

/**
 * Latin weak words, keyed by their letters without spaces (`you xian gong si` is one): short
 * regional names alone or with their level (beijing, beijingshi), counties in full (yanqingqu),
 * Latin and pinyin legal forms. Built on first use: reading 3,000 county names takes a moment.
 */
function latinWeakWords(): ReadonlyMap<string, LatinWeak> {
  if (latinWeak) return latinWeak;
  const words = new Map<string, LatinWeak>();
  for (const w of LATIN_SUFFIXES) words.set(w, { type: 'suffix', key: w });
  for (const s of HAN_SUFFIXES) {
    const read = syllables(s).join('');
    words.set(read, { type: 'suffix', key: read });
  }
  for (const [form, short] of REGION_FORMS) {
    if (form !== short) continue;
    const key = regionKey(form);
    words.set(key, { type: 'region', key });
    if (SHORT_FORMS.has(form))
      for (const level of LEVEL_WORDS) words.set(`${key}${level}`, { type: 'region', key });
  }
  latinWeak = words;
  return words;
}

const SHORT_FORMS: ReadonlySet<string> = new Set(SHORT_NAMES.values());

const REGION_KEYS = new Map<string, string>();

/**
 * What a region is compared by, however it is written: the pinyin of its short name for a
 * province or city (北京, 北京市, bei jing shi: beijing), of its full name for a county
 * (延庆区, yan qing qu: yanqingqu). Text that names no known region is its letters.
 */
export function regionKey(text: string): string {
  let key = REGION_KEYS.get(text);
  if (key === undefined) {
    const short = REGION_FORMS.get(text);
    key =
      short !== undefined
        ? syllables(short).join('')
        : (latinWeakWords().get(text.replaceAll(' ', ''))?.key ?? text.replaceAll(' ', ''));
    REGION_KEYS.set(text, key);
  }
  return key;
}

/** Pinyin legal forms, longest first, that a name typed in one word may end with (youxiangongsi). */
let joinedSuffixes: readonly string[] | null = null;
const pinyinSuffixes = (): readonly string[] =>
  (joinedSuffixes ??= HAN_SUFFIXES.map((s) => syllables(s).join(''))
    .filter((s) => s.length >= 6)
    .sort((a, b) => b.length - a.length));

/** the letters of core a joined word keeps before a legal form for the form to count as one */
const JOINED_CORE = 4;

// the most words one weak form can take: 特殊普通合伙 te shu pu tong he huo
const MAX_WEAK_WORDS = 6;

/**
 * Splits a run of Han characters of an organization's name into its parts: regional prefixes,
 * the core, organizational suffixes with any region just before one (…有限公司北京分公司).
 * A prefix is weak only while at least two characters of core remain after it.
 */
export function splitHan(run: string): NamePart[] {
  if (REGION_FORMS.has(run)) return [{ text: run, role: 'region' }];
  // every form is in the basic plane, so code-unit positions cannot split a match
  const tail: NamePart[] = [];
  let end = run.length;
  let afterSuffix = false;
  for (;;) {
    const suffix = HAN_SUFFIXES.find((s) => run.endsWith(s, end));
    const region =
      suffix || !afterSuffix
        ? undefined
        : longestRegion((n) => (n <= end ? run.slice(end - n, end) : ''));
    const found = suffix ?? region;
    if (found === undefined) break;
    tail.unshift({ text: found, role: suffix ? 'suffix' : 'region' });
    end -= found.length;
    afterSuffix = suffix !== undefined;
  }
  const head: NamePart[] = [];
  let start = 0;
  for (;;) {
    const region = longestRegion((n) => (start + n <= end ? run.slice(start, start + n) : ''));
    if (region === undefined || end - start - region.length < 2) break;
    head.push({ text: region, role: 'region' });
    start += region.length;
  }
  const core: NamePart[] = start < end ? [{ text: run.slice(start, end), role: 'core' }] : [];
  return [...head, ...core, ...tail];
}

// the longest region form among the candidate slices, one for each length
function longestRegion(sliceOf: (length: number) => string): string | undefined {
  return REGION_LENGTHS.map(sliceOf).find((form) => REGION_FORMS.has(form));
}

/**
 * Marks the weak words of an organization's Latin name, matching up to six neighbouring
 * words as one, so that `co ltd`, `bei jing` and `you xian gong si` are all recognised.
 */
export function splitLatin(words: readonly string[]): NamePart[] {
  const parts: NamePart[] = [];
  for (let i = 0; i < words.length;) {
    // the next one to six words joined, shortest first
    const joined: string[] = [];
    for (const word of words.slice(i, i + MAX_WEAK_WORDS)) {
      joined.push(`${joined.at(-1) ?? ''}${word}`);
    }
    const weak = latinWeakWords();
    let n = joined.length;
    while (n > 0 && !weak.has(joined[n - 1] as string)) n--;
    const type = weak.get(joined[n - 1] ?? '')?.type;
    if (type !== undefined) {
      parts.push({ text: words.slice(i, i + n).join(' '), role: type });
      i += n;
      continue;
    }
    // a name typed in one word, its legal form and all (beitufuzhuangyouxiangongsi)
    const word = words[i] as string;
    const form = pinyinSuffixes().find(
      (f) => word.endsWith(f) && word.length - f.length >= JOINED_CORE,
    );
    if (form === undefined) parts.push({ text: word, role: 'core' });
    else
      parts.push(
        { text: word.slice(0, -form.length), role: 'core' },
        { text: form, role: 'suffix' },
      );
    i++;
  }
  return parts.flatMap((p, at) =>
    p.role === 'region' && !regionPlace(parts, at)
      ? p.text.split(' ').map((text): NamePart => ({ text, role: 'core' }))
      : [p],
  );
}

/**
 * Whether a region word stands where names put a region: before the core (Beijing Xiaomi), or
 * after it at the end or before the legal form (Xiaomi Technology Beijing Co., Ltd.). Between
 * core words it is part of the name: 建 is read jian, as 吉安 (Ji'an) is. A second region before
 * the core is a county named in full (bei jing shi yan qing qu); a short name there is the
 * core's first word (ning bo xiang yang: 宁波象扬, not 襄阳).
 */
function regionPlace(parts: readonly NamePart[], at: number): boolean {
  const before = parts.slice(0, at);
  const next = parts.slice(at + 1).find((p) => p.role !== 'region');
  if (before.some((p) => p.role === 'core')) return next === undefined || next.role === 'suffix';
  return before.length === 0 || countyKeys().has((parts[at] as NamePart).text.replaceAll(' ', ''));
}

let counties: ReadonlySet<string> | null = null;
/** the pinyin of counties in full, as their Latin weak words are keyed (yanqingqu) */
const countyKeys = (): ReadonlySet<string> =>
  (counties ??= new Set(COUNTY_FORMS.map((n) => syllables(n).join(''))));
