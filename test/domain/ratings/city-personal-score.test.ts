import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import type { PointsModel } from '../../../src/domain/rating-model.js';
import { evaluatePointsModel } from '../../../src/domain/ratings/points-engine.js';
import type { PointsResult, RatingInput } from '../../../src/domain/ratings/points-result.js';
import {
  billOverdue,
  business,
  commendation,
  courtEnforcement,
  entry,
  loanDefault,
  person,
  ratingInput,
} from '../../support/rating-records.js';

/**
 * The default city personal score (SPEC 4.6), on hand-computed cases. As of 2026-06-30 the
 * window is the three years from 2023-07-01; a record is a year old once its first
 * anniversary falls on or before 2026-07-01.
 */

const AS_OF = '2026-06-30';
const SOMEONE = person('2019-05-05T10:00:00.000Z');

let model: PointsModel;
beforeAll(async () => {
  const catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
  model = catalog.ratingModels.get('city_personal_score') as PointsModel;
});

const evaluate = (input: RatingInput): PointsResult => {
  const result = evaluatePointsModel(model, input, AS_OF);
  if (!result) throw new Error('the model did not apply');
  return result;
};
const contribution = (r: PointsResult, rule: string) =>
  r.contributions.find((c) => c.rule === rule);

describe('city_personal_score: deductions', () => {
  it('starts at 1000, an A, over the three years before the date', () => {
    const sut = evaluate(ratingInput(SOMEONE));
    expect(sut).toMatchObject({
      score: 1000,
      grade: 'A',
      period: { start: '2023-07-01', end: '2026-06-30' },
    });
    expect(sut.contributions).toEqual([
      expect.objectContaining({ rule: 'base', source: 'start', points: 1000 }),
    ]);
  });

  it('deducts 10 per monthly cycle of bank arrears: 45 days past due is 2 cycles, −20', () => {
    const loan = loanDefault(45, '2026-03-01');
    const sut = evaluate(ratingInput(SOMEONE, [loan]));
    expect(contribution(sut, 'bank_arrears')).toMatchObject({
      points: -20,
      recordIds: [loan.id],
      items: [{ recordId: loan.id, units: 2, factor: 1, points: -20 }],
    });
    expect(sut).toMatchObject({ score: 980, grade: 'A' });
  });

  it('counts 30 days as one cycle and 31 as two', () => {
    const at = (days: number) =>
      contribution(
        evaluate(ratingInput(SOMEONE, [loanDefault(days, '2026-03-01')])),
        'bank_arrears',
      );
    expect(at(30)?.points).toBe(-10);
    expect(at(31)?.points).toBe(-20);
  });

  it('caps bank arrears at 100 points: 400 days (14 cycles) deduct 100, not 140', () => {
    const sut = evaluate(ratingInput(SOMEONE, [loanDefault(400, '2026-03-01')]));
    expect(contribution(sut, 'bank_arrears')).toMatchObject({ points: -100, uncapped: -140 });
    expect(sut).toMatchObject({ score: 900, grade: 'B' });
  });

  it('halves arrears older than a year and ignores records before the window', () => {
    const yearOld = loanDefault(30, '2025-06-30');
    const lessThanAYear = loanDefault(30, '2025-07-02');
    const water = billOverdue('water', 2, '2024-05-01');
    const phone = billOverdue('telecom', 3, '2026-01-01');
    const tooOld = courtEnforcement('2023-06-30');
    const firstDay = courtEnforcement('2023-07-01');
    const sut = evaluate(
      ratingInput(SOMEONE, [yearOld, lessThanAYear, water, phone, tooOld, firstDay]),
    );
    expect(contribution(sut, 'bank_arrears')?.items).toEqual([
      { recordId: yearOld.id, units: 1, factor: 0.5, points: -5, basePoints: -10 },
      { recordId: lessThanAYear.id, units: 1, factor: 1, points: -10, basePoints: -10 },
    ]);
    expect(contribution(sut, 'late_utility_fees')).toMatchObject({
      points: -10,
      recordIds: [water.id],
    });
    expect(contribution(sut, 'sued_in_breach')).toMatchObject({
      points: -50,
      recordIds: [firstDay.id],
    });
    // 1000 − 5 − 10 − 10 − 50
    expect(sut).toMatchObject({ score: 925, grade: 'B' });
  });

  it('leaves out records decided after the as-of date', () => {
    const sut = evaluate(ratingInput(SOMEONE, [courtEnforcement('2026-07-01')]));
    expect(sut.score).toBe(1000);
  });

  it('grades a dishonest judgment debtor D whatever the score', () => {
    const court = courtEnforcement('2026-01-10');
    const listed = entry('dishonest_judgment_debtors', '2026-02-01', [court]);
    const sut = evaluate(ratingInput(SOMEONE, [court], { listEntries: [listed] }));
    expect(sut).toMatchObject({ score: 950, scoreGrade: 'B', grade: 'D', basis: 'direct' });
    expect(sut.directGrade).toMatchObject({
      rule: 'dishonest_judgment_debtor',
      recordIds: [court.id],
      entryIds: [listed.id],
    });
  });

  it('does not count an entry that has ended or is not yet effective', () => {
    const ended = { ...entry('dishonest_judgment_debtors', '2024-01-01'), endsOn: '2026-01-01' };
    const proposed = {
      ...entry('dishonest_judgment_debtors', '2026-01-01'),
      state: 'noticed' as const,
    };
    expect(evaluate(ratingInput(SOMEONE, [], { listEntries: [ended, proposed] })).grade).toBe('A');
  });

  it('does not rate organizations', () => {
    expect(evaluatePointsModel(model, ratingInput(business('2019-01-01')), AS_OF)).toBeNull();
  });
});

