import type { ScorecardModel } from './model.js';
import { bucketOf, psiReading, shareCounts, type PsiReading } from './metrics.js';

/**
 * Monitoring a scorecard in use (SPEC 4.6: PSI on the model card): how far the scores and
 * each characteristic's bins in a run have moved from the training data. PSI below 0.1 is
 * stable; 0.1 to 0.25 a moderate shift to watch; above 0.25 a major shift to act on.
 */

export const PSI_WATCH = 0.1;
export const PSI_ACT = 0.25;

export interface Stability {
  psi: number;
  reading: PsiReading;
}

export interface StabilityReport {
  /** results counted */
  rated: number;
  /** the scores against the training scores, in the training deciles (when the model keeps them) */
  score?: Stability;
  /** each characteristic's bins against their training counts */
  characteristics: Array<Stability & { name: string; label: string }>;
  warnings: string[];
}

/** Σ (a − e)·ln(a / e) over the shares of two sets of counts in the same bins. */
export function psiOfCounts(expected: readonly number[], actual: readonly number[]): number {
  const e = shareCounts(expected);
  const a = shareCounts(actual);
  return e.reduce((sum, ei, k) => sum + (a[k]! - ei) * Math.log(a[k]! / ei), 0);
}

const stability = (psi: number): Stability => ({ psi, reading: psiReading(psi) });

/** Counts a run's results, one at a time, against the model's training distributions. */
export class StabilityTally {
  private rated = 0;
  private readonly scores: number[] | null;
  private readonly bins: Map<string, { index: Map<string, number>; counts: number[] }>;

  constructor(private readonly model: ScorecardModel) {
    const distribution = model.metrics.scoreDistribution;
    this.scores = distribution ? new Array<number>(distribution.shares.length).fill(0) : null;
    this.bins = new Map(
      model.characteristics.map((c) => [
        c.name,
        {
          index: new Map(c.bins.map((b, k) => [b.label, k])),
          counts: new Array<number>(c.bins.length).fill(0),
        },
      ]),
    );
  }

  /** one stored scorecard result: its score and the bin of each characteristic */
  add(score: number | null, result: Record<string, unknown>): void {
    this.rated++;
    const cuts = this.model.metrics.scoreDistribution?.cuts;
    if (this.scores && cuts && score !== null) this.scores[bucketOf(cuts, score)]!++;
    const characteristics = result.characteristics as
      Array<{ name: string; bin: string }> | undefined;
    for (const c of characteristics ?? []) {
      const tally = this.bins.get(c.name);
      const k = tally?.index.get(c.bin);
      if (tally && k !== undefined) tally.counts[k]!++;
    }
  }

  report(): StabilityReport | null {
    if (this.rated === 0) return null;
    const distribution = this.model.metrics.scoreDistribution;
    const score =
      distribution && this.scores ? stability(psiOfCounts(distribution.shares, this.scores)) : null;
    const characteristics = this.model.characteristics.map((c) => ({
      name: c.name,
      label: c.label,
      ...stability(
        psiOfCounts(
          c.bins.map((b) => b.count),
          this.bins.get(c.name)!.counts,
        ),
      ),
    }));
    return {
      rated: this.rated,
      ...(score ? { score } : {}),
      characteristics,
      warnings: stabilityWarnings(score, characteristics, 'training'),
    };
  }
}

/** a warning per PSI above 0.1, the score's first */
export function stabilityWarnings(
  score: Stability | null,
  characteristics: ReadonlyArray<Stability & { name: string }>,
  against: string,
): string[] {
  const warn = (what: string, s: Stability) =>
    s.psi > PSI_WATCH
      ? [
          `${what}: PSI ${s.psi.toFixed(3)} against ${against}, a ${s.reading} (above ${s.psi > PSI_ACT ? PSI_ACT : PSI_WATCH})`,
        ]
      : [];
  return [
    ...(score ? warn('score distribution', score) : []),
    ...characteristics.flatMap((c) => warn(`characteristic ${c.name}`, c)),
  ];
}
