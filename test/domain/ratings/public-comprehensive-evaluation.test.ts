import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import type { PointsModel } from '../../../src/domain/rating-model.js';
import { evaluatePointsModel } from '../../../src/domain/ratings/points-engine.js';
import type { PointsResult, RatingInput } from '../../../src/domain/ratings/points-result.js';
import {
  business,
  commendation,
  entry,
  penalty,
  ratingInput,
  record,
  taxRating,
} from '../../support/rating-records.js';

/**
 * The default public comprehensive evaluation of enterprises, on hand-computed cases. As of
 * 2026-03-31 the window is the three years from 2023-04-01; ages are measured at 2026-04-01.
 */

const AS_OF = '2026-03-31';
const FIRM = business('2015-06-01');

let model: PointsModel;
beforeAll(async () => {
  const catalog = await loadCatalog(DEFAULT_CATALOG_DIR);
  model = catalog.ratingModels.get('public_comprehensive_evaluation') as PointsModel;
});

const evaluate = (input: RatingInput): PointsResult => {
  const result = evaluatePointsModel(model, input, AS_OF);
  if (!result) throw new Error('the model did not apply');
  return result;
};
const points = (r: PointsResult, rule: string) =>
  r.contributions.find((c) => c.rule === rule)?.points;

describe('public_comprehensive_evaluation', () => {
  it('starts at 100, an A', () => {
    expect(evaluate(ratingInput(FIRM))).toMatchObject({
      score: 100,
      grade: 'A',
      period: { start: '2023-04-01', end: '2026-03-31' },
    });
  });

  it('counts a penalty while it is public: minor 3 months, general 1 year', () => {
    const sut = evaluate(
      ratingInput(FIRM, [
        penalty('minor', '2026-01-01'),
        penalty('minor', '2025-12-31'),
        penalty('general', '2025-04-01'),
        penalty('general', '2025-03-31'),
      ]),
    );
    expect(points(sut, 'penalty_minor')).toBe(-1);
    expect(points(sut, 'penalty_general')).toBe(-5);
    expect(sut.score).toBe(94);
  });

  it('lets a serious penalty decay by the day after a year, to nothing at three', () => {
    // 2024-01-31: full weight to 2025-01-31, zero from 2027-01-31; at 2026-04-01, 305 of 730
    // days are left: −15 × 305 / 730 = −6.2671… → −6.27
    const decaying = penalty('serious', '2024-01-31');
    const fresh = penalty('serious', '2025-06-01');
    const spent = penalty('serious', '2023-04-01');
    const sut = evaluate(ratingInput(FIRM, [decaying, fresh, spent]));
    expect(sut.contributions.find((c) => c.rule === 'penalty_serious')?.items).toEqual([
      { recordId: decaying.id, units: 1, factor: 0.4178, points: -6.27, basePoints: -15 },
      { recordId: fresh.id, units: 1, factor: 1, points: -15, basePoints: -15 },
      { recordId: spent.id, units: 1, factor: 0, points: 0, basePoints: -15 },
    ]);
    expect(sut).toMatchObject({ score: 78.73, scoreHundredths: 7873, grade: 'B' });
  });

  it('deducts for the abnormal operations list and broken commitments, and caps unfiled reports at 9', () => {
    const reports = [2021, 2022, 2023, 2024].map((year, i) =>
      record('annual_report_missing', { year }, { decided: `2025-0${i + 1}-01` }),
    );
    const broken = record(
      'credit_commitment',
      { promise: '按期整改', kept: false },
      { decided: '2025-09-01' },
    );
    const kept = record(
      'credit_commitment',
      { promise: '按期整改', kept: true },
      { decided: '2025-09-02' },
    );
    const listed = entry('abnormal_operations', '2025-07-01', [reports[3]!]);
    const sut = evaluate(ratingInput(FIRM, [...reports, broken, kept], { listEntries: [listed] }));
    expect(points(sut, 'annual_report_missing')).toBe(-9);
    expect(points(sut, 'commitment_broken')).toBe(-5);
    expect(sut.contributions.find((c) => c.rule === 'abnormal_operations')).toMatchObject({
      points: -10,
      entryIds: [listed.id],
      recordIds: [reports[3]!.id],
    });
    // 100 − 9 − 5 − 10
    expect(sut).toMatchObject({ score: 76, grade: 'B' });
  });

  it('adds for an A tax grade of the last year and for commendations, capped at 10', () => {
    const honours = ['2024-01-01', '2025-01-01', '2025-06-01'].map((d) =>
      commendation('provincial', d),
    );
    const sut = evaluate(
      ratingInput(FIRM, [
        taxRating(2024, 'A', '2025-04-10'),
        taxRating(2023, 'A', '2024-04-10'),
        ...honours,
      ]),
    );
    expect(points(sut, 'tax_grade_a')).toBe(3);
    expect(points(sut, 'commendation')).toBe(10);
    expect(sut.score).toBe(113);
  });

  it.each(['serious_market_violations', 'securities_serious_dishonesty'])(
    'grades an enterprise on %s D',
    (list) => {
      const listed = entry(list, '2025-11-01');
      const sut = evaluate(ratingInput(FIRM, [], { listEntries: [listed] }));
      expect(sut).toMatchObject({ grade: 'D', basis: 'direct' });
    },
  );

  it('grades an enterprise on a blacklist D', () => {
    const listed = entry('serious_market_violations', '2025-11-01');
    const sut = evaluate(ratingInput(FIRM, [], { listEntries: [listed] }));
    expect(sut).toMatchObject({ grade: 'D', basis: 'direct', score: 100 });
    expect(sut.directGrade).toMatchObject({ rule: 'blacklisted', entryIds: [listed.id] });
  });

  it.each([
    [90, 'A'],
    [89.99, 'B'],
    [75, 'B'],
    [74.99, 'C'],
    [60, 'C'],
    [59.99, 'D'],
  ])('grades a score of %s as %s', (score, grade) => {
    const withStart: PointsModel = {
      ...model,
      startScore: [{ id: 'given', label: { zh: '给定', en: 'Given' }, points: score }],
    };
    expect(evaluatePointsModel(withStart, ratingInput(FIRM), AS_OF)).toMatchObject({ grade });
  });
});