describe('city_personal_score: commendations and bands', () => {
  it('adds 30 for a national and 20 for a provincial commendation: 1050 is AAA, 1030 AA', () => {
    const national = commendation('national', '2025-10-01');
    const provincial = commendation('provincial', '2026-01-01');
    expect(evaluate(ratingInput(SOMEONE, [national, provincial]))).toMatchObject({
      score: 1050,
      grade: 'AAA',
    });
    expect(evaluate(ratingInput(SOMEONE, [national]))).toMatchObject({ score: 1030, grade: 'AA' });
  });

  it('caps national commendations at 60 points', () => {
    const three = ['2024-01-01', '2025-01-01', '2026-01-01'].map((d) =>
      commendation('national', d),
    );
    const sut = evaluate(ratingInput(SOMEONE, three));
    expect(contribution(sut, 'commendation_national')).toMatchObject({ points: 60, uncapped: 90 });
    expect(sut.grade).toBe('AAA');
  });

  it('reaches the lower bands with real deductions: 960 A, 850 B, 600 C, 590 D', () => {
    const fees = (n: number) =>
      Array.from({ length: n }, (_, i) => billOverdue('electricity', 1, `2026-0${i + 1}-01`));
    const courts = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        courtEnforcement(`2025-${String(i + 1).padStart(2, '0')}-01`),
      );
    expect(evaluate(ratingInput(SOMEONE, fees(2)))).toMatchObject({ score: 960, grade: 'A' });
    expect(evaluate(ratingInput(SOMEONE, courts(3)))).toMatchObject({ score: 850, grade: 'B' });
    expect(evaluate(ratingInput(SOMEONE, courts(8)))).toMatchObject({ score: 600, grade: 'C' });
    const halfFee = billOverdue('gas', 1, '2024-06-01');
    expect(evaluate(ratingInput(SOMEONE, [...courts(8), halfFee]))).toMatchObject({
      score: 590,
      grade: 'D',
    });
  });

  // SPEC 4.6: AAA ≥ 1050, AA 1030–1049, A 960–1029, B 850–959, C 600–849, D ≤ 599
  it.each([
    [1050, 'AAA'],
    [1049, 'AA'],
    [1030, 'AA'],
    [1029, 'A'],
    [960, 'A'],
    [959, 'B'],
    [850, 'B'],
    [849, 'C'],
    [600, 'C'],
    [599.99, 'D'],
    [599, 'D'],
  ])('grades a score of %s as %s', (score, grade) => {
    const withStart: PointsModel = {
      ...model,
      startScore: [{ id: 'given', label: { zh: '给定', en: 'Given' }, points: score }],
    };
    expect(evaluatePointsModel(withStart, ratingInput(SOMEONE), AS_OF)).toMatchObject({
      score,
      grade,
    });
  });
});
