import { afterEach, describe, expect, it } from 'vitest';
import { describeRatingModel } from '../../../src/catalog/describe.js';
import { loadCatalog, validateCatalogDir } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import type { PointsModel } from '../../../src/domain/rating-model.js';
import { explainPointsResult } from '../../../src/domain/ratings/explain.js';
import { evaluatePointsModel } from '../../../src/domain/ratings/points-engine.js';
import type { PointsResult, RatingInput } from '../../../src/domain/ratings/points-result.js';
import { copyDefaultCatalog } from '../../catalog/fixtures.js';
import { LABEL, model, rule } from '../../support/points-models.js';
import { business, ratingInput, record } from '../../support/rating-records.js';

/** Upper bounds, shared caps, a score range and repeat points, each on a hand-computed case. */

const FIRM = business('2010-01-01');
// the 2025 calendar year, evaluated in 2026
const AS_OF = '2026-02-01';

const arrears = (decided: string, yuan: number, workers = 12) =>
  record('wage_arrears', { workers_affected: workers }, { decided, money: { amount: yuan } });

const run = (m: PointsModel, input: RatingInput): PointsResult => {
  const result = evaluatePointsModel(m, input, AS_OF);
  if (!result) throw new Error('the model did not apply');
  return result;
};

describe('conditions: min and max, money in yuan', () => {
  it('counts amounts from 500 to 1,000 yuan inclusive, to the fen', () => {
    const m = model({
      rules: [
        rule({
          points: -10,
          records: {
            recordType: 'wage_arrears',
            conditions: [{ field: 'amount', min: 500, max: 1000 }],
          },
        }),
      ],
    });
    const [low, inside, edge, over] = [400, 800, 1000, 1000.5].map((y) => arrears('2025-03-01', y));
    const sut = run(m, ratingInput(FIRM, [low!, inside!, edge!, over!]));
    // 100 − 10 (800) − 10 (1,000): 400 is under the minimum, 1,000.50 over the maximum
    expect(sut.contributions[1]?.recordIds).toEqual([inside!.id, edge!.id]);
    expect(sut.score).toBe(80);
  });

  it('takes max alone on an integer field', () => {
    const m = model({
      rules: [
        rule({
          points: -5,
          records: {
            recordType: 'wage_arrears',
            conditions: [{ field: 'workers_affected', max: 10 }],
          },
        }),
      ],
    });
    const few = arrears('2025-03-01', 100, 10);
    const many = arrears('2025-03-01', 100, 11);
    expect(run(m, ratingInput(FIRM, [few, many])).score).toBe(95);
  });
});

describe('money thresholds in the default catalog', () => {
  it('are written in yuan, and catalog show prints the unit', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
    const tax = catalog.ratingModels.get('tax_credit_rating')!;
    const lines = describeRatingModel(tax, catalog.recordTypes);
    expect(lines).toContain('  units: points; money in conditions in yuan');
    expect(lines.join('\n')).toContain(
      'evaded_amount >= 100000 yuan and evaded_share_percent >= 10',
    );
  });
});

describe('a cap shared by several rules', () => {
  it('holds the rules together to the cap and says what it gave back', () => {
    const m = model({
      rules: [
        rule({
          id: 'many_workers',
          points: -30,
          records: {
            recordType: 'wage_arrears',
            conditions: [{ field: 'workers_affected', min: 10 }],
          },
        }),
        rule({
          id: 'few_workers',
          points: -20,
          records: {
            recordType: 'wage_arrears',
            conditions: [{ field: 'workers_affected', max: 9 }],
          },
        }),
      ],
      sharedCaps: [
        {
          id: 'labour_domain',
          label: LABEL,
          basis: { zh: '测试', en: 'test' },
          rules: ['many_workers', 'few_workers'],
          cap: 50,
        },
      ],
    });
    const records = [
      arrears('2025-02-01', 100, 12),
      arrears('2025-03-01', 100, 15),
      arrears('2025-04-01', 100, 5),
    ];
    const sut = run(m, ratingInput(FIRM, records));
    // −30 −30 −20 = −80 together; the cap of 50 gives back 30: 100 − 50 = 50
    expect(sut.contributions.map((c) => [c.rule, c.source, c.points])).toEqual([
      ['base', 'start', 100],
      ['many_workers', 'rule', -60],
      ['few_workers', 'rule', -20],
      ['labour_domain', 'cap', 30],
    ]);
    expect(sut.contributions[3]?.capped).toEqual({
      rules: ['many_workers', 'few_workers'],
      total: -80,
      cap: 50,
    });
    expect(sut).toMatchObject({ score: 50, grade: 'C' });
  });
});

describe('the score held to a range', () => {
  const m = (points: number) =>
    model({ rules: [rule({ points })], scoreRange: { min: 0, max: 100 } });

  it('holds a score over the top at the maximum', () => {
    const sut = run(m(5), ratingInput(FIRM, [arrears('2025-03-01', 100)]));
    // 100 + 5 = 105, held at 100
    expect(sut.contributions.at(-1)).toMatchObject({
      source: 'range',
      points: -5,
      clamped: { score: 105, min: 0, max: 100 },
    });
    expect(sut.score).toBe(100);
  });

  it('holds a score under the bottom at the minimum', () => {
    const sut = run(
      m(-80),
      ratingInput(FIRM, [arrears('2025-03-01', 100), arrears('2025-04-01', 1)]),
    );
    // 100 − 160 = −60, held at 0
    expect(sut.contributions.at(-1)).toMatchObject({ source: 'range', points: 60 });
    expect(sut.score).toBe(0);
  });
});

