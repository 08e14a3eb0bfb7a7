import { describe, expect, it } from 'vitest';
import { ivStrength, woeTable } from '../../../src/domain/scorecard/woe.js';

describe('woeTable', () => {
  it('gives ln(%good / %bad) per bin and the information value of a tiny table', () => {
    // goods 40/40/20 of 100 and bads 10/20/20 of 50: %good .4 .4 .2, %bad .2 .4 .4
    const sut = woeTable([
      { goods: 40, bads: 10 },
      { goods: 40, bads: 20 },
      { goods: 20, bads: 20 },
    ]);
    expect(sut.woe[0]).toBeCloseTo(Math.LN2, 12);
    expect(sut.woe[1]).toBeCloseTo(0, 12);
    expect(sut.woe[2]).toBeCloseTo(-Math.LN2, 12);
    // (.4 − .2)·ln 2 + 0 + (.2 − .4)·(−ln 2) = 0.4·ln 2
    expect(sut.informationValue).toBeCloseTo(0.4 * Math.LN2, 12);
    expect(sut.informationValue).toBeCloseTo(0.2773, 4);
  });

  it('makes a bin with lower risk than the sample positive', () => {
    const sut = woeTable([
      { goods: 90, bads: 10 },
      { goods: 50, bads: 50 },
    ]);
    expect(sut.woe[0]).toBeGreaterThan(0);
    expect(sut.woe[1]).toBeLessThan(0);
  });

  it('adds 0.5 to both counts of a bin with an empty cell, and only there', () => {
    // bin 1: (10 + .5)/20 = .525 good, (0 + .5)/10 = .05 bad; bin 2: 10/20 = .5, 10/10 = 1
    const sut = woeTable([
      { goods: 10, bads: 0 },
      { goods: 10, bads: 10 },
    ]);
    expect(sut.woe[0]).toBeCloseTo(Math.log(0.525 / 0.05), 12);
    expect(sut.woe[1]).toBeCloseTo(Math.log(0.5), 12);
    expect(sut.informationValue).toBeCloseTo(
      (0.525 - 0.05) * Math.log(10.5) + (0.5 - 1) * Math.log(0.5),
      12,
    );
    expect(Number.isFinite(sut.informationValue)).toBe(true);
  });
});

describe('ivStrength', () => {
  it('reads an information value with the usual thresholds', () => {
    expect(ivStrength(0.0199)).toBe('useless');
    expect(ivStrength(0.02)).toBe('weak');
    expect(ivStrength(0.0999)).toBe('weak');
    expect(ivStrength(0.1)).toBe('medium');
    expect(ivStrength(0.3)).toBe('strong');
    expect(ivStrength(0.5)).toBe('strong');
    expect(ivStrength(0.5001)).toBe('suspicious');
  });
});
