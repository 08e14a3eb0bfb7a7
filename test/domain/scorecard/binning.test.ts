import { describe, expect, it } from 'vitest';
import { binCharacteristic } from '../../../src/domain/scorecard/binning.js';
import { seededRandom } from '../../../src/domain/scorecard/shuffle.js';
import { findBin } from '../../../src/domain/scorecard/values.js';
import { woeTable } from '../../../src/domain/scorecard/woe.js';
import { badRates } from './helpers.js';

/** `n` rows of an integer 0–99 whose chance of being bad is `badChance(x)`. */
function sample(n: number, seed: number, badChance: (x: number) => number) {
  const random = seededRandom(seed);
  const values: number[] = [];
  const good: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.floor(random() * 100);
    values.push(x);
    good.push(random() >= badChance(x));
  }
  return { values, good };
}

const strictlyMonotonic = (rates: number[]) =>
  rates.every((r, i) => i === 0 || r > rates[i - 1]!) ||
  rates.every((r, i) => i === 0 || r < rates[i - 1]!);

describe('binCharacteristic on numbers', () => {
  it('gives bins whose bad rate is strictly monotonic, each with at least 5% of the rows', () => {
    // a noisy, mostly rising risk with a wiggle the binning must smooth out
    const { values, good } = sample(2000, 7, (x) => 0.1 + 0.4 * (x / 100) + 0.08 * Math.sin(x / 4));
    const sut = binCharacteristic('numeric', values, good);
    expect(sut.length).toBeGreaterThan(2);
    expect(sut.length).toBeLessThanOrEqual(10);
    expect(strictlyMonotonic(badRates(sut))).toBe(true);
    for (const b of sut) expect(b.goods + b.bads).toBeGreaterThanOrEqual(0.05 * 2000);
  });

  it('makes a U-shaped risk monotonic too, in whichever direction keeps more information', () => {
    const { values, good } = sample(3000, 11, (x) => 0.15 + 0.5 * ((x - 30) / 100) ** 2);
    const sut = binCharacteristic('numeric', values, good);
    expect(strictlyMonotonic(badRates(sut))).toBe(true);
    expect(woeTable(sut).informationValue).toBeGreaterThan(0);
  });

  it('covers the line with half-open bins [lower, upper), unbounded at both ends', () => {
    const { values, good } = sample(1000, 3, (x) => x / 120);
    const sut = binCharacteristic('numeric', values, good);
    expect(sut[0]!.lower).toBeUndefined();
    expect(sut.at(-1)!.upper).toBeUndefined();
    sut.slice(1).forEach((b, i) => expect(b.lower).toBe(sut[i]!.upper));
    // every training value falls in the bin whose counts hold it
    const counted = sut.map(() => 0);
    for (const v of values) counted[findBin('numeric', sut, v)]!++;
    expect(counted).toEqual(sut.map((b) => b.goods + b.bads));
    expect(findBin('numeric', sut, -1e9)).toBe(0);
    expect(findBin('numeric', sut, 1e9)).toBe(sut.length - 1);
  });

  it('never splits tied values across bins', () => {
    // 60% of the rows are 0: one quantile after another lands on the tie
    const random = seededRandom(5);
    const values = Array.from({ length: 1000 }, (_, i) => (i < 600 ? 0 : 1 + (i % 50)));
    const good = values.map((v) => random() >= (v === 0 ? 0.1 : 0.4));
    const sut = binCharacteristic('numeric', values, good);
    const zeros = sut.filter((b) => findBin('numeric', [b], 0) === 0);
    expect(zeros).toHaveLength(1);
    expect(zeros[0]!.goods + zeros[0]!.bads).toBeGreaterThanOrEqual(600);
  });

  it('gives a constant column a single bin with no information', () => {
    const sut = binCharacteristic('numeric', [4, 4, 4, 4], [true, false, true, true]);
    expect(sut).toEqual([{ label: 'all', goods: 3, bads: 1 }]);
    expect(woeTable(sut).informationValue).toBe(0);
  });

  it('puts missing values in a missing bin of their own', () => {
    const values = [1, 2, null, 3, '', 4, 5, 6, 7, 8];
    const good = [true, true, false, true, false, true, false, true, true, false];
    const sut = binCharacteristic('numeric', values, good);
    expect(sut.at(-1)).toEqual({ label: 'missing', missing: true, goods: 0, bads: 2 });
    expect(findBin('numeric', sut, null)).toBe(sut.length - 1);
  });
});

describe('binCharacteristic on categories', () => {
  const rows = (spec: Record<string, [goods: number, bads: number]>) => {
    const values: string[] = [];
    const good: boolean[] = [];
    for (const [category, [g, b]] of Object.entries(spec)) {
      for (let i = 0; i < g + b; i++) {
        values.push(category);
        good.push(i < g);
      }
    }
    return { values, good };
  };

  it('gives every frequent category its own bin and merges rare ones of similar risk', () => {
    // of 1007 rows, R1–R4 are each under 5%; R1/R2 are risky, R3/R4 safe
    const { values, good } = rows({
      A: [300, 100],
      B: [250, 150],
      R1: [10, 20],
      R2: [8, 17],
      R3: [28, 1],
      R4: [22, 1],
      C: [60, 40],
    });
    const sut = binCharacteristic('categorical', values, good);
    expect(sut.map((b) => b.label)).toEqual(['A', 'B', 'C', 'R3, R4', 'R1, R2']);
    for (const b of sut) expect(b.goods + b.bads).toBeGreaterThanOrEqual(0.05 * values.length);
  });

  it('adds a lone rare category that stays too small to the frequent bin most like it', () => {
    const { values, good } = rows({ A: [500, 100], B: [200, 180], Z: [5, 15] });
    const sut = binCharacteristic('categorical', values, good);
    expect(sut.map((b) => b.label)).toEqual(['A', 'B, Z']);
    expect(sut[1]).toMatchObject({ categories: ['B', 'Z'], goods: 205, bads: 195 });
  });

  it('gives a one-category column a single bin and a missing value its own bin', () => {
    const sut = binCharacteristic('categorical', ['x', 'x', null, 'x'], [true, false, true, true]);
    expect(sut).toEqual([
      { label: 'x', categories: ['x'], goods: 2, bads: 1 },
      { label: 'missing', missing: true, goods: 1, bads: 0 },
    ]);
  });
});
