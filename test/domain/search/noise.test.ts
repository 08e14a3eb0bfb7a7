import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/domain/prng.js';
import { editDistance } from '../../../src/domain/search/edit-distance.js';
import {
  NOISE_KINDS,
  noisyQueries,
  noisyQuery,
  TYPED_NOISE_KINDS,
  type KnownName,
  type NoiseKind,
} from '../../../src/domain/search/noise.js';
import { analyseName, foldText, searchKeys } from '../../../src/domain/search/normalise.js';

const KNOWN: readonly (KnownName & { id: string })[] = [
  {
    id: 's1',
    name: '北京小米科技有限责任公司',
    kind: 'business',
    nameEn: 'Beijing Xiaomi Technology Co., Ltd.',
  },
  { id: 's2', name: '深圳鑫达科技有限公司', kind: 'business', nameEn: null },
  {
    id: 's3',
    name: '长沙银行股份有限公司',
    kind: 'business',
    nameEn: 'Bank of Changsha Co., Ltd.',
  },
  { id: 's4', name: '朝阳区张记面馆', kind: 'business' },
  { id: 's5', name: 'International Business Machines Corporation', kind: 'business' },
  { id: 's6', name: '张三丰', kind: 'person' },
  { id: 's7', name: '欧阳娜娜', kind: 'person' },
];

const keyValues = (name: string, known: KnownName) =>
  new Set(searchKeys(analyseName(name, known.kind)).map((k) => k.value));

// the query's keys and the true subject's (any of its names) have a value in common
function sharesKey(query: string, known: KnownName): boolean {
  const truth = new Set([
    ...keyValues(known.name, known),
    ...(known.nameEn ? keyValues(known.nameEn, known) : []),
  ]);
  return [...keyValues(query, known)].some((v) => truth.has(v));
}

// one substitution, insertion, deletion or transposition of neighbours turns a into b
function isOneEdit(a: string, b: string): boolean {
  const [x, y] = [Array.from(a), Array.from(b)];
  if (a === b || Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const same = (p: number, q: number) => x.slice(p).join('') === y.slice(q).join('');
  const swapped = x[i] === y[i + 1] && x[i + 1] === y[i] && same(i + 2, i + 2);
  return same(i + 1, i + 1) || same(i + 1, i) || same(i, i + 1) || swapped;
}

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

describe('noisyQuery', () => {
  it('makes, for every kind, a query that differs from the name yet shares a key with it', () => {
    const made = new Set<NoiseKind>();
    for (const known of KNOWN) {
      for (const noise of NOISE_KINDS.filter((n) => n !== 'typo')) {
        for (const seed of SEEDS) {
          const sut = noisyQuery(known, noise, new Rng(seed));
          if (!sut) continue;
          made.add(noise);
          expect(sut.query, `${noise} of ${known.name}`).not.toBe(known.name);
          expect(sharesKey(sut.query, known), `${noise}: ${sut.query}`).toBe(true);
        }
      }
    }
    expect([...made].sort()).toEqual(NOISE_KINDS.filter((n) => n !== 'typo').sort());
  });

  it('makes typos one edit away from the folded name or its pinyin', () => {
    for (const known of KNOWN) {
      const { pinyin } = analyseName(known.name, known.kind);
      for (const seed of SEEDS) {
        const sut = noisyQuery(known, 'typo', new Rng(seed));
        expect(sut, known.name).toBeDefined();
        const query = foldText(sut?.query ?? '');
        const oneEdit = isOneEdit(query, foldText(known.name)) || isOneEdit(query, pinyin);
        expect(oneEdit, `${known.name} → ${sut?.query}`).toBe(true);
      }
    }
  });

  it('makes Chinese typos by substituting or deleting one character', () => {
    const typos = SEEDS.map((s) => noisyQuery(KNOWN[0] as KnownName, 'typo', new Rng(s))?.query);
    const chinese = typos.filter((q) => q !== undefined && /\p{Script=Han}/u.test(q));
    expect(chinese.some((q) => q?.length === 12)).toBe(true);
    expect(chinese.some((q) => q?.length === 11)).toBe(true);
  });

  it('carries its kind and the true name, as given', () => {
    const truth = KNOWN[0] as KnownName & { id: string };
    const sut = noisyQuery(truth, 'english', new Rng(1));
    expect(sut).toEqual({ noise: 'english', query: 'Beijing Xiaomi Technology Co., Ltd.', truth });
    expect(sut?.truth.id).toBe('s1');
  });

  it('swaps one legal form for another or drops it', () => {
    const forms = new Set(
      SEEDS.map((s) => noisyQuery(KNOWN[0] as KnownName, 'suffix', new Rng(s))?.query),
    );
    const expected = [
      '北京小米科技有限公司',
      '北京小米科技股份有限公司',
      '北京小米科技',
      'Beijing Xiaomi Technology Limited',
      'Beijing Xiaomi Technology Inc.',
      'Beijing Xiaomi Technology Corporation',
      'Beijing Xiaomi Technology',
    ];
    for (const form of forms) expect(expected).toContain(form);
    expect(forms.size).toBeGreaterThan(3);
  });

  it('writes a Chinese name in traditional characters that fold back to it', () => {
    const sut = noisyQuery(KNOWN[0] as KnownName, 'traditional', new Rng(1));
    expect(sut?.query).toBe('北京小米科技有限責任公司');
    expect(foldText(sut?.query ?? '')).toBe(foldText('北京小米科技有限责任公司'));
  });

  it('moves a regional prefix after the core, and puts a pinyin name given name first', () => {
    expect(noisyQuery(KNOWN[0] as KnownName, 'swap', new Rng(1))?.query).toBe(
      '小米科技（北京）有限责任公司',
    );
    expect(noisyQuery(KNOWN[5] as KnownName, 'swap', new Rng(1))?.query).toBe('Sanfeng Zhang');
  });

  it('writes Latin letters full-width, and spaces a Chinese name with full-width spaces', () => {
    expect(noisyQuery(KNOWN[4] as KnownName, 'full-width', new Rng(1))?.query).toMatch(
      /^Ｉｎｔｅｒｎａｔｉｏｎａｌ\u3000Ｂｕｓｉｎｅｓｓ/,
    );
    expect(noisyQuery(KNOWN[0] as KnownName, 'full-width', new Rng(1))?.query).toBe(
      '北京\u3000小米科技\u3000有限责任公司',
    );
    expect(noisyQuery(KNOWN[6] as KnownName, 'full-width', new Rng(1))?.query).toBe(
      '欧阳\u3000娜娜',
    );
  });

  it('makes no query of a kind that does not apply to the name', () => {
    const rng = new Rng(1);
    expect(noisyQuery(KNOWN[1] as KnownName, 'english', rng)).toBeUndefined();
    expect(noisyQuery(KNOWN[5] as KnownName, 'suffix', rng)).toBeUndefined();
    expect(noisyQuery(KNOWN[4] as KnownName, 'traditional', rng)).toBeUndefined();
    expect(noisyQuery(KNOWN[4] as KnownName, 'pinyin', rng)).toBeUndefined();
  });
});

describe('noisyQueries', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const sut = noisyQueries(KNOWN, 42, 40);
    expect(noisyQueries(KNOWN, 42, 40)).toEqual(sut);
    expect(noisyQueries(KNOWN, 43, 40)).not.toEqual(sut);
  });

  it('keeps each query the same when more are asked for', () => {
    expect(noisyQueries(KNOWN, 42, 80).slice(0, 40)).toEqual(noisyQueries(KNOWN, 42, 40));
  });

  it('takes the kinds in turn and answers each query with a known name', () => {
    const sut = noisyQueries(KNOWN, 7, 32);
    expect(sut).toHaveLength(32);
    expect(sut.map((q) => q.noise)).toEqual(
      Array.from({ length: 32 }, (_, i) => NOISE_KINDS[i % NOISE_KINDS.length]),
    );
    for (const q of sut) expect(KNOWN).toContain(q.truth);
  });
});

