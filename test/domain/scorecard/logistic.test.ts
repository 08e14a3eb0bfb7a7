import { describe, expect, it } from 'vitest';
import { choleskySolve } from '../../../src/domain/scorecard/linear-solve.js';
import { fitLogistic, linearPredictor } from '../../../src/domain/scorecard/logistic.js';
import { seededRandom } from '../../../src/domain/scorecard/shuffle.js';
import { drawGood, normals } from './helpers.js';

/** `n` rows of two standard normal features with ln(odds) = −0.5 + 1.2·x1 − 0.8·x2. */
function synthetic(n: number, seed: number) {
  const normal = normals(seed);
  const random = seededRandom(seed + 1);
  const x: number[][] = [];
  const y: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const row = [normal(), normal()];
    x.push(row);
    y.push(drawGood(random, -0.5 + 1.2 * row[0]! - 0.8 * row[1]!));
  }
  return { x, y };
}

describe('choleskySolve', () => {
  it('solves a symmetric positive definite system', () => {
    const a = [
      [4, 2, 0.4],
      [2, 5, 1],
      [0.4, 1, 3],
    ];
    const x = [1, -2, 0.5];
    const b = a.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    choleskySolve(a, b).forEach((v, j) => expect(v).toBeCloseTo(x[j]!, 12));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() =>
      choleskySolve(
        [
          [1, 2],
          [2, 1],
        ],
        [1, 1],
      ),
    ).toThrow(RangeError);
  });
});

describe('fitLogistic', () => {
  it('recovers known coefficients from seeded synthetic data', () => {
    const { x, y } = synthetic(20_000, 42);
    const sut = fitLogistic(x, y);
    expect(sut.converged).toBe(true);
    expect(sut.intercept).toBeCloseTo(-0.5, 1);
    expect(sut.coefficients[0]).toBeCloseTo(1.2, 1);
    expect(sut.coefficients[1]).toBeCloseTo(-0.8, 1);
    expect(linearPredictor(sut, [1, 1])).toBeCloseTo(
      sut.intercept + sut.coefficients[0]! + sut.coefficients[1]!,
      12,
    );
  });

  it('puts the gradient of the log-likelihood to zero at the fit', () => {
    const { x, y } = synthetic(2000, 7);
    const sut = fitLogistic(x, y);
    const gradient = [0, 0, 0];
    x.forEach((row, i) => {
      const r = (y[i] ? 1 : 0) - 1 / (1 + Math.exp(-linearPredictor(sut, row)));
      gradient[0]! += r;
      gradient[1]! += r * row[0]!;
      gradient[2]! += r * row[1]!;
    });
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-8);
  });

  it('shrinks the coefficients, not the intercept, under a ridge penalty', () => {
    const { x, y } = synthetic(500, 9);
    const plain = fitLogistic(x, y);
    const sut = fitLogistic(x, y, { ridge: 200 });
    expect(Math.abs(sut.coefficients[0]!)).toBeLessThan(Math.abs(plain.coefficients[0]!));
    expect(Math.abs(sut.coefficients[1]!)).toBeLessThan(Math.abs(plain.coefficients[1]!));
  });

  it('stays finite on separable data when a small ridge is given', () => {
    const x = [[-2], [-1], [1], [2]];
    const sut = fitLogistic(x, [false, false, true, true], { ridge: 0.01 });
    expect(sut.converged).toBe(true);
    expect(Number.isFinite(sut.coefficients[0]!)).toBe(true);
    expect(sut.coefficients[0]).toBeGreaterThan(0);
  });
});
