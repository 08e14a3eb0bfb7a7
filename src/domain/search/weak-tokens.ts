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

/** Every written form of a region, mapped to the short name its pinyin is taken from. */
const REGION_FORMS: ReadonlyMap<string, string> = new Map([
  // counties only in full (朝阳区, 德安县): their bare names are too often ordinary words
  ...COUNTY_CODES.map((c) => divisionName(c) ?? '')
    .filter((n) => n.length >= 3)
    .map((n) => [n, n] as const),
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

/** Latin weak words, keyed by their letters without spaces (`you xian gong si` is one). */
const LATIN_WEAK: ReadonlyMap<string, WeakType> = new Map([
  ...[...SHORT_NAMES.values()].map((s) => [syllables(s).join(''), 'region'] as const),
  ...LATIN_SUFFIXES.map((w) => [w, 'suffix'] as const),
  ...HAN_SUFFIXES.map((s) => [syllables(s).join(''), 'suffix'] as const),
]);

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
    let n = joined.length;
    while (n > 0 && !LATIN_WEAK.has(joined[n - 1] as string)) n--;
    const type = LATIN_WEAK.get(joined[n - 1] ?? '');
    if (type === undefined) {
      parts.push({ text: words[i] as string, role: 'core' });
      i++;
    } else {
      parts.push({ text: words.slice(i, i + n).join(' '), role: type });
      i += n;
    }
  }
  return parts;
}
