/**
 * Stored ratings (SPEC 4.6 runs): a run rates every subject a model applies to as of a date;
 * a record change re-rates its subject outside any run. Results are kept, never replaced, so
 * the history of a subject's score under each model stays answerable.
 */

export interface RatingRun {
  id: string;
  modelId: string;
  modelVersion: string;
  asOf: string;
  /** a draft run tries a model on current data: its results are never published */
  draft: boolean;
  startedAt: string;
  /** null while the run is going (or if it was interrupted) */
  finishedAt: string | null;
  startedBy: string;
  /** subjects rated, and how many got each grade */
  rated: number;
  grades: Record<string, number>;
}

export interface StoredRating {
  id: string;
  /** the run that produced it; null when a record change re-rated the subject */
  runId: string | null;
  subjectId: string;
  modelId: string;
  modelVersion: string;
  asOf: string;
  /** the last day of the period the rating evaluates; null for a model without periods */
  periodEnd: string | null;
  /** false for the results of a draft run */
  published: boolean;
  score: number | null;
  grade: string;
  ratedAt: string;
  /** the whole explained result: contributions and the records behind them */
  result: Record<string, unknown>;
}
