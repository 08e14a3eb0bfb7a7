import { describe, expect, it } from 'vitest';
import type { ScorecardBin, ScorecardCharacteristic } from '../../../src/domain/scorecard/model.js';
import { MAX_REASONS, scoreVector } from '../../../src/domain/scorecard/scorecard.js';

const bin = (label: string, points: number, where: Partial<ScorecardBin>): ScorecardBin => ({
  label,
  ...where,
  count: 10,
  goods: 8,
  bads: 2,
  woe: 0,
  points,
  displayPoints: Math.round(points),
});

/** a numeric characteristic with bins < 10 and >= 10, worth `low` and `high` points */
const numeric = (name: string, low: number, high: number): ScorecardCharacteristic => ({
  name,
  label: `${name} label`,
  kind: 'numeric',
  coefficient: 1,
  informationValue: 0.1,
  bins: [bin('< 10', low, { upper: 10 }), bin('>= 10', high, { lower: 10 })],
});

const housing: ScorecardCharacteristic = {
  name: 'housing',
  label: 'Housing',
  kind: 'categorical',
  coefficient: 1,
  informationValue: 0.1,
  bins: [
    bin('own', 50, { categories: ['own'] }),
    bin('rent, free', 30, { categories: ['rent', 'free'] }),
    bin('missing', 40, { missing: true }),
  ],
};

// shortfalls when every value is 0 (the low bin): a 20, b 5, c 30, d 0, e 12.5, f 5
const sut = {
  characteristics: [
    numeric('a', 20, 40),
    numeric('b', 35, 40),
    numeric('c', 10, 40),
    numeric('d', 40, 40),
    numeric('e', 27.5, 40),
    numeric('f', 35, 40),
  ],
};
const lows = { a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 };

describe('scoreVector', () => {
  it('adds the points of the bin each value falls in', () => {
    const result = scoreVector(sut, { ...lows, a: 10, c: 99 });
    expect(result.score).toBe(40 + 35 + 40 + 40 + 27.5 + 35);
    expect(result.displayScore).toBe(40 + 35 + 40 + 40 + 28 + 35);
    expect(result.characteristics[0]).toMatchObject({ name: 'a', bin: '>= 10', points: 40 });
  });

  it('ranks reason codes by points below the maximum, at most four, largest first', () => {
    const result = scoreVector(sut, lows);
    expect(MAX_REASONS).toBe(4);
    expect(result.reasons.map((r) => [r.characteristic, r.shortfall])).toEqual([
      ['c', 30],
      ['a', 20],
      ['e', 12.5],
      // b and f tie at 5: the earlier characteristic comes first, f is cut by the cap
      ['b', 5],
    ]);
    expect(result.reasons.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(result.reasons[0]).toMatchObject({ label: 'c label', bin: '< 10' });
  });

  it('gives no reason for a characteristic at its maximum', () => {
    const result = scoreVector(sut, { a: 10, b: 10, c: 0, d: 0, e: 10, f: 10 });
    // d's two bins are both worth 40: no shortfall, so no reason
    expect(result.reasons.map((r) => r.characteristic)).toEqual(['c']);
    expect(scoreVector(sut, { a: 10, b: 10, c: 10, d: 10, e: 10, f: 10 }).reasons).toEqual([]);
  });

  it('puts a missing value in the missing bin, and an unseen one in the worst bin', () => {
    const model = { characteristics: [housing, numeric('a', 20, 40)] };
    const missing = scoreVector(model, { housing: null });
    expect(missing.characteristics[0]).toMatchObject({
      bin: 'missing',
      points: 40,
      fallback: false,
    });
    // a has no missing bin: its worst bin
    expect(missing.characteristics[1]).toMatchObject({ bin: '< 10', points: 20, fallback: true });
    const unseen = scoreVector(model, { housing: 'boat', a: 12 });
    expect(unseen.characteristics[0]).toMatchObject({ bin: 'rent, free', fallback: true });
  });

  it('names the highest threshold the score reaches', () => {
    const model = {
      characteristics: [numeric('a', 20, 40)],
      thresholds: [
        { label: 'refer', minScore: 25 },
        { label: 'approve', minScore: 35 },
      ],
    };
    expect(scoreVector(model, { a: 12 }).threshold).toBe('approve');
    expect(scoreVector(model, { a: 1 }).threshold).toBeUndefined();
  });
});
