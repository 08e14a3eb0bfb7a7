import type { PointsModel } from '../../../src/domain/rating-model.js';
import { describe, expect, it } from 'vitest';
import { explainPointsResult } from '../../../src/domain/ratings/explain.js';
import { evaluatePointsModel } from '../../../src/domain/ratings/points-engine.js';
import type { PointsResult, RatingInput } from '../../../src/domain/ratings/points-result.js';
import { LABEL, model, rule } from '../../support/points-models.js';
import { business, entry, ratingInput, record } from '../../support/rating-records.js';

/** The engine on small hand-made models: one feature at a time. */

const FIRM = business('2010-01-01');
const AS_OF = '2026-02-01';

const run = (m: PointsModel, input: RatingInput, asOf = AS_OF): PointsResult => {
  const result = evaluatePointsModel(m, input, asOf);
  if (!result) throw new Error('the model did not apply');
  return result;
};
const arrears = (decided: string, extra: { effective?: string; ended?: string } = {}) =>
  record(
    'wage_arrears',
    { workers_affected: 12 },
    { decided, ...extra, money: { amount: 250_000 } },
  );

describe('evaluatePointsModel: units', () => {
  it('counts every started month from the effective date to the end date', () => {
    const m = model({
      rules: [
        rule({ points: -2, per: { duration: 'P1M', from: 'effective_date', to: 'end_date' } }),
      ],
    });
    const threeMonths = arrears('2025-05-01', { effective: '2025-01-15', ended: '2025-04-14' });
    const fourMonths = arrears('2025-05-01', { effective: '2025-01-15', ended: '2025-04-15' });
    const sut = run(m, ratingInput(FIRM, [threeMonths, fourMonths]));
    expect(sut.contributions[1]?.items?.map((i) => [i.units, i.points])).toEqual([
      [3, -6],
      [4, -8],
    ]);
    expect(sut.score).toBe(86);
  });

  it('counts an arrears that has not ended up to the end of the period', () => {
    const m = model({
      rules: [
        rule({ points: -1, per: { duration: 'P1M', from: 'effective_date', to: 'end_date' } }),
      ],
    });
    const ongoing = arrears('2025-10-01', { effective: '2025-10-01' });
    expect(run(m, ratingInput(FIRM, [ongoing])).contributions[1]?.items?.[0]?.units).toBe(3);
  });

  it('counts whole units of a money field, in minor units, and nothing in another currency', () => {
    // −1 per full 100,000 yuan withheld (10,000,000 fen)
    const m = model({ rules: [rule({ per: { field: 'amount', unit: 10_000_000 } })] });
    const cny = record(
      'wage_arrears',
      { workers_affected: 1 },
      { decided: '2025-03-01', money: { amount: 250_000 } },
    );
    const usd = record(
      'wage_arrears',
      { workers_affected: 1 },
      { decided: '2025-03-02', money: { amount: 250_000 }, currency: 'USD' },
    );
    const sut = run(m, ratingInput(FIRM, [cny, usd]));
    expect(sut.contributions[1]?.items?.map((i) => i.units)).toEqual([2, 0]);
  });
});

describe('evaluatePointsModel: decay and caps', () => {
  it('weighs a record nothing once the last step says 0', () => {
    const m = model({
      period: { kind: 'rolling', duration: 'P5Y' },
      rules: [
        rule({
          points: -10,
          decay: {
            kind: 'step',
            steps: [
              { after: 'P1Y', factor: 0.5 },
              { after: 'P2Y', factor: 0 },
            ],
          },
        }),
      ],
    });
    // as of 2026-01-30 ages are measured at 2026-01-31: 2025-02-01 is under a year old,
    // 2025-01-31 a year, 2024-02-01 under two, 2024-01-31 two
    const items = run(
      m,
      ratingInput(FIRM, [
        arrears('2025-02-01'),
        arrears('2025-01-31'),
        arrears('2024-02-01'),
        arrears('2024-01-31'),
      ]),
      '2026-01-30',
    ).contributions[1]?.items;
    expect(items?.map((i) => i.points)).toEqual([-10, -5, -5, 0]);
  });

  it('caps the rule after decay, in either direction', () => {
    const m = model({ rules: [rule({ points: 0.35, cap: 1 })] });
    const sut = run(
      m,
      ratingInput(
        FIRM,
        ['2025-01-01', '2025-02-01', '2025-03-01'].map((d) => arrears(d)),
      ),
    );
    expect(sut.contributions[1]).toMatchObject({ points: 1, uncapped: 1.05 });
  });
});

