import type { LayerRef, LegalBasis, LocalizedText } from '../catalog.js';

/**
 * A statistical scorecard as catalog data (SPEC 4.6). Sign conventions, used throughout:
 * WOE = ln(%good / %bad), so a positive WOE means lower risk; the regression predicts
 * ln(odds of good); points are scaled so that a higher score means lower risk.
 */

export type CharacteristicKind = 'numeric' | 'categorical';

/** Subjects a scorecard applies to. */
export type ScorecardSubject = 'person' | 'business';

/** One attribute (bin) of a characteristic with its training counts, WOE and points. */
export interface ScorecardBin {
  label: string;
  /** numeric bins are half-open [lower, upper); an absent bound is unbounded */
  lower?: number;
  upper?: number;
  /** categorical bins: the category values that fall in this bin */
  categories?: string[];
  /** the bin for a missing value (no lower, upper or categories) */
  missing?: true;
  count: number;
  goods: number;
  bads: number;
  woe: number;
  /** full precision: the points of all characteristics add up to Offset + Factor·ln(odds) */
  points: number;
  /** `points` rounded to an integer, for printed scorecards */
  displayPoints: number;
}

/** How a characteristic is computed from a subject's records (see characteristics.ts). */
export interface CharacteristicSource {
  recordType: string;
  /** a field of the record type, or an amount field (minor units); not needed for count */
  field?: string;
  aggregate: SourceAggregate;
  /** only records decided within this ISO 8601 duration before the as-of date count, e.g. P24M */
  window?: string;
  /** the value is divided by this, to the unit the scorecard was trained in (days → months: 30) */
  divideBy?: number;
}

export type SourceAggregate = 'count' | 'sum' | 'max' | 'min' | 'months_since_latest';

export interface ScorecardCharacteristic {
  name: string;
  label: string;
  kind: CharacteristicKind;
  coefficient: number;
  informationValue: number;
  source?: CharacteristicSource;
  bins: ScorecardBin[];
}

/** Score = Offset + Factor·ln(odds); Factor = PDO / ln 2, Offset = basePoints − Factor·ln(baseOdds). */
export interface Scaling {
  basePoints: number;
  /** good:bad odds at which the score is basePoints, e.g. 50 for 50:1 */
  baseOdds: number;
  /** points to double the odds */
  pdo: number;
  factor: number;
  offset: number;
}

export interface ScorecardThreshold {
  label: string;
  /** scores at or above this value (and below the next threshold up) get this label */
  minScore: number;
}

export interface ScorecardMetrics {
  /** on the training data */
  auc: number;
  ks: number;
  gini: number;
  /** mean held-out AUC over k folds, each refitted from binning on its training part only */
  cvAuc: number;
  folds: number;
  /** on the pooled out-of-fold scores, and the PSI of those against the training scores */
  holdout?: { auc: number; ks: number; gini: number; psi: number };
  /**
   * the training scores in buckets cut at their deciles: `shares[k]` of the rows score in
   * bucket k (k cuts make k + 1 buckets). A run's scores are compared with it (PSI).
   */
  scoreDistribution?: { cuts: number[]; shares: number[] };
}

export interface ScorecardModel {
  id: string;
  /** the regional layer that adds it; absent for a national model (issue 22) */
  layer?: LayerRef;
  version: string;
  kind: 'scorecard';
  name: LocalizedText;
  description: LocalizedText;
  legalBasis: LegalBasis[];
  status: 'draft' | 'published';
  /** whether results are public; financial scores are restricted, so false unless said */
  public: boolean;
  subjects: ScorecardSubject[];
  scaling: Scaling;
  /** α of ln(odds of good) = α + Σ β_j·WOE_j */
  intercept: number;
  characteristics: ScorecardCharacteristic[];
  thresholds?: ScorecardThreshold[];
  metrics: ScorecardMetrics;
}
