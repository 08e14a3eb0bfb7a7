/** Discrimination and stability measures of scores, where a higher score means lower risk. */

/**
 * Area under the ROC curve: the chance that a random good outscores a random bad, ties
 * counting one half (Mann–Whitney U from average ranks).
 */
export function auc(scores: readonly number[], good: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let goods = 0;
  let rankSumGood = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1]!] === scores[order[i]!]) j++;
    // ranks i+1 … j+1 share their average
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      if (good[order[k]!]) {
        goods++;
        rankSumGood += rank;
      }
    }
    i = j + 1;
  }
  const bads = order.length - goods;
  if (goods === 0 || bads === 0) return Number.NaN;
  return (rankSumGood - (goods * (goods + 1)) / 2) / (goods * bads);
}

/** Gini coefficient (accuracy ratio) = 2·AUC − 1. */
export const gini = (areaUnderCurve: number): number => 2 * areaUnderCurve - 1;

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative score distributions of
 * bads and goods, taken only between distinct scores so that ties are never split.
 */
export function ks(scores: readonly number[], good: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const goods = good.filter(Boolean).length;
  const bads = good.length - goods;
  if (goods === 0 || bads === 0) return Number.NaN;
  let g = 0;
  let b = 0;
  let best = 0;
  for (let i = 0; i < order.length; i++) {
    if (good[order[i]!]) g++;
    else b++;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[order[i]!]) {
      best = Math.max(best, Math.abs(b / bads - g / goods));
    }
  }
  return best;
}

/** share floor for an empty bin, so ln(actual / expected) stays finite */
const PSI_FLOOR = 1e-4;

/**
 * Population stability index of `actual` against `expected`: Σ (a − e)·ln(a / e) over bins cut
 * at the deciles (by default) of the expected scores.
 */
export function psi(expected: readonly number[], actual: readonly number[], bins = 10): number {
  const cuts = quantileCuts(expected, bins);
  const e = shareCounts(countIn(cuts, expected));
  const a = shareCounts(countIn(cuts, actual));
  return e.reduce((sum, ei, k) => sum + (a[k]! - ei) * Math.log(a[k]! / ei), 0);
}

/** The cuts between `bins` buckets of about equal counts (deciles by default), ascending. */
export function quantileCuts(scores: readonly number[], bins = 10): number[] {
  const sorted = [...scores].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let q = 1; q < bins; q++) {
    const cut = sorted[Math.floor((q * sorted.length) / bins)];
    if (cut !== undefined && cut !== cuts.at(-1) && cut > sorted[0]!) cuts.push(cut);
  }
  return cuts;
}

/** How many scores fall in each bucket: [−∞, cuts[0]), [cuts[0], cuts[1]), …, [last, ∞). */
export function countIn(cuts: readonly number[], scores: readonly number[]): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (const s of scores) counts[bucketOf(cuts, s)]!++;
  return counts;
}

/** the bucket of a score among ascending cuts: k cuts make k + 1 buckets */
export function bucketOf(cuts: readonly number[], score: number): number {
  let k = 0;
  while (k < cuts.length && score >= cuts[k]!) k++;
  return k;
}

/** Counts as shares of their total, an empty bin at a floor so that ln stays finite. */
export function shareCounts(counts: readonly number[]): number[] {
  const total = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => Math.max(total === 0 ? 0 : c / total, PSI_FLOOR));
}

export type PsiReading = 'stable' | 'moderate shift' | 'major shift';

/** The usual reading of a PSI: < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift. */
export function psiReading(value: number): PsiReading {
  if (value < 0.1) return 'stable';
  if (value <= 0.25) return 'moderate shift';
  return 'major shift';
}

export const mean = (values: readonly number[]): number =>
  values.reduce((s, v) => s + v, 0) / values.length;