describe('evaluatePointsModel: exact points', () => {
  it('adds tenths and hundredths exactly: the contributions sum to the score', () => {
    const m = model({
      startScore: [{ id: 'base', label: LABEL, points: 89.9 }],
      rules: [rule({ points: 0.1 }), rule({ id: 'hundredths', points: -0.01 })],
    });
    const records = Array.from({ length: 3 }, (_, i) => arrears(`2025-0${i + 1}-01`));
    const sut = run(m, ratingInput(FIRM, records));
    // 89.9 + 0.3 − 0.03 = 90.17, not 90.16999…
    expect(sut.score).toBe(90.17);
    expect(sut.scoreHundredths).toBe(9017);
    expect(sut.contributions.reduce((s, c) => s + c.hundredths, 0)).toBe(sut.scoreHundredths);
    expect(sut.grade).toBe('A');
  });

  it('rounds a fractional weight once per record, halves away from zero', () => {
    // −0.15 × 0.5 = −0.075 → −0.08
    const m = model({
      period: { kind: 'rolling', duration: 'P3Y' },
      rules: [
        rule({ points: -0.15, decay: { kind: 'step', steps: [{ after: 'P1Y', factor: 0.5 }] } }),
      ],
    });
    expect(run(m, ratingInput(FIRM, [arrears('2024-01-01')])).contributions[1]?.points).toBe(-0.08);
  });
});

describe('evaluatePointsModel: periods and conditions', () => {
  it('evaluates the last complete quarter', () => {
    const m = model({ period: { kind: 'quarter' }, rules: [rule({ points: -5 })] });
    const sut = run(
      m,
      ratingInput(FIRM, [arrears('2025-12-31'), arrears('2026-01-05')]),
      '2026-02-01',
    );
    expect(sut.period).toEqual({ start: '2025-10-01', end: '2025-12-31' });
    expect(sut.score).toBe(95);
  });

  it('takes the first start score whose condition holds', () => {
    const m = model({
      startScore: [
        { id: 'listed', label: LABEL, points: 50, when: { listed: ['abnormal_operations'] } },
        {
          id: 'two',
          label: LABEL,
          points: 80,
          when: { records: { recordType: 'wage_arrears', conditions: [], atLeast: 2 } },
        },
        { id: 'base', label: LABEL, points: 100 },
      ],
    });
    const one = [arrears('2025-01-01')];
    const two = [...one, arrears('2025-02-01')];
    expect(run(m, ratingInput(FIRM, one)).contributions[0]?.rule).toBe('base');
    expect(run(m, ratingInput(FIRM, two)).contributions[0]).toMatchObject({
      rule: 'two',
      recordIds: two.map((r) => r.id),
    });
    const listed = entry('abnormal_operations', '2025-05-01');
    expect(
      run(m, ratingInput(FIRM, two, { listEntries: [listed] })).contributions[0],
    ).toMatchObject({
      rule: 'listed',
      entryIds: [listed.id],
    });
  });

  it('gives a special grade on the score, and only without a direct grade', () => {
    const m = model({
      specialGrades: [
        {
          id: 'watch',
          label: LABEL,
          basis: { zh: '测试', en: 'test' },
          grade: 'W',
          when: { all: [{ score: { below: 95 } }, { not: { listed: ['abnormal_operations'] } }] },
        },
      ],
      directGrades: [
        {
          id: 'listed',
          label: LABEL,
          basis: { zh: '测试', en: 'test' },
          grade: 'C',
          entries: { listTypes: ['wage_arrears_dishonest'] },
        },
      ],
      rules: [rule({ points: -10 })],
    });
    expect(run(m, ratingInput(FIRM)).grade).toBe('A');
    expect(run(m, ratingInput(FIRM, [arrears('2025-03-01')])).grade).toBe('W');
    const listed = entry('wage_arrears_dishonest', '2025-05-01');
    expect(
      run(m, ratingInput(FIRM, [arrears('2025-03-01')], { listEntries: [listed] })).grade,
    ).toBe('C');
  });

  it('rejects an as-of date that is not a date', () => {
    expect(() => evaluatePointsModel(model(), ratingInput(FIRM), '2026-02-30')).toThrow(RangeError);
  });
});

describe('explainPointsResult', () => {
  it('prints the grade, every contribution with its records, and the direct grade', () => {
    const m = model({
      rules: [rule({ points: -2.5 })],
      directGrades: [
        {
          id: 'listed',
          label: { zh: '列入名单', en: 'Listed' },
          basis: { zh: '测试', en: 'test' },
          grade: 'C',
          entries: { listTypes: ['wage_arrears_dishonest'] },
        },
      ],
    });
    const a = arrears('2025-03-01');
    const listed = entry('wage_arrears_dishonest', '2025-05-01', [a]);
    const sut = explainPointsResult(run(m, ratingInput(FIRM, [a], { listEntries: [listed] })));
    expect(sut[0]).toBe(
      'test_model 1 as of 2026-02-01 (period 2025-01-01 to 2025-12-31): grade C, graded directly',
    );
    expect(sut[1]).toBe('score 97.50 (band A)');
    expect(sut).toContain(`      -2.50  r: Test [records ${a.id}]`);
    expect(sut).toContain(`direct grade C: listed: Listed [records ${a.id}; entries ${listed.id}]`);
    expect(explainPointsResult(run(m, ratingInput(FIRM)), 'zh')[2]).toContain('base: 测试');
  });
});
