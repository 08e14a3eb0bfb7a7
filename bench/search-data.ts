/**
 * The synthetic registry of the search benchmark, each subject a pure function of its index:
 * 80% enterprises named as Chinese companies are (city, a trade name of two or three
 * characters from 140 common ones, an industry, a legal form; half with an English name),
 * 20% persons (faker's zh_CN names, which repeat as real names do). As the registration rules
 * have it, no two enterprises of one city share a trade name in one industry, whatever their
 * legal forms (企业名称登记管理规定, art. 17); homophones (鑫达, 新达) and the same trade name
 * in another city or industry are allowed, and frequent, as they are in a real register.
 */
import { makeRic, makeUscc } from '../src/domain/identifiers/index.js';
import { subjectIdFor } from '../src/domain/ids.js';
import { BENCH_ID_KEY } from './bench-id-key.js';
import { mixSeed, Rng } from '../src/domain/prng.js';
import { syllables } from '../src/domain/search/pinyin.js';
import type { Subject } from '../src/domain/subject.js';
import { FORMS, INDUSTRIES, personNamePool } from '../src/services/demo/names.js';
import { CITIES, countiesOfCity } from '../src/services/demo/regions.js';

const SEED = 20261201;
const CREATED_AT = '2025-01-02T03:04:05.000Z';
const TRADE = [
  ...'鑫华恒宏金瑞博中天永德嘉汇安远海星云启锦晨明亿九和立诚盛万青蓝北南泰聚卓同智百融佳鼎润丰凯新达信通桥成禾航纳辰帆程光联洲美象源越创图隆兴旺邦峰宇诺东方正大长江黄河山水林森春秋龙凤祥福寿康乐平顺昌茂荣富贵利通达鸿运腾飞扬帆远航精工巧匠志高远见卓识思源致远弘毅笃行厚德载物和谐创新开拓进取务实求真品质优良信誉第一',
];
const pools = personNamePool(SEED);
const PEOPLE = [...pools.male, ...pools.female];
const CITY_COUNTIES = CITIES.map((c) => ({ city: c, counties: countiesOfCity(c) })).filter(
  (c) => c.counties.length > 0,
);

const ORG_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';

export interface BenchSubject {
  subject: Subject;
  /** the identifier the public sees (a person's is masked, and persons are no truths) */
  identifier: string;
  nameEn: string | null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The subject at index `i`: a function of the index and of the trade names taken before it. */
export function benchSubjectAt(i: number): BenchSubject {
  for (let j = checked; j <= i; j++) claimTrade(j);
  return draw(i);
}

/**
 * The identifier of the subject at index `i`, without drawing the trade names before it (it does
 * not depend on them): what a reader of a store built from `benchSubjectAt` looks subjects up by.
 */
export function benchIdentifierAt(i: number): { scheme: 'uscc' | 'ric'; value: string } {
  const { subject } = draw(i);
  const { scheme, value } = subject.identifiers[0]!;
  return { scheme: scheme as 'uscc' | 'ric', value };
}

// trade names taken (city, trade, industry) by the indices below `checked`, and the ones drawn
// again because the first draw was taken
const taken = new Set<string>();
const redrawn = new Map<number, string>();
let checked = 0;

function claimTrade(i: number): void {
  const first = draw(i);
  if (first.trade !== null) {
    for (let attempt = 1; taken.has(tradeKey(first, redrawn.get(i) ?? first.trade)); attempt++)
      redrawn.set(i, drawTrade(new Rng(mixSeed(SEED, i, attempt))));
    taken.add(tradeKey(first, redrawn.get(i) ?? first.trade));
  }
  checked = i + 1;
}

const tradeKey = (d: Drawn, trade: string) => `${d.city}\u0000${trade}\u0000${d.industry}`;

const drawTrade = (rng: Rng): string =>
  Array.from({ length: rng.chance(0.3) ? 3 : 2 }, () => rng.pick(TRADE)).join('');

interface Drawn extends BenchSubject {
  city: string;
  industry: string;
  /** null for a person */
  trade: string | null;
}

function draw(i: number): Drawn {
  const rng = new Rng(mixSeed(SEED, i));
  const business = i % 5 !== 4;
  if (!business) {
    const birth = new Date(Date.UTC(1950, 0, 1 + Math.floor(i / 999))).toISOString().slice(0, 10);
    const identifier = makeRic('110105', birth, (i % 999) + 1);
    return {
      subject: subjectOf('person', 'ric', identifier, '110105', rng.pick(PEOPLE), null),
      identifier,
      nameEn: null,
      city: '',
      industry: '',
      trade: null,
    };
  }
  const { city, counties } = rng.pick(CITY_COUNTIES);
  const county = rng.pick(counties);
  const drawnTrade = drawTrade(rng);
  const trade = redrawn.get(i) ?? drawnTrade;
  const [industry, industryEn] = rng.pick(INDUSTRIES);
  const [form, formEn] = rng.pick(FORMS);
  const name = `${city.short}${trade}${industry}${form}`;
  const nameEn = rng.chance(0.5)
    ? `${city.en} ${cap(syllables(trade).join(''))} ${industryEn} ${formEn}`
    : null;
  // 'MA' and six digits for the first million, 'MB' for the next, and so on (all valid
  // organization codes: no I, O, S, V or Z), room for 21 million indices
  const org = `M${ORG_LETTERS[Math.floor(i / 1e6)]}${String(i % 1e6).padStart(6, '0')}`;
  const identifier = makeUscc(`91${county}`, org);
  return {
    subject: subjectOf('business', 'uscc', identifier, county, name, nameEn),
    identifier,
    nameEn,
    city: city.short,
    industry,
    trade: drawnTrade,
  };
}

function subjectOf(
  kind: 'business' | 'person',
  scheme: 'uscc' | 'ric',
  value: string,
  region: string,
  name: string,
  nameEn: string | null,
): Subject {
  return {
    id: subjectIdFor(BENCH_ID_KEY, scheme, value),
    kind,
    region,
    identifiers: [{ scheme, value, validFrom: null, validTo: null }],
    names: [
      { name, lang: 'zh', script: 'Hans', current: true },
      ...(nameEn ? [{ name: nameEn, lang: 'en', script: 'Latn', current: true }] : []),
    ],
    relations: [],
    createdAt: CREATED_AT,
  };
}

/** An enterprise whose Chinese name no other subject has: a query made from it has one right answer. */
export interface UniqueTruth {
  name: string;
  nameEn: string | null;
  kind: 'business';
  index: number;
  identifier: string;
  id: string;
}

/**
 * Up to `count` enterprises among the first `n` subjects whose Chinese name is unique, drawn
 * in a fixed order: the search benchmark's truths, and its diagnosis's.
 */
export function uniqueEnterprises(n: number, count: number): UniqueTruth[] {
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = benchSubjectAt(i).subject.names[0]!.name;
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  const rng = new Rng(mixSeed(7, n));
  const picked: UniqueTruth[] = [];
  const tried = new Set<number>();
  while (picked.length < Math.min(count, n / 2) && tried.size < n) {
    const i = rng.int(0, n - 1);
    if (tried.has(i)) continue;
    tried.add(i);
    const s = benchSubjectAt(i);
    const name = s.subject.names[0]!.name;
    if (s.subject.kind !== 'business' || seen.get(name) !== 1) continue;
    picked.push({
      name,
      nameEn: s.nameEn,
      kind: 'business',
      index: i,
      identifier: s.identifier,
      id: s.subject.id,
    });
  }
  return picked;
}
