import { CredenceError } from '../../errors.js';
import { binCharacteristic, DEFAULT_BINNING, type BinningOptions } from './binning.js';
import { fitLogistic, linearPredictor } from './logistic.js';
import type { CharacteristicKind, Scaling, ScorecardCharacteristic } from './model.js';
import { attributePoints } from './scaling.js';
import { findBin, type RawValue } from './values.js';
import { ivStrength, woeTable, type IvStrength } from './woe.js';

/** Fitting one scorecard: binning and WOE per characteristic, then the regression and the points. */

export interface TrainingColumn {
  name: string;
  label?: string;
  kind: CharacteristicKind;
  /** one value per row */
  values: RawValue[];
}

/** Column-wise training data; `good[i]` is the label of row i. */
export interface TrainingData {
  columns: TrainingColumn[];
  good: boolean[];
}

export interface FitOptions {
  binning: BinningOptions;
  /** characteristics with a lower information value are dropped */
  minIv: number;
  /** L2 penalty of the regression */
  ridge: number;
  scaling: Scaling;
}

export const DEFAULT_FIT = { binning: DEFAULT_BINNING, minIv: 0.02, ridge: 1e-4 } as const;

export interface CandidateSummary {
  name: string;
  kind: CharacteristicKind;
  informationValue: number;
  strength: IvStrength;
  bins: number;
  /** why it is not in the model; absent when it is */
  dropped?: 'below minimum information value' | 'negative coefficient';
}

export interface FittedScorecard {
  intercept: number;
  characteristics: ScorecardCharacteristic[];
  /** every column considered, in data order */
  candidates: CandidateSummary[];
  /** α + Σ β_j·WOE_ij of every training row, straight from the regression's design matrix */
  lnOdds: number[];
}

export function fitScorecard(data: TrainingData, options: FitOptions): FittedScorecard {
  const prepared = data.columns.map((column) => {
    const bins = binCharacteristic(column.kind, column.values, data.good, options.binning);
    const { woe, informationValue } = woeTable(bins);
    const rowBins = Int32Array.from(column.values, (v) => findBin(column.kind, bins, v));
    return { column, bins, woe, informationValue, rowBins };
  });
  const candidates: CandidateSummary[] = prepared.map((p) => ({
    name: p.column.name,
    kind: p.column.kind,
    informationValue: p.informationValue,
    strength: ivStrength(p.informationValue),
    bins: p.bins.length,
    ...(p.informationValue < options.minIv
      ? { dropped: 'below minimum information value' as const }
      : {}),
  }));

  let kept = prepared.filter((_, j) => !candidates[j]!.dropped);
  for (;;) {
    if (kept.length === 0) {
      throw new CredenceError(
        'SCORECARD_NO_CHARACTERISTICS',
        `no characteristic reaches the minimum information value ${options.minIv}`,
        { field: 'min_iv' },
      );
    }
    const x = designMatrix(kept, data.good.length);
    const fit = fitLogistic(x, data.good, { ridge: options.ridge });
    // with WOE inputs a negative coefficient means collinearity: it would reverse the WOE order
    let worst = -1;
    fit.coefficients.forEach((b, j) => {
      if (b < 0 && (worst < 0 || b < fit.coefficients[worst]!)) worst = j;
    });
    if (worst >= 0) {
      const name = kept[worst]!.column.name;
      candidates.find((c) => c.name === name)!.dropped = 'negative coefficient';
      kept = kept.filter((_, j) => j !== worst);
      continue;
    }
    const n = kept.length;
    const characteristics = kept.map((p, j): ScorecardCharacteristic => {
      const beta = fit.coefficients[j]!;
      return {
        name: p.column.name,
        label: p.column.label ?? p.column.name,
        kind: p.column.kind,
        coefficient: beta,
        informationValue: p.informationValue,
        bins: p.bins.map(({ goods, bads, ...where }, k) => {
          const points = attributePoints(options.scaling, beta, p.woe[k]!, fit.intercept, n);
          return {
            ...where,
            count: goods + bads,
            goods,
            bads,
            woe: p.woe[k]!,
            points,
            // `|| 0` turns −0 into 0, which YAML would otherwise write as -0
            displayPoints: Math.round(points) || 0,
          };
        }),
      };
    });
    return {
      intercept: fit.intercept,
      characteristics,
      candidates,
      lnOdds: x.map((row) => linearPredictor(fit, row)),
    };
  }
}

/**
 * The WOE of every row (rows) for every kept characteristic (columns), in one buffer: one
 * array per row would fill the heap again on every refit after a dropped characteristic.
 */
function designMatrix(
  kept: ReadonlyArray<{ woe: readonly number[]; rowBins: Int32Array }>,
  rows: number,
): Float64Array[] {
  const k = kept.length;
  const buffer = new Float64Array(rows * k);
  kept.forEach((p, j) => {
    for (let i = 0; i < rows; i++) buffer[i * k + j] = p.woe[p.rowBins[i]!]!;
  });
  return Array.from({ length: rows }, (_, i) => buffer.subarray(i * k, (i + 1) * k));
}

/** The rows `indices` of the data, for training and scoring folds. */
export function subset(data: TrainingData, indices: readonly number[]): TrainingData {
  return {
    columns: data.columns.map((c) => ({ ...c, values: indices.map((i) => c.values[i]!) })),
    good: indices.map((i) => data.good[i]!),
  };
}

/** Row i as a characteristic vector keyed by column name. */
export function rowVector(data: TrainingData, i: number): Record<string, RawValue> {
  return Object.fromEntries(data.columns.map((c) => [c.name, c.values[i] ?? null]));
}