describe('repeat points: a second offence costs more', () => {
  it('deducts 50 for the first by date and 100 for each after, whatever the input order', () => {
    const m = model({ rules: [rule({ points: -50, repeat: [-100] })] });
    const first = arrears('2025-03-01', 100);
    const second = arrears('2025-06-01', 100);
    const third = arrears('2025-09-01', 100);
    const sut = run(m, ratingInput(FIRM, [third, first, second]));
    expect(sut.contributions[1]?.items).toEqual([
      { recordId: first.id, units: 1, factor: 1, points: -50, basePoints: -50, occurrence: 1 },
      { recordId: second.id, units: 1, factor: 1, points: -100, basePoints: -100, occurrence: 2 },
      { recordId: third.id, units: 1, factor: 1, points: -100, basePoints: -100, occurrence: 3 },
    ]);
    // 100 − 50 − 100 − 100
    expect(sut.score).toBe(-150);
  });

  it('takes each listed step in turn', () => {
    const m = model({ rules: [rule({ points: -10, repeat: [-20, -40] })] });
    const records = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01'].map((d) =>
      arrears(d, 100),
    );
    // −10 −20 −40 −40
    expect(run(m, ratingInput(FIRM, records)).score).toBe(-10);
  });
});

describe('the validator on the new rule language', () => {
  type Copy = Awaited<ReturnType<typeof copyDefaultCatalog>>;
  let copy: Copy | null = null;
  afterEach(async () => {
    await copy?.remove();
    copy = null;
  });
  const CITY = 'rating-models/city_personal_score.yaml';

  it('names each mistake with its rule', async () => {
    copy = await copyDefaultCatalog();
    await copy.edit(CITY, (t) =>
      t
        .replace(
          '    records: { recordType: court_enforcement }\n    points: -50',
          '    records: { recordType: court_enforcement }\n    points: -50\n    repeat: [-40, 10]',
        )
        .replace(
          '{ field: service, in: [electricity, water, gas, heating] }',
          '{ field: service, max: 3 }\n        - { field: amount, min: 2000, max: 100.125 }',
        )
        .replace(
          'directGrades:',
          'sharedCaps:\n  - { id: finance, label: { zh: 金融, en: Finance }, basis: { zh: 测试, en: test }, rules: [bank_arrears, commendation_national, nope], cap: 100 }\nscoreRange: { min: 1000, max: 600 }\n\ndirectGrades:',
        ),
    );
    const messages = (await validateCatalogDir(copy.dir)).problems.map((p) => p.message);
    expect(messages).toEqual([
      'rule "sued_in_breach": a repeat offence costs no less than the one before: -40 after -50',
      'rule "sued_in_breach": repeat points have the sign of points (-50), not 10',
      'rule "late_utility_fees": max applies to integer, decimal and money fields, not enum',
      'rule "late_utility_fees": max for a money field is yuan with at most 2 decimals (fen), e.g. 100000 or 99.5',
      'rule "late_utility_fees": no value is at least 2000 and at most 100.125',
      'shared cap "finance": no rule "nope" in the model (sued_in_breach, bank_arrears, late_utility_fees, commendation_national, commendation_provincial, commendation_local)',
      'shared cap "finance": caps deductions or additions, not both: its rules have points of both signs',
      'scoreRange: no score is at least 1000 and at most 600',
    ]);
  });
});

describe('explanations name the factor and what set the grade', () => {
  it('shows each record as its points times its decay factor', () => {
    const m = model({
      rules: [
        rule({
          id: 'arrears',
          points: -50,
          decay: { kind: 'step', steps: [{ after: 'P6M', factor: 0.25 }] },
        }),
      ],
    });
    const old = arrears('2025-01-10', 100);
    const sut = run(m, ratingInput(FIRM, [old]));
    // aged more than six months at the end of 2025: −50 × 0.25 = −12.5
    expect(sut.score).toBe(87.5);
    const lines = explainPointsResult(sut);
    expect(lines).toContain(`             -50 × 0.25 after decay = -12.5 [${old.id}]`);
  });

  it('names the ceiling that held the grade below its band', () => {
    const m = model({
      ceilings: [
        {
          id: 'young_firm',
          label: { zh: '成立不满三年', en: 'Under three years old' },
          basis: { zh: '测试', en: 'test' },
          grade: 'B',
          when: { subjectAge: { under: 'P3Y' } },
        },
      ],
    });
    const sut = run(m, ratingInput(business('2024-06-01'), []));
    expect(sut).toMatchObject({
      score: 100,
      scoreGrade: 'A',
      grade: 'B',
      basis: 'score',
      setBy: { kind: 'ceiling', rule: 'young_firm' },
    });
    expect(explainPointsResult(sut)[0]).toBe(
      'test_model 1 as of 2026-02-01 (period 2025-01-01 to 2025-12-31): grade B, held down by the ceiling young_firm (Under three years old) from A by score',
    );
  });
});
