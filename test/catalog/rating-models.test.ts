import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeRatingModel, describeRatingModelLine } from '../../src/catalog/describe.js';
import { formatProblem, loadCatalog, validateCatalogDir } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { Catalog } from '../../src/domain/catalog.js';
import type { PointsModel } from '../../src/domain/rating-model.js';
import { copyDefaultCatalog } from './fixtures.js';

/** these tests are about the national catalog: the regional layers have tests of their own */
const NATIONAL_ONLY = { layers: false };

const TAX = 'rating-models/tax_credit_rating.yaml';
const CITY = 'rating-models/city_personal_score.yaml';
const PUBLIC = 'rating-models/public_comprehensive_evaluation.yaml';

describe('the default catalog: rating models', () => {
  let sut: Catalog;
  const points = (id: string) => sut.ratingModels.get(id) as PointsModel;
  beforeAll(async () => {
    sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
  });

  it('has the three points models of SPEC 4.6, each with a legal basis, and every rule a basis in Chinese and English', () => {
    expect([...sut.ratingModels.keys()].sort()).toEqual([
      'city_personal_score',
      'public_comprehensive_evaluation',
      'tax_credit_rating',
    ]);
    for (const model of sut.ratingModels.values()) {
      expect(model.kind, model.id).toBe('points');
      if (model.kind !== 'points') continue;
      expect(model.legalBasis.length, model.id).toBeGreaterThan(0);
      expect(model.version, model.id).toMatch(/^\d{4}\.\d+$/);
      expect(model.name.zh && model.name.en, model.id).toBeTruthy();
      const rules = [...model.rules, ...model.directGrades, ...model.carryOver];
      for (const rule of rules) {
        expect(rule.basis.zh.trim(), `${model.id} ${rule.id}`).not.toBe('');
        expect(rule.basis.en.trim(), `${model.id} ${rule.id}`).not.toBe('');
      }
    }
  });

  it('carries the tax rating numbers: 100/93/90, A 90, B 70, C 40, 11 points, 2 years', () => {
    const tax = points('tax_credit_rating');
    expect(tax.period).toEqual({ kind: 'calendar_year' });
    expect(tax.startScore.map((s) => s.points)).toEqual([100, 93, 90]);
    expect(tax.grades).toEqual([
      expect.objectContaining({ grade: 'A', min: 90 }),
      expect.objectContaining({ grade: 'B', min: 70, below: 90 }),
      expect.objectContaining({ grade: 'C', min: 40, below: 70 }),
      expect.objectContaining({ grade: 'D', below: 40 }),
    ]);
    expect(tax.specialGrades.map((s) => s.grade)).toEqual(['M']);
    expect(tax.carryOver).toEqual([
      expect.objectContaining({
        kind: 'points',
        from: { grades: ['D'], by: 'score' },
        points: -11,
      }),
      expect.objectContaining({ kind: 'hold', periods: 2, thenCeiling: 'B' }),
      expect.objectContaining({ kind: 'ceiling', from: { grades: ['D'] }, grade: 'B' }),
    ]);
    // 100,000 yuan (money in rating conditions is yuan) and 10% of the tax due (2014年第40号 art. 20 (2))
    expect(tax.directGrades[0]?.records?.conditions).toEqual([
      { field: 'violation_kind', in: ['evasion'] },
      { field: 'evaded_amount', min: 100_000 },
      { field: 'evaded_share_percent', min: 10 },
    ]);
  });

  it('carries the city score numbers, and says which deductions it cannot map', async () => {
    const city = points('city_personal_score');
    expect(city.startScore).toEqual([expect.objectContaining({ points: 1000 })]);
    expect(city.grades.map((g) => [g.grade, g.min ?? null])).toEqual([
      ['AAA', 1050],
      ['AA', 1030],
      ['A', 960],
      ['B', 850],
      ['C', 600],
      ['D', null],
    ]);
    expect(city.rules.find((r) => r.id === 'bank_arrears')).toMatchObject({
      points: -10,
      per: { field: 'days_past_due', unit: 30, round: 'up' },
    });
    expect(city.rules.find((r) => r.id === 'sued_in_breach')?.points).toBe(-50);
    expect(city.rules.find((r) => r.id === 'late_utility_fees')?.points).toBe(-20);
    const text = await readFile(join(DEFAULT_CATALOG_DIR, CITY), 'utf8');
    for (const leftOut of [
      'breach in lending or leasing',
      'illegal fundraising',
      'commercial fraud',
      'stealing utilities',
    ])
      expect(text).toContain(`# - ${leftOut}`);
  });

  it('evaluates enterprises publicly in grades A to D', () => {
    const evaluation = points('public_comprehensive_evaluation');
    expect(evaluation).toMatchObject({ public: true, appliesTo: { subjectKinds: ['business'] } });
    expect(evaluation.grades.map((g) => g.grade)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('describes a model in a line and in full', () => {
    const tax = points('tax_credit_rating');
    expect(describeRatingModelLine(tax)).toMatch(
      /^tax_credit_rating\s+points\s+2026\.1\s+published/,
    );
    const lines = describeRatingModel(tax);
    expect(lines).toContain('  grades: A >= 90, B 70 to <90, C 40 to <70, D < 40');
    expect(lines).toContain('  carry-over d_by_score: D by score the period before → -11');
  });

  it('describes a group model of a layer under both its names, as every other kind', async () => {
    const layered = await loadCatalog(DEFAULT_CATALOG_DIR);
    const village = layered.ratingModels.get('rongcheng_credit_village')!;
    expect(describeRatingModel(village)[0]).toBe(
      'rongcheng_credit_village: 荣成市信用村评定 / Rongcheng credit village (group model 2026.1, published, public)',
    );
  });
});

describe('validateCatalogDir on broken rating models', () => {
  type Copy = Awaited<ReturnType<typeof copyDefaultCatalog>>;
  let copy: Copy | null = null;
  const broken = async () => (copy = await copyDefaultCatalog());
  afterEach(async () => {
    await copy?.remove();
    copy = null;
  });
  const problemsOf = async (dir: string) => (await validateCatalogDir(dir)).problems;

  it('names the file, line, path and rule of an unknown record type', async () => {
    const sut = await broken();
    await sut.edit(CITY, (t) =>
      t.replace('records: { recordType: loan_default }', 'records: { recordType: loan_defaults }'),
    );
    const problems = await problemsOf(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: CITY,
        path: 'rating-models.city_personal_score.rules[1].records.recordType',
        message: 'rule "bank_arrears": unknown record type "loan_defaults"',
        line: expect.any(Number),
      }),
    ]);
    expect(formatProblem(problems[0]!)).toMatch(
      /^rating-models\/city_personal_score\.yaml:\d+: rating-models\.city_personal_score\.rules\[1\]\.records\.recordType: rule "bank_arrears": unknown record type "loan_defaults"$/,
    );
  });

  it('names an unknown field of a condition and of a unit', async () => {
    const sut = await broken();
    await sut.edit(CITY, (t) =>
      t
        .replace(
          '{ field: service, in: [electricity, water, gas, heating] }',
          '{ field: utility, in: [water] }',
        )
        .replace(
          'per: { field: days_past_due, unit: 30, round: up }',
          'per: { field: cycles, unit: 30, round: up }',
        ),
    );
    expect(await problemsOf(sut.dir)).toEqual([
      expect.objectContaining({
        path: 'rating-models.city_personal_score.rules[1].per.field',
        message: 'rule "bank_arrears": no field "cycles" in loan_default',
      }),
      expect.objectContaining({
        path: 'rating-models.city_personal_score.rules[2].records.conditions[0].field',
        message: 'rule "late_utility_fees": no field "utility" in bill_overdue',
      }),
    ]);
  });

  it('reports overlapping bands', async () => {
    const sut = await broken();
    await sut.edit(TAX, (t) => t.replace('min: 70, below: 90 }', 'min: 70, below: 95 }'));
    expect(await problemsOf(sut.dir)).toEqual([
      expect.objectContaining({
        file: TAX,
        path: 'rating-models.tax_credit_rating.grades[1].below',
        message: 'B (below 95) overlaps A (from 90): scores from 90 to below 95 have two grades',
      }),
    ]);
  });

  it('reports a gap in the bands, and a best band with an upper bound', async () => {
    const sut = await broken();
    await sut.edit(CITY, (t) =>
      t
        .replace('{ grade: B, min: 850, below: 960 }', '{ grade: B, min: 850, below: 950 }')
        .replace('{ grade: AAA, min: 1050 }', '{ grade: AAA, min: 1050, below: 2000 }'),
    );
    const messages = (await problemsOf(sut.dir)).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      'rating-models.city_personal_score.grades[0].below: the best band AAA has no upper bound: scores of 2000 or more would have no grade',
      'rating-models.city_personal_score.grades[3].below: a gap between B (below 950) and A (from 960): scores from 950 to below 960 have no grade',
    ]);
  });

  it('reports a duration that does not parse, naming the rule', async () => {
    const sut = await broken();
    await sut.edit(CITY, (t) =>
      t.replace('- { after: P1Y, factor: 0.5 }', '- { after: one year, factor: 0.5 }'),
    );
    const problems = await problemsOf(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: CITY,
        path: 'rating-models.city_personal_score.rules[1].decay.steps[0].after',
        message: expect.stringMatching(
          /^rule "bank_arrears": "one year" is not an ISO 8601 duration/,
        ),
      }),
    ]);
    expect(problems[0]?.line).toBeGreaterThan(50);
  });

  it('reports an unknown list type, an unknown kind and an unknown key', async () => {
    const sut = await broken();
    await sut.edit(PUBLIC, (t) => t.replace('- wage_arrears_dishonest', '- wage_arrears_list'));
    await sut.edit(TAX, (t) => t.replace('kind: points', 'kind: scorecards'));
    await sut.edit(CITY, (t) => t.replace('    points: -50\n', '    points: -50\n    weight: 2\n'));
    const lines = (await problemsOf(sut.dir)).map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /public_comprehensive_evaluation\.directGrades\[0\]\.entries\.listTypes\[3\]: direct grade "blacklisted": unknown list type "wage_arrears_list"$/,
        ),
        expect.stringMatching(
          /tax_credit_rating\.kind: a rating model's kind is one of points, scorecard, group$/,
        ),
        expect.stringMatching(
          /city_personal_score\.rules\[0\]\.weight: rule "sued_in_breach": unknown key "weight"$/,
        ),
      ]),
    );
    expect(lines).toHaveLength(3);
  });

  it('reports a start score that rests on the score, and a default start score with a condition', async () => {
    const sut = await broken();
    await sut.edit(TAX, (t) =>
      t.replace('    points: 90\n', '    points: 90\n    when: { score: { min: 70 } }\n'),
    );
    const messages = (await problemsOf(sut.dir)).map((p) => p.message);
    expect(messages).toEqual([
      'start score "incomplete" is the last: the default when no other applies, so it has no when',
      'start score "incomplete": the score is not known here; score conditions belong to special grades and ceilings',
    ]);
  });

  it('reports a model without a legal basis, a rule id used twice and a hold that is not of a direct grade', async () => {
    const sut = await broken();
    await sut.edit(TAX, (t) =>
      t
        .replace(
          /^legalBasis:\n(?: {2}- title: .*\n(?: {4}provision: .*\n)?)+/m,
          'legalBasis: []\n',
        )
        .replace('- id: operating_under_three_years', '- id: new_enterprise')
        .replace('from: { grades: [D], by: direct }', 'from: { grades: [D], by: score }'),
    );
    expect((await problemsOf(sut.dir)).map((p) => p.path)).toEqual([
      'rating-models.tax_credit_rating.legalBasis',
      'rating-models.tax_credit_rating.ceilings[0].id',
      'rating-models.tax_credit_rating.carryOver[1].from.by',
    ]);
  });

  it('does not cascade: rules on a broken record type are not reported again', async () => {
    const sut = await broken();
    await sut.edit('record-types/loan_default.yaml', (t) =>
      t.replace('type: money', 'type: currency'),
    );
    const problems = await problemsOf(sut.dir);
    expect(problems.every((p) => p.file === 'record-types/loan_default.yaml')).toBe(true);
  });

  it('throws CATALOG_INVALID for a broken model', async () => {
    const sut = await broken();
    await sut.edit(TAX, (t) =>
      t.replace(
        'recordType: tax_rating, within: P3Y }\n      - records',
        'recordType: tax_ratings, within: P3Y }\n      - records',
      ),
    );
    await expect(loadCatalog(sut.dir)).rejects.toMatchObject({ code: 'CATALOG_INVALID' });
  });

  it('reads a catalog without rating models as one with none', async () => {
    const sut = await broken();
    await rm(join(sut.dir, 'rating-models'), { recursive: true });
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([]);
    expect(catalog?.ratingModels.size).toBe(0);
  });
});
