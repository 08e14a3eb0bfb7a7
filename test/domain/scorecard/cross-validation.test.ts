import { describe, expect, it } from 'vitest';
import { DEFAULT_BINNING } from '../../../src/domain/scorecard/binning.js';
import { crossValidate, foldsOf } from '../../../src/domain/scorecard/cross-validation.js';
import {
  fitScorecard,
  rowVector,
  type FitOptions,
  type TrainingData,
} from '../../../src/domain/scorecard/fit.js';
import { auc } from '../../../src/domain/scorecard/metrics.js';
import { scalingFor, scoreOf } from '../../../src/domain/scorecard/scaling.js';
import { scoreVector } from '../../../src/domain/scorecard/scorecard.js';
import { seededRandom } from '../../../src/domain/scorecard/shuffle.js';
import { drawGood, normals } from './helpers.js';

const options = (over: Partial<FitOptions> = {}): FitOptions => ({
  binning: DEFAULT_BINNING,
  minIv: 0.02,
  ridge: 1e-4,
  scaling: scalingFor(),
  ...over,
});

/** Two informative columns (one numeric, one categorical) and one of pure noise. */
function synthetic(n: number, seed: number): TrainingData {
  const normal = normals(seed);
  const random = seededRandom(seed + 1);
  const income: number[] = [];
  const region: string[] = [];
  const noise: number[] = [];
  const good: boolean[] = [];
  for (let i = 0; i < n; i++) {
    income.push(Math.round(normal() * 10) / 10);
    region.push(['north', 'south', 'east', 'west'][Math.floor(random() * 4)]!);
    noise.push(random());
    const lnOdds = 1 + 0.6 * income[i]! + (region[i] === 'north' ? 0.8 : 0);
    good.push(drawGood(random, lnOdds));
  }
  return {
    columns: [
      { name: 'income', kind: 'numeric', values: income },
      { name: 'region', kind: 'categorical', values: region },
      { name: 'noise', kind: 'numeric', values: noise },
    ],
    good,
  };
}

describe('fitScorecard', () => {
  const data = synthetic(3000, 21);
  const sut = fitScorecard(data, options());

  it('keeps informative characteristics and drops one below the minimum IV', () => {
    expect(sut.characteristics.map((c) => c.name)).toEqual(['income', 'region']);
    expect(sut.candidates.find((c) => c.name === 'noise')).toMatchObject({
      dropped: 'below minimum information value',
      strength: 'useless',
    });
  });

  it('fits positive coefficients on WOE inputs', () => {
    for (const c of sut.characteristics) expect(c.coefficient).toBeGreaterThan(0);
  });

  it('gives points that add up to Offset + Factor·ln(odds) for every training row', () => {
    const scaling = scalingFor();
    data.good.forEach((_, i) => {
      const { score } = scoreVector(sut, rowVector(data, i));
      expect(Math.abs(score - scoreOf(scaling, sut.lnOdds[i]!))).toBeLessThan(1e-9);
    });
  });

  it('refuses data where no characteristic is informative', () => {
    const flat: TrainingData = { ...data, columns: [data.columns[2]!] };
    expect(() => fitScorecard(flat, options())).toThrow(
      expect.objectContaining({ code: 'SCORECARD_NO_CHARACTERISTICS' }),
    );
  });
});

describe('foldsOf', () => {
  const good = Array.from({ length: 100 }, (_, i) => i % 4 !== 0);

  it('is the same for the same seed and different for another', () => {
    expect(foldsOf(good, 10, 3)).toEqual(foldsOf(good, 10, 3));
    expect(foldsOf(good, 10, 3)).not.toEqual(foldsOf(good, 10, 4));
  });

  it('deals goods and bads evenly over the folds', () => {
    const folds = foldsOf(good, 5, 1);
    for (let k = 0; k < 5; k++) {
      const inFold = folds.map((f, i) => ({ f, i })).filter(({ f }) => f === k);
      expect(inFold).toHaveLength(20);
      expect(inFold.filter(({ i }) => !good[i]).length).toBe(5);
    }
  });
});

describe('crossValidate', () => {
  it('reports the mean held-out AUC and a score for every row', () => {
    const data = synthetic(1500, 5);
    const sut = crossValidate(data, options(), 10, 1);
    expect(sut.aucs).toHaveLength(10);
    expect(sut.meanAuc).toBeCloseTo(sut.aucs.reduce((a, b) => a + b) / 10, 12);
    expect(sut.outOfFold.every(Number.isFinite)).toBe(true);
    expect(sut.meanAuc).toBeGreaterThan(0.6);
  });

  it('refits inside each fold, so pure noise scores no better than chance held out', () => {
    // ten noise columns kept at any IV: the in-sample fit overfits, held-out rows show it
    const random = seededRandom(77);
    const n = 600;
    const data: TrainingData = {
      columns: Array.from({ length: 10 }, (_, j) => ({
        name: `noise_${j}`,
        kind: 'numeric' as const,
        values: Array.from({ length: n }, () => random()),
      })),
      good: Array.from({ length: n }, () => random() < 0.7),
    };
    const fit = options({ minIv: 0 });
    const inSample = fitScorecard(data, fit);
    const trainAuc = auc(inSample.lnOdds, data.good);
    const sut = crossValidate(data, fit, 10, 1);
    expect(trainAuc).toBeGreaterThan(0.6);
    expect(sut.meanAuc).toBeLessThan(0.56);
  });
});
