import type { ScorecardBin, ScorecardCharacteristic, ScorecardModel } from './model.js';
import { findBin } from './values.js';

/** Scoring a characteristic vector: points per characteristic, the total, and reason codes. */

/** reason codes name at most this many key factors (SPEC 4.6) */
export const MAX_REASONS = 4;

export interface CharacteristicScore {
  name: string;
  label: string;
  value: unknown;
  /** label of the bin the value fell in */
  bin: string;
  points: number;
  displayPoints: number;
  /** the most points any bin of the characteristic gives */
  maxPoints: number;
  /** true when the value was missing or unseen and no bin held it: the worst bin was used */
  fallback: boolean;
}

export interface ReasonCode {
  /** 1 for the factor that cost the most points */
  rank: number;
  characteristic: string;
  label: string;
  bin: string;
  /** maxPoints − points: the points lost against the best attribute */
  shortfall: number;
}

export interface ScoreResult {
  /** Σ points at full precision = Offset + Factor·ln(odds) */
  score: number;
  /** Σ displayPoints, so that a printed breakdown adds up */
  displayScore: number;
  characteristics: CharacteristicScore[];
  reasons: ReasonCode[];
  /** the label of the highest threshold the score reaches, when the model has thresholds */
  threshold?: string;
}

/**
 * The bin a value falls in. A missing value goes to the characteristic's explicit missing bin;
 * without one, a missing or unseen value goes to the worst bin (fewest points), so that
 * absent data never raise a score.
 */
export function assignBin(
  characteristic: ScorecardCharacteristic,
  value: unknown,
): { bin: ScorecardBin; fallback: boolean } {
  const index = findBin(characteristic.kind, characteristic.bins, value);
  if (index >= 0) return { bin: characteristic.bins[index]!, fallback: false };
  const worst = characteristic.bins.reduce((a, b) => (b.points < a.points ? b : a));
  return { bin: worst, fallback: true };
}

/** Scores a vector keyed by characteristic name; absent keys count as missing. */
export function scoreVector(
  model: Pick<ScorecardModel, 'characteristics'> & Partial<Pick<ScorecardModel, 'thresholds'>>,
  vector: Readonly<Record<string, unknown>>,
): ScoreResult {
  const characteristics = model.characteristics.map((c): CharacteristicScore => {
    const value = vector[c.name] ?? null;
    const { bin, fallback } = assignBin(c, value);
    const maxPoints = Math.max(...c.bins.map((b) => b.points));
    return {
      name: c.name,
      label: c.label,
      value,
      bin: bin.label,
      points: bin.points,
      displayPoints: bin.displayPoints,
      maxPoints,
      fallback,
    };
  });
  let score = 0;
  let displayScore = 0;
  for (const c of characteristics) {
    score += c.points;
    displayScore += c.displayPoints;
  }
  const threshold = thresholdFor(model.thresholds ?? [], score);
  return {
    score,
    displayScore,
    characteristics,
    reasons: reasonCodes(characteristics),
    ...(threshold === undefined ? {} : { threshold }),
  };
}

/** At most four characteristics that cost the most points against their best bin, largest first. */
export function reasonCodes(scores: readonly CharacteristicScore[]): ReasonCode[] {
  return (
    scores
      .map((s, order) => ({ s, order, shortfall: s.maxPoints - s.points }))
      // a shortfall within rounding noise of zero is the best bin: no reason to give
      .filter((r) => r.shortfall > 1e-9)
      .sort((a, b) => b.shortfall - a.shortfall || a.order - b.order)
      .slice(0, MAX_REASONS)
      .map((r, i) => ({
        rank: i + 1,
        characteristic: r.s.name,
        label: r.s.label,
        bin: r.s.bin,
        shortfall: r.shortfall,
      }))
  );
}

function thresholdFor(
  thresholds: NonNullable<ScorecardModel['thresholds']>,
  score: number,
): string | undefined {
  let best: { label: string; minScore: number } | undefined;
  for (const t of thresholds) {
    if (score >= t.minScore && (!best || t.minScore > best.minScore)) best = t;
  }
  return best?.label;
}
