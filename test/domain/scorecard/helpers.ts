import { seededRandom } from '../../../src/domain/scorecard/shuffle.js';

/** A seeded stream of standard normal draws (Box–Muller). */
export function normals(seed: number): () => number {
  const random = seededRandom(seed);
  return () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** Draws good (true) with probability 1 / (1 + e^−lnOdds). */
export function drawGood(random: () => number, lnOdds: number): boolean {
  return random() < 1 / (1 + Math.exp(-lnOdds));
}

export const badRates = (bins: ReadonlyArray<{ goods: number; bads: number; missing?: boolean }>) =>
  bins.filter((b) => !b.missing).map((b) => b.bads / (b.goods + b.bads));
