import { describe, expect, it } from 'vitest';
import { auc, gini, ks, psi, psiReading } from '../../../src/domain/scorecard/metrics.js';

describe('auc', () => {
  it('counts a tie between a good and a bad as one half', () => {
    // goods score 2 and 3, bads 1 and 2: pairs 2>1, 2=2 (½), 3>1, 3>2 → 3.5 of 4
    expect(auc([1, 2, 2, 3], [false, false, true, true])).toBe(0.875);
    expect(gini(0.875)).toBe(0.75);
  });

  it('is 1 for perfect separation, 0 for reversed, 0.5 when every score ties', () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([1, 2, 3, 4], [true, true, false, false])).toBe(0);
    expect(auc([5, 5, 5, 5], [true, false, true, false])).toBe(0.5);
  });

  it('does not depend on the order of the rows', () => {
    expect(auc([3, 2, 1, 2], [true, true, false, false])).toBe(0.875);
  });
});

describe('ks', () => {
  it('takes the largest gap between the bad and good distributions without splitting ties', () => {
    // after 1: bads ½, goods 0; after the tied 2s: bads 1, goods ½; after 3: both 1
    expect(ks([1, 2, 2, 3], [false, false, true, true])).toBe(0.5);
  });

  it('is 1 for perfect separation and 0 when every score ties', () => {
    expect(ks([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(ks([5, 5, 5, 5], [true, false, true, false])).toBe(0);
  });
});

describe('psi', () => {
  it('is zero for the same distribution', () => {
    const scores = Array.from({ length: 100 }, (_, i) => 500 + i);
    expect(psi(scores, scores)).toBe(0);
  });

  it('sums (actual − expected)·ln(actual / expected) over bins cut on the expected scores', () => {
    // two bins cut at 1: expected ½ ½, actual ¼ ¾
    const sut = psi([0, 0, 1, 1], [0, 1, 1, 1], 2);
    expect(sut).toBeCloseTo(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), 12);
    expect(psiReading(sut)).toBe('major shift');
    expect(psiReading(0.05)).toBe('stable');
  });
});
