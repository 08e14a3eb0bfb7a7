import type { Scaling } from './model.js';

/** Points scaling: Score = Offset + Factor·ln(odds of good). */

export const DEFAULT_SCALING = { basePoints: 600, baseOdds: 50, pdo: 20 } as const;

/** Factor = PDO / ln 2 and Offset = basePoints − Factor·ln(baseOdds). */
export function scalingFor(
  basePoints: number = DEFAULT_SCALING.basePoints,
  baseOdds: number = DEFAULT_SCALING.baseOdds,
  pdo: number = DEFAULT_SCALING.pdo,
): Scaling {
  const factor = pdo / Math.LN2;
  return { basePoints, baseOdds, pdo, factor, offset: basePoints - factor * Math.log(baseOdds) };
}

/** The score of a ln(odds of good). */
export function scoreOf(scaling: Pick<Scaling, 'factor' | 'offset'>, lnOdds: number): number {
  return scaling.offset + scaling.factor * lnOdds;
}

/**
 * Points of one attribute: (β_j·WOE_ij + α/n)·Factor + Offset/n, with n characteristics, so
 * one attribute per characteristic adds up to Offset + Factor·ln(odds) and higher = lower risk.
 */
export function attributePoints(
  scaling: Pick<Scaling, 'factor' | 'offset'>,
  coefficient: number,
  woe: number,
  intercept: number,
  characteristics: number,
): number {
  const n = characteristics;
  return (coefficient * woe + intercept / n) * scaling.factor + scaling.offset / n;
}
