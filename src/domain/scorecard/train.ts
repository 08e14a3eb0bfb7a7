import type { LegalBasis, LocalizedText } from '../catalog.js';
import { DEFAULT_BINNING, type BinningOptions } from './binning.js';
import { crossValidate, type CrossValidation } from './cross-validation.js';
import { DEFAULT_FIT, fitScorecard, type FittedScorecard, type TrainingData } from './fit.js';
import { auc, countIn, gini, ks, psi, quantileCuts } from './metrics.js';
import type { Scaling, ScorecardModel, ScorecardSubject, ScorecardThreshold } from './model.js';
import { scalingFor, scoreOf } from './scaling.js';

/** Training a scorecard model end to end: fit on all rows, cross-validate, measure. */

export interface TrainOptions {
  binning?: Partial<BinningOptions>;
  minIv?: number;
  ridge?: number;
  scaling?: Partial<Pick<Scaling, 'basePoints' | 'baseOdds' | 'pdo'>>;
  folds?: number;
  seed?: number;
}

export const DEFAULT_FOLDS = 10;
export const DEFAULT_SEED = 1;

/** What the model file says about itself; the trainer adds scaling, characteristics, metrics. */
export interface ModelMeta {
  id: string;
  version: string;
  name: LocalizedText;
  description: LocalizedText;
  legalBasis: LegalBasis[];
  subjects: ScorecardSubject[];
  thresholds?: ScorecardThreshold[];
}

export interface TrainingResult {
  model: ScorecardModel;
  fitted: FittedScorecard;
  crossValidation: CrossValidation;
  /** every training row's score from the final model */
  trainScores: number[];
}

export function trainScorecard(
  data: TrainingData,
  meta: ModelMeta,
  options: TrainOptions = {},
): TrainingResult {
  const s = options.scaling ?? {};
  const scaling = scalingFor(s.basePoints, s.baseOdds, s.pdo);
  const fit = {
    binning: { ...DEFAULT_BINNING, ...options.binning },
    minIv: options.minIv ?? DEFAULT_FIT.minIv,
    ridge: options.ridge ?? DEFAULT_FIT.ridge,
    scaling,
  };
  const fitted = fitScorecard(data, fit);
  const folds = options.folds ?? DEFAULT_FOLDS;
  const crossValidation = crossValidate(data, fit, folds, options.seed ?? DEFAULT_SEED);
  const trainScores = fitted.lnOdds.map((l) => scoreOf(scaling, l));
  const trainAuc = auc(trainScores, data.good);
  const holdoutAuc = auc(crossValidation.outOfFold, data.good);
  const model: ScorecardModel = {
    id: meta.id,
    version: meta.version,
    kind: 'scorecard',
    name: meta.name,
    description: meta.description,
    legalBasis: meta.legalBasis,
    status: 'draft',
    public: false,
    subjects: meta.subjects,
    scaling,
    intercept: fitted.intercept,
    characteristics: fitted.characteristics,
    ...(meta.thresholds ? { thresholds: meta.thresholds } : {}),
    metrics: {
      auc: trainAuc,
      ks: ks(trainScores, data.good),
      gini: gini(trainAuc),
      cvAuc: crossValidation.meanAuc,
      folds,
      holdout: {
        auc: holdoutAuc,
        ks: ks(crossValidation.outOfFold, data.good),
        gini: gini(holdoutAuc),
        psi: psi(trainScores, crossValidation.outOfFold),
      },
      scoreDistribution: scoreDistribution(trainScores),
    },
  };
  return { model, fitted, crossValidation, trainScores };
}

/** the training scores' deciles and the share of rows in each bucket, for monitoring runs */
function scoreDistribution(scores: readonly number[]): { cuts: number[]; shares: number[] } {
  const cuts = quantileCuts(scores);
  return { cuts, shares: countIn(cuts, scores).map((c) => c / scores.length) };
}
