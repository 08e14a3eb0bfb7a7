import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import type { PointsModel } from '../../../src/domain/rating-model.js';
import { bandFor, evaluatePointsModel } from '../../../src/domain/ratings/points-engine.js';
import type { PointsResult, RatingInput } from '../../../src/domain/ratings/points-result.js';
import {
  business,
  entry,
  person,
  ratingInput,
  taxRating,
  taxViolation,
} from '../../support/rating-records.js';

/** The default tax credit rating (SPEC 4.6), on hand-computed cases. Evaluated in April 2026: the 2025 year. */

const AS_OF = '2026-04-15';
const YEAR_2025 = { start: '2025-01-01', end: '2025-12-31' };
const YEAR_2024 = { start: '2024-01-01', end: '2024-12-31' };
/** an enterprise the registry has known for years: no operating-period ceiling */
const OLD = '2015-03-01T08:00:00.000Z';

let model: PointsModel;
beforeAll(async () => {
  const catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
  model = catalog.ratingModels.get('tax_credit_rating') as PointsModel;
});

const evaluate = (input: RatingInput, asOf = AS_OF): PointsResult => {
  const result = evaluatePointsModel(model, input, asOf);
  if (!result) throw new Error('the model did not apply');
  return result;
};
const rules = (r: PointsResult) => r.contributions.map((c) => [c.rule, c.points]);
const rated2024 = () => taxRating(2024, 'A', '2025-04-10');

describe('tax_credit_rating: start score and bands', () => {
  it('starts at 93 when the non-recurring indicators are missing, and grades 93 A', () => {
    const rating = rated2024();
    const sut = evaluate(ratingInput(business(OLD), [rating]));
    expect(sut).toMatchObject({
      modelId: 'tax_credit_rating',
      modelVersion: '2026.1',
      asOf: AS_OF,
      period: YEAR_2025,
      score: 93,
      grade: 'A',
      basis: 'score',
    });
    expect(sut.contributions).toEqual([
      expect.objectContaining({
        rule: 'non_recurring_missing',
        source: 'start',
        points: 93,
        recordIds: [rating.id],
      }),
    ]);
  });

  it('starts at 100 with both kinds of indicator, and deducts 11 for evasion under the thresholds: 89 is B', () => {
    const evasion = taxViolation('evasion', '2025-06-01', { yuan: 50_000, percent: 20 });
    const sut = evaluate(ratingInput(business(OLD), [rated2024(), evasion]));
    expect(rules(sut)).toEqual([
      ['complete', 100],
      ['evasion_under_threshold', -11],
    ]);
    expect(sut.contributions[1]?.recordIds).toEqual([evasion.id]);
    expect(sut).toMatchObject({ score: 89, scoreHundredths: 8900, grade: 'B' });
  });

  it('starts at 90 otherwise, and 90 is still A', () => {
    const sut = evaluate(ratingInput(business(OLD), [taxViolation('other', '2025-05-01')]));
    expect(rules(sut)).toEqual([['incomplete', 90]]);
    expect(sut.grade).toBe('A');
  });

  it('counts three evasions as 33 points: 100 − 33 = 67 is C; six make 34, a D by score', () => {
    const evasions = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        taxViolation('evasion', `2025-0${i + 1}-15`, { yuan: 1_000, percent: 1 }),
      );
    expect(evaluate(ratingInput(business(OLD), [rated2024(), ...evasions(3)]))).toMatchObject({
      score: 67,
      grade: 'C',
    });
    expect(evaluate(ratingInput(business(OLD), [rated2024(), ...evasions(6)]))).toMatchObject({
      score: 34,
      grade: 'D',
      basis: 'score',
    });
  });

  // the bands as data: lower bounds inclusive, so 89.99 is B and 90 is A
  it.each([
    [100, 'A'],
    [90, 'A'],
    [89.99, 'B'],
    [70, 'B'],
    [69.99, 'C'],
    [40, 'C'],
    [39.99, 'D'],
    [0, 'D'],
  ])('grades a score of %s as %s', (score, grade) => {
    const withStart: PointsModel = {
      ...model,
      startScore: [{ id: 'given', label: { zh: '给定', en: 'Given' }, points: score }],
    };
    const sut = evaluatePointsModel(withStart, ratingInput(business(OLD), [rated2024()]), AS_OF);
    expect(sut).toMatchObject({ score, grade });
    expect(bandFor(model.grades, Math.round(score * 100)).grade).toBe(grade);
  });

  it('is exact at the boundary: 90 less a hundredth of a point is B', () => {
    const minus: PointsModel = {
      ...model,
      rules: [
        ...model.rules,
        {
          id: 'hundredth',
          label: { zh: '测试', en: 'Test' },
          basis: { zh: '测试', en: 'test' },
          records: { recordType: 'tax_violation', conditions: [] },
          points: -0.01,
        },
      ],
    };
    const sut = evaluatePointsModel(
      minus,
      ratingInput(business(OLD), [taxViolation('other', '2025-05-01')]),
      AS_OF,
    );
    expect(sut).toMatchObject({ score: 89.99, scoreHundredths: 8999, grade: 'B' });
  });
});

