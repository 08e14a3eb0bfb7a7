import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../src/domain/prng.js';
import { NOISE_KINDS, noisyQueries, type KnownName } from '../../src/domain/search/noise.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { enterpriseName, personNamePool } from '../../src/services/demo/names.js';
import { searchSubjects } from '../../src/services/search/search.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { uniqueRic, uniqueUscc } from '../support/factories.js';
import { registry } from '../support/registry.js';

type Known = KnownName & { identifier: string };

const PLACES: Array<[string, string, string]> = [
  ['北京', 'Beijing', '91110105'],
  ['上海', 'Shanghai', '91310104'],
  ['深圳', 'Shenzhen', '91440300'],
  ['广州', 'Guangzhou', '91440101'],
];

/** 80 enterprises (most with an English name) and 20 persons, the same on every run. */
function knownNames(): Known[] {
  const rng = new Rng(20261201);
  const seen = new Set<string>();
  const known: Known[] = [];
  while (known.length < 80) {
    const [place, placeEn, prefix] = rng.pick(PLACES);
    const { name, nameEn } = enterpriseName(rng, place, placeEn);
    if (seen.has(name)) continue;
    seen.add(name);
    known.push({ name, nameEn, kind: 'business', identifier: uniqueUscc(prefix) });
  }
  const persons = personNamePool(7);
  for (const name of [...persons.male.slice(0, 10), ...persons.female.slice(0, 10)]) {
    if (seen.has(name)) continue;
    seen.add(name);
    known.push({ name, kind: 'person', identifier: uniqueRic() });
  }
  return known;
}