describe('the noise of what people type (issue 19)', () => {
  const make = (noise: NoiseKind, name: string, kind: KnownName['kind'] = 'business') =>
    noisyQuery({ name, kind }, noise, new Rng(3))?.query;

  it('makes each kind from a name it applies to, and nothing from one it does not', () => {
    expect(make('exact', '苏州北图服装有限公司')).toBe('苏州北图服装有限公司');
    expect(make('tones', '苏州北图服装有限公司')).toMatch(/^(su1zhou1bei3tu2|sū ?zhōu ?běi)/);
    expect(make('pinyin-form', '苏州北图服装有限公司')).toMatch(
      /^su ?zhou ?bei ?tu ?fu ?zhuang ?you ?xian ?gong ?si$/,
    );
    expect(make('spaced-region', '贵州鼎辰农业发展有限公司')).toBe(
      'Gui Zhou Ding Chen Nong Ye Fa Zhan',
    );
    expect(Array.from(make('transposed', '苏州北图服装有限公司')!).sort()).toEqual(
      Array.from('苏州北图服装有限公司').sort(),
    );
    // one character replaced by a look-alike: half an edit
    expect(editDistance(make('look-alike', '广州佳己贸易有限公司')!, '广州佳己贸易有限公司')).toBe(
      0.5,
    );
    expect(make('look-alike', '苏州北图服装有限公司')).toBeUndefined();
    expect(make('given-swap', '郑义轩', 'person')).toBe('郑轩义');
    expect(make('given-swap', '郑义轩')).toBeUndefined();
  });

  it('keeps the first set as it was unless the kinds are asked for', () => {
    const known: KnownName[] = [{ name: '苏州北图服装有限公司', kind: 'business' }];
    expect(noisyQueries(known, 1, 16).every((q) => NOISE_KINDS.includes(q.noise as never))).toBe(
      true,
    );
    expect(new Set(noisyQueries(known, 1, 14, TYPED_NOISE_KINDS).map((q) => q.noise))).toEqual(
      new Set(['exact', 'tones', 'pinyin-form', 'spaced-region', 'transposed']),
    );
  });
});