describe('tax_credit_rating: direct D', () => {
  it('grades evasion of 1,200,000 yuan at 12% of the tax due D directly, naming the rule and the record', () => {
    const evasion = taxViolation('evasion', '2025-08-01', { yuan: 1_200_000, percent: 12 });
    const sut = evaluate(ratingInput(business(OLD), [rated2024(), evasion]));
    expect(sut).toMatchObject({ grade: 'D', basis: 'direct', score: 100, scoreGrade: 'A' });
    expect(sut.directGrade).toEqual({
      rule: 'evasion_over_threshold',
      label: expect.objectContaining({ zh: '偷税金额10万元以上且占应纳税总额10%以上' }),
      grade: 'D',
      recordIds: [evasion.id],
      entryIds: [],
      periods: 1,
      since: YEAR_2025,
    });
    // the direct-D record is not deducted as well
    expect(rules(sut)).toEqual([['complete', 100]]);
  });

  it('takes both thresholds inclusively: 100,000 yuan and 10% is D; under either is 11 points', () => {
    const at = (yuan: number, percent: number) =>
      evaluate(
        ratingInput(business(OLD), [
          rated2024(),
          taxViolation('evasion', '2025-08-01', { yuan, percent }),
        ]),
      );
    expect(at(100_000, 10).grade).toBe('D');
    expect(at(99_999, 50)).toMatchObject({ grade: 'B', score: 89 });
    expect(at(5_000_000, 9.99)).toMatchObject({ grade: 'B', score: 89 });
  });

  it('grades export refund fraud D directly', () => {
    const fraud = taxViolation('export_refund_fraud', '2025-03-03');
    const sut = evaluate(ratingInput(business(OLD), [rated2024(), fraud]));
    expect(sut.directGrade).toMatchObject({ rule: 'serious_tax_offence', recordIds: [fraud.id] });
  });

  it('grades an effective major tax violation entry D, with the entry and the records it rests on', () => {
    const old = taxViolation('evasion', '2024-06-01', { yuan: 2_000_000, percent: 30 });
    const listed = entry('major_tax_violations', '2024-07-01', [old]);
    const sut = evaluate(ratingInput(business(OLD), [rated2024(), old], { listEntries: [listed] }));
    expect(sut.directGrade).toMatchObject({
      rule: 'major_tax_violator',
      grade: 'D',
      recordIds: [old.id],
      entryIds: [listed.id],
    });
  });
});

