import { fitScorecard, rowVector, subset, type FitOptions, type TrainingData } from './fit.js';
import { auc, mean } from './metrics.js';
import { scoreVector } from './scorecard.js';
import { seededRandom, shuffled } from './shuffle.js';

export interface CrossValidation {
  folds: number;
  seed: number;
  /** held-out AUC of each fold */
  aucs: number[];
  meanAuc: number;
  /** every row's score from the model of the fold that held it out */
  outOfFold: number[];
}

/**
 * Stratified k-fold cross-validation: each fold's model is binned, weighted and fitted on the
 * other folds only, so nothing of the held-out rows leaks into it.
 */
export function crossValidate(
  data: TrainingData,
  options: FitOptions,
  folds: number,
  seed: number,
): CrossValidation {
  const fold = foldsOf(data.good, folds, seed);
  const outOfFold = new Array<number>(data.good.length).fill(Number.NaN);
  const aucs: number[] = [];
  for (let k = 0; k < folds; k++) {
    const train: number[] = [];
    const test: number[] = [];
    fold.forEach((f, i) => (f === k ? test : train).push(i));
    const model = fitScorecard(subset(data, train), options);
    const scores = test.map((i) => scoreVector(model, rowVector(data, i)).score);
    test.forEach((i, t) => (outOfFold[i] = scores[t]!));
    aucs.push(
      auc(
        scores,
        test.map((i) => data.good[i]!),
      ),
    );
  }
  return { folds, seed, aucs, meanAuc: mean(aucs), outOfFold };
}

/** The fold of every row: goods and bads are each shuffled by the seed, then dealt in turn. */
export function foldsOf(good: readonly boolean[], folds: number, seed: number): number[] {
  const random = seededRandom(seed);
  const indices = good.map((_, i) => i);
  const dealt = [
    ...shuffled(
      indices.filter((i) => good[i]),
      random,
    ),
    ...shuffled(
      indices.filter((i) => !good[i]),
      random,
    ),
  ];
  const fold = new Array<number>(good.length).fill(0);
  dealt.forEach((i, position) => (fold[i] = position % folds));
  return fold;
}