describe.each(BACKENDS)('name search on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;
  const known = knownNames();

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    for (const k of known) {
      await registerSubject(
        sut,
        {
          subject_identifier: k.identifier,
          subject_name: k.name,
          ...(k.nameEn ? { subject_name_en: k.nameEn } : {}),
        },
        'test',
      );
    }
  });
  afterAll(async () => cleanup());

  const top = async (q: string, limit = 3) =>
    (await searchSubjects(sut, { q, limit })).map((h) => h.matched);

  it.each(NOISE_KINDS)('finds the true subject in the top 3 for %s queries', async (noise) => {
    const queries = noisyQueries(known, 42, NOISE_KINDS.length * 12).filter(
      (q) => q.noise === noise,
    );
    expect(queries.length).toBeGreaterThan(5);
    const missed: string[] = [];
    for (const { query, truth } of queries) {
      const found = await top(query);
      if (!found.includes(truth.name) && !(truth.nameEn && found.includes(truth.nameEn)))
        missed.push(`${query} → ${found.join(' | ')} (wanted ${truth.name})`);
    }
    expect(missed).toEqual([]);
  });

  it('keeps to a region or kind filter in every way it finds a name', async () => {
    const firms = known.filter((k) => k.kind === 'business');
    const queries = noisyQueries(firms, 11, NOISE_KINDS.length * 4);
    const wrong: string[] = [];
    for (const { query, truth, noise } of queries) {
      const province = truth.identifier.slice(2, 4);
      const other = province === '31' ? '44' : '31';
      const home = await searchSubjects(sut, { q: query, region: province, kind: 'business' });
      if (!home.some((h) => h.identifiers.some((i) => i.value === truth.identifier)))
        wrong.push(`${noise} ${query}: not found in its own region`);
      if (home.some((h) => !h.region?.startsWith(province) || h.kind !== 'business'))
        wrong.push(`${noise} ${query}: a hit outside the filter`);
      const away = await searchSubjects(sut, { q: query, region: other });
      if (away.some((h) => !h.region?.startsWith(other)))
        wrong.push(`${noise} ${query}: a hit outside region ${other}`);
      if (
        (await searchSubjects(sut, { q: query, kind: 'person' })).some((h) => h.kind !== 'person')
      )
        wrong.push(`${noise} ${query}: a firm among persons`);
    }
    expect(wrong).toEqual([]);
  });

  it('says why each hit matched, best first', async () => {
    const firm = known[0]!;
    const hits = await searchSubjects(sut, { q: firm.name });
    expect(hits[0]).toMatchObject({ matched: firm.name, score: 1 });
    expect(hits[0]!.reasons[0]).toMatch(/^han .* matches exactly$/);
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers an identifier, even full-width, with exactly its subject', async () => {
    const firm = known[3]!;
    const fullWidth = [...firm.identifier]
      .map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0))
      .join('');
    for (const q of [firm.identifier, firm.identifier.toLowerCase(), fullWidth]) {
      const hits = await searchSubjects(sut, { q });
      expect(hits.map((h) => [h.matched, h.score, h.reasons])).toEqual([
        [firm.name, 1, ['identifier uscc matches']],
      ]);
    }
  });

  it('never finds a person from a masked or partial identifier, and masks it in every hit', async () => {
    const person = known.find((k) => k.kind === 'person')!;
    const masked = `${person.identifier.slice(0, 6)}************`;
    for (const q of [masked, person.identifier.slice(0, 14), person.identifier.slice(6)]) {
      const hits = await searchSubjects(sut, { q });
      expect(hits.filter((h) => h.kind === 'person')).toEqual([]);
    }
    const byName = await searchSubjects(sut, { q: person.name, kind: 'person' });
    expect(byName[0]).toMatchObject({ matched: person.name });
    for (const h of byName)
      expect(h.identifiers.every((i) => i.masked && i.value.includes('*'))).toBe(true);
  });

  it('finds a subject registered a moment ago, and filters by kind and region', async () => {
    await registerSubject(
      sut,
      {
        subject_identifier: uniqueUscc('91110108'),
        subject_name: '北京小米科技有限责任公司',
        subject_name_en: 'Beijing Xiaomi Technology Co., Ltd.',
      },
      'test',
    );
    for (const q of [
      '小米科技',
      'xiaomi keji',
      'bjxmkj',
      'Xiaomi Technology',
      'ＸＩＡＯＭＩ科技',
    ]) {
      expect(await top(q, 1), q).toEqual([expect.stringMatching(/小米|Xiaomi/)]);
    }
    // others may share a token (科技): the filters keep only their region or kind
    const shanghai = await searchSubjects(sut, { q: '小米科技', region: '31' });
    expect(shanghai.every((h) => h.region?.startsWith('31') && !h.matched.includes('小米'))).toBe(
      true,
    );
    const persons = await searchSubjects(sut, { q: '小米科技', kind: 'person' });
    expect(persons.every((h) => h.kind === 'person')).toBe(true);
    expect((await searchSubjects(sut, { q: '小米科技', region: '1101' }))[0]?.region).toBe(
      '110108',
    );
  });

  it('finds a name with one character mistyped among many of its region and industry', async () => {
    const trades = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
    for (const [i, c] of [...trades].entries())
      await registerSubject(
        sut,
        {
          subject_identifier: uniqueUscc('91110105'),
          subject_name: `北京${c}${trades[(i + 7) % trades.length]}科技有限公司`,
        },
        'test',
      );
    await registerSubject(
      sut,
      { subject_identifier: uniqueUscc('91110105'), subject_name: '北京鑫源达科技有限公司' },
      'test',
    );
    // a character replaced in the middle, or one left out: only 科技 is left of its tokens
    for (const q of ['北京鑫源辿科技有限公司', '北京鑫达科技有限公司', 'xinyuandakji'])
      expect(await top(q, 1), q).toEqual(['北京鑫源达科技有限公司']);
  });

  it('looks on for a name of the query’s region when the same core is found only elsewhere', async () => {
    for (const name of ['南京帆永物流有限公司', '长沙和帆永物流有限公司'])
      await registerSubject(
        sut,
        { subject_identifier: uniqueUscc('91110105'), subject_name: name },
        'test',
      );
    // one character left out of the 长沙 name is the whole core of the 南京 one
    expect(await top('长沙帆永物流有限公司', 3)).toContain('长沙和帆永物流有限公司');
  });

  it('refuses an empty or over-long query, naming the field', async () => {
    for (const q of ['  ', 'x'.repeat(201)])
      await expect(searchSubjects(sut, { q })).rejects.toMatchObject({
        code: 'SEARCH_INVALID',
        detail: { field: 'q' },
      });
  });
});