describe('tax_credit_rating: carry-over', () => {
  const previous = (grade: string, basis: PointsResult['basis'], period = YEAR_2024) => ({
    modelId: 'tax_credit_rating',
    period,
    grade,
    basis,
  });

  it('deducts 11 points the year after a D by score: 93 − 11 = 82 is B', () => {
    const sut = evaluate(
      ratingInput(business(OLD), [rated2024()], { previous: previous('D', 'score') }),
    );
    expect(rules(sut)).toEqual([
      ['non_recurring_missing', 93],
      ['d_by_score', -11],
    ]);
    expect(sut.contributions[1]?.source).toBe('carry_over');
    expect(sut).toMatchObject({ score: 82, grade: 'B' });
    expect(sut.carryOver).toEqual([
      expect.objectContaining({
        rule: 'd_by_score',
        effect: 'points',
        points: -11,
        from: { period: YEAR_2024, grade: 'D', basis: 'score' },
      }),
      expect.objectContaining({ rule: 'no_a_after_d', effect: 'ceiling', grade: 'B' }),
    ]);
  });

  it('gives no A the year after a D, even with the score for it', () => {
    const sut = evaluate(
      ratingInput(business(OLD), [rated2024(), taxViolation('other', '2025-02-02')], {
        previous: previous('D', 'score'),
      }),
    );
    // 100 − 11 = 89 is B anyway; a start of 100 and a gift of points would not make it A
    expect(sut).toMatchObject({ score: 89, grade: 'B' });
    const generous: PointsModel = {
      ...model,
      startScore: [{ id: 'given', label: { zh: '给定', en: 'Given' }, points: 120 }],
    };
    const high = evaluatePointsModel(
      generous,
      ratingInput(business(OLD), [rated2024()], { previous: previous('D', 'score') }),
      AS_OF,
    );
    expect(high).toMatchObject({ score: 109, scoreGrade: 'A', grade: 'B' });
    expect(high?.ceilings).toEqual([expect.objectContaining({ rule: 'no_a_after_d' })]);
  });

  it('carries nothing from a year that is not the one before, or from another model', () => {
    const twoYearsBack = previous('D', 'score', { start: '2023-01-01', end: '2023-12-31' });
    expect(
      evaluate(ratingInput(business(OLD), [rated2024()], { previous: twoYearsBack })),
    ).toMatchObject({ score: 93, grade: 'A' });
    const other = { ...previous('D', 'score'), modelId: 'city_personal_score' };
    expect(
      evaluate(ratingInput(business(OLD), [rated2024()], { previous: other })).carryOver,
    ).toBeUndefined();
  });

  it('holds a direct D for 2 years and bars A in the third', () => {
    const records = [
      taxRating(2023, 'B', '2024-04-10'),
      taxViolation('false_invoicing', '2024-05-10'),
    ];
    const first = evaluate(ratingInput(business(OLD), records), '2025-04-15');
    expect(first).toMatchObject({ period: YEAR_2024, grade: 'D', basis: 'direct' });

    records.push(taxRating(2024, 'D', '2025-04-10'));
    const second = evaluate(ratingInput(business(OLD), records, { previous: first }));
    expect(second).toMatchObject({ period: YEAR_2025, grade: 'D', basis: 'direct' });
    expect(second.scoreGrade).toBe('A');
    expect(second.directGrade).toMatchObject({
      rule: 'serious_tax_offence',
      periods: 2,
      since: YEAR_2024,
      recordIds: [records[1]?.id],
    });
    expect(second.carryOver).toEqual([
      expect.objectContaining({ rule: 'direct_d_holds', effect: 'hold', grade: 'D' }),
    ]);

    records.push(taxRating(2025, 'D', '2026-04-10'));
    const third = evaluate(ratingInput(business(OLD), records, { previous: second }), '2027-04-15');
    expect(third).toMatchObject({ score: 100, scoreGrade: 'A', grade: 'B', basis: 'score' });
    expect(third.ceilings).toEqual([
      expect.objectContaining({ rule: 'direct_d_holds', grade: 'B' }),
      expect.objectContaining({ rule: 'no_a_after_d', grade: 'B' }),
    ]);
    expect(third.carryOver?.map((c) => [c.rule, c.effect])).toEqual([
      ['direct_d_holds', 'ceiling'],
      ['no_a_after_d', 'ceiling'],
    ]);

    records.push(taxRating(2026, 'B', '2027-04-10'));
    const fourth = evaluate(ratingInput(business(OLD), records, { previous: third }), '2028-04-15');
    expect(fourth).toMatchObject({ score: 93, grade: 'A' });
    expect(fourth.carryOver).toBeUndefined();
  });

  it('does not deduct 11 points after a direct D', () => {
    const sut = evaluate(
      ratingInput(business(OLD), [rated2024()], {
        previous: {
          ...previous('D', 'direct'),
          directGrade: {
            rule: 'serious_tax_offence',
            label: { zh: '', en: '' },
            grade: 'D',
            recordIds: [],
            entryIds: [],
            periods: 2,
            since: { start: '2023-01-01', end: '2023-12-31' },
          },
        },
      }),
    );
    expect(rules(sut)).toEqual([['non_recurring_missing', 93]]);
    expect(sut.grade).toBe('B');
  });
});

describe('tax_credit_rating: M, the operating period, and whom it rates', () => {
  it('grades a new enterprise M', () => {
    const sut = evaluate(ratingInput(business('2025-03-01T09:00:00.000Z')));
    expect(sut).toMatchObject({ score: 90, scoreGrade: 'A', grade: 'M', basis: 'special' });
    expect(sut.specialGrade).toMatchObject({ rule: 'new_enterprise', grade: 'M' });
  });

  it('grades a new enterprise with a direct-D offence D, not M', () => {
    const sut = evaluate(
      ratingInput(business('2025-03-01'), [taxViolation('tax_resistance', '2025-09-09')]),
    );
    expect(sut).toMatchObject({ grade: 'D', basis: 'direct' });
  });

  it('gives no A to an enterprise operating for less than 3 years at the end of the year', () => {
    const young = evaluate(ratingInput(business('2023-06-01'), [rated2024()]));
    expect(young).toMatchObject({ score: 93, scoreGrade: 'A', grade: 'B' });
    expect(young.ceilings).toEqual([
      expect.objectContaining({ rule: 'operating_under_three_years', grade: 'B' }),
    ]);
    // 2023, 2024 and 2025 are three full years
    expect(evaluate(ratingInput(business('2023-01-01'), [rated2024()])).grade).toBe('A');
  });

  it('rates only enterprises with tax records, or new ones', () => {
    expect(evaluatePointsModel(model, ratingInput(business('2025-01-01')), AS_OF)).toBeNull();
    expect(evaluatePointsModel(model, ratingInput(person(OLD), [rated2024()]), AS_OF)).toBeNull();
  });
});
