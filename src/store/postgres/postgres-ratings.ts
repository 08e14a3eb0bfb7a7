import type { RatingRun, StoredRating } from '../../domain/rating-run.js';
import type { RecordFacts } from '../../domain/record.js';
import type { SubjectKind } from '../../domain/subject.js';
import { isoInstant } from './postgres-rows.js';

/** Rating runs and results, and the subject and record reads a run pages through, on PostgreSQL. */

const RUN_COLUMNS = [
  ['id', 'id'],
  ['model_id', 'modelId'],
  ['model_version', 'modelVersion'],
  ['as_of', 'asOf'],
  ['draft', 'draft'],
  ['started_at', 'startedAt'],
  ['finished_at', 'finishedAt'],
  ['started_by', 'startedBy'],
  ['rated', 'rated'],
  ['grades', 'grades'],
] as const satisfies readonly (readonly [string, keyof RatingRun])[];

export const RATING_COLUMNS = [
  ['id', 'id'],
  ['run_id', 'runId'],
  ['subject_id', 'subjectId'],
  ['model_id', 'modelId'],
  ['model_version', 'modelVersion'],
  ['as_of', 'asOf'],
  ['period_end', 'periodEnd'],
  ['published', 'published'],
  ['score', 'score'],
  ['grade', 'grade'],
  ['rated_at', 'ratedAt'],
  ['result', 'result'],
] as const satisfies readonly (readonly [string, keyof StoredRating])[];

const select = (columns: readonly (readonly [string, string])[]): string =>
  columns.map(([c, p]) => (c === p ? c : `${c} AS "${p}"`)).join(', ');
const params = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

export const SELECT_RUN = `SELECT ${select(RUN_COLUMNS)} FROM rating_runs`;
export const SELECT_RATING = `SELECT ${select(RATING_COLUMNS)} FROM ratings`;

export const INSERT_RUN = `INSERT INTO rating_runs (${RUN_COLUMNS.map(([c]) => c).join(', ')})
  VALUES (${params(RUN_COLUMNS.length)})`;
export const UPDATE_RUN = `UPDATE rating_runs SET ${RUN_COLUMNS.slice(1)
  .map(([c], i) => `${c} = $${i + 2}`)
  .join(', ')} WHERE id = $1`;

/** A run as parameters in column order; JSON as text (pg would send an object as is). */
export const runValues = (r: RatingRun): unknown[] =>
  RUN_COLUMNS.map(([, p]) => (p === 'grades' ? JSON.stringify(r.grades) : r[p]));

// one statement for a page of results: unnest keeps it a single round trip
export const INSERT_RATINGS = `INSERT INTO ratings (${RATING_COLUMNS.map(([c]) => c).join(', ')})
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
    $7::date[], $8::boolean[], $9::float8[], $10::text[], $11::timestamptz[], $12::json[])`;

// one row per subject: the latest of an earlier period
export const PREVIOUS_RATINGS = `SELECT DISTINCT ON (subject_id) ${select(RATING_COLUMNS)} FROM ratings
  WHERE subject_id = ANY($1::text[]) AND model_id = $2 AND published AND period_end < $3
  ORDER BY subject_id, period_end DESC, as_of DESC, rated_at DESC, id DESC`;

export const ratingColumnsOf = (rows: readonly StoredRating[]): unknown[][] =>
  RATING_COLUMNS.map(([, p]) =>
    rows.map((r) => (p === 'result' ? JSON.stringify(r.result) : r[p])),
  );

export const COPY_RATINGS = `COPY ratings (${RATING_COLUMNS.map(([c]) => c).join(', ')}) FROM STDIN`;

/** A result as COPY text values in column order: booleans as t/f, JSON as text. */
export const ratingCopyValues = (r: StoredRating): (string | number | null)[] =>
  RATING_COLUMNS.map(([, p]) => {
    const value = r[p];
    if (typeof value === 'boolean') return value ? 't' : 'f';
    if (p === 'result') return JSON.stringify(value);
    return value as string | number | null;
  });

// the columns of RecordFacts (a run reads every record there is, and not its texts), a page
// of them as one JSON array of arrays: one JSON.parse costs the client far less than parsing
// thousands of rows column by column. The instant goes as the text a row would carry.
export const RECORD_FACTS = `SELECT json_agg(json_build_array(id, record_id, subject_id, version,
  action, type, severity, fields, amounts, decision_date, effective_date, end_date,
  recorded_at::text)) AS facts
  FROM record_versions WHERE subject_id = ANY($1::text[])`;

export type FactsTuple = [
  string,
  string,
  string,
  number,
  RecordFacts['action'],
  string,
  string | null,
  RecordFacts['fields'],
  RecordFacts['amounts'],
  string,
  string | null,
  string | null,
  string,
];

/** The facts of RECORD_FACTS' one row (null when no record matched). */
export const recordFactsOf = (facts: FactsTuple[] | null): RecordFacts[] =>
  (facts ?? []).map(
    ([
      id,
      recordId,
      subjectId,
      version,
      action,
      type,
      severity,
      fields,
      amounts,
      decisionDate,
      effectiveDate,
      endDate,
      recordedAt,
    ]) => ({
      id,
      recordId,
      subjectId,
      version,
      action,
      type,
      severity,
      fields,
      amounts,
      decisionDate,
      effectiveDate,
      endDate,
      recordedAt: isoInstant(recordedAt),
    }),
  );

export const SCAN_SUBJECTS = `SELECT id, kind, region, created_at AS "createdAt" FROM subjects
  WHERE id > $2 AND kind = ANY($1::text[]) AND merged_into IS NULL ORDER BY id LIMIT $3`;

export const scanValues = (kinds: readonly SubjectKind[], afterId: string, limit: number) => [
  [...kinds],
  afterId,
  limit,
];
