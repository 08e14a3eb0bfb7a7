import type { RatingRun, StoredRating } from '../../domain/rating-run.js';
import type { RecordFacts } from '../../domain/record.js';
import type { SubjectKind } from '../../domain/subject.js';
import type { RunRatingKey, SubjectSummary } from '../store.js';
import { inChunks, placeholders } from './sqlite-rows.js';
import type { StatementCache } from './sqlite-tx.js';

/** Rating runs and results, and the subject and record reads a run pages through, on SQLite. */

const RUN_COLUMNS = [
  'id',
  'model_id',
  'model_version',
  'as_of',
  'draft',
  'started_at',
  'finished_at',
  'started_by',
  'rated',
  'grades',
] as const;
const RATING_COLUMNS = [
  'id',
  'run_id',
  'subject_id',
  'model_id',
  'model_version',
  'as_of',
  'period_end',
  'published',
  'score',
  'grade',
  'rated_at',
  'result',
] as const;
const SELECT_RUN = `SELECT ${RUN_COLUMNS.join(', ')} FROM rating_runs`;
const SELECT_RATING = `SELECT ${RATING_COLUMNS.join(', ')} FROM ratings`;
const SUBJECT_KINDS_MAX = 4;

interface RunRow {
  id: string;
  model_id: string;
  model_version: string;
  as_of: string;
  draft: number;
  started_at: string;
  finished_at: string | null;
  started_by: string;
  rated: number;
  grades: string;
}

interface RatingRow {
  id: string;
  run_id: string | null;
  subject_id: string;
  model_id: string;
  model_version: string;
  as_of: string;
  period_end: string | null;
  published: number;
  score: number | null;
  grade: string;
  rated_at: string;
  result: string;
}

const toRun = (r: RunRow): RatingRun => ({
  id: r.id,
  modelId: r.model_id,
  modelVersion: r.model_version,
  asOf: r.as_of,
  draft: r.draft === 1,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  startedBy: r.started_by,
  rated: r.rated,
  grades: JSON.parse(r.grades) as Record<string, number>,
});

const runTuple = (r: RatingRun): unknown[] => [
  r.id,
  r.modelId,
  r.modelVersion,
  r.asOf,
  r.draft ? 1 : 0,
  r.startedAt,
  r.finishedAt,
  r.startedBy,
  r.rated,
  JSON.stringify(r.grades),
];

const toRating = (r: RatingRow): StoredRating => ({
  id: r.id,
  runId: r.run_id,
  subjectId: r.subject_id,
  modelId: r.model_id,
  modelVersion: r.model_version,
  asOf: r.as_of,
  periodEnd: r.period_end,
  published: r.published === 1,
  score: r.score,
  grade: r.grade,
  ratedAt: r.rated_at,
  result: JSON.parse(r.result) as Record<string, unknown>,
});

const ratingTuple = (r: StoredRating): unknown[] => [
  r.id,
  r.runId,
  r.subjectId,
  r.modelId,
  r.modelVersion,
  r.asOf,
  r.periodEnd,
  r.published ? 1 : 0,
  r.score,
  r.grade,
  r.ratedAt,
  JSON.stringify(r.result),
];

export function scanSubjects(
  sql: StatementCache,
  kinds: readonly SubjectKind[],
  afterId: string,
  limit: number,
): SubjectSummary[] {
  // padded to the number of kinds, so one statement serves any subset
  const padded: (string | null)[] = [...new Set(kinds)];
  while (padded.length < SUBJECT_KINDS_MAX) padded.push(null);
  const rows = sql
    .get(
      `SELECT id, kind, region, created_at FROM subjects
       WHERE id > ? AND kind IN (${placeholders(SUBJECT_KINDS_MAX)}) AND merged_into IS NULL
       ORDER BY id LIMIT ?`,
    )
    .all(afterId, ...padded, limit) as Array<SubjectSummary & { created_at: string }>;
  return rows.map((r) => ({ id: r.id, kind: r.kind, region: r.region, createdAt: r.created_at }));
}

// the columns of RecordFacts, read as raw rows: a run reads every record there is
const FACTS = `SELECT id, record_id, subject_id, version, action, type, severity, fields, amounts,
  decision_date, effective_date, end_date, recorded_at FROM record_versions`;

type FactsRow = [
  id: string,
  recordId: string,
  subjectId: string,
  version: number,
  action: RecordFacts['action'],
  type: string,
  severity: string | null,
  fields: string,
  amounts: string,
  decisionDate: string,
  effectiveDate: string | null,
  endDate: string | null,
  recordedAt: string,
];

const toFacts = (r: FactsRow): RecordFacts => ({
  id: r[0],
  recordId: r[1],
  subjectId: r[2],
  version: r[3],
  action: r[4],
  type: r[5],
  severity: r[6],
  fields: JSON.parse(r[7]) as RecordFacts['fields'],
  amounts: JSON.parse(r[8]) as RecordFacts['amounts'],
  decisionDate: r[9],
  effectiveDate: r[10],
  endDate: r[11],
  recordedAt: r[12],
});

export function listRecordFactsOf(
  sql: StatementCache,
  subjectIds: readonly string[],
): RecordFacts[] {
  const found: RecordFacts[] = [];
  for (const chunk of inChunks(subjectIds)) {
    const stmt = sql.get(`${FACTS} WHERE subject_id IN (${placeholders(chunk.length)})`).raw(true);
    for (const row of stmt.all(chunk) as FactsRow[]) found.push(toFacts(row));
  }
  return found;
}

export function getRatingRun(sql: StatementCache, id: string): RatingRun | null {
  const row = sql.get(`${SELECT_RUN} WHERE id = ?`).get(id) as RunRow | undefined;
  return row ? toRun(row) : null;
}

export function listRatingRuns(sql: StatementCache, limit: number, modelId?: string): RatingRun[] {
  const rows = (
    modelId === undefined
      ? sql.get(`${SELECT_RUN} ORDER BY started_at DESC, id DESC LIMIT ?`).all(limit)
      : sql
          .get(`${SELECT_RUN} WHERE model_id = ? ORDER BY started_at DESC, id DESC LIMIT ?`)
          .all(modelId, limit)
  ) as RunRow[];
  return rows.map(toRun);
}

export function listRunRatings(
  sql: StatementCache,
  runId: string,
  after: RunRatingKey | null,
  limit: number,
): StoredRating[] {
  const { subjectId, id } = after ?? { subjectId: '', id: '' };
  const rows = sql
    .get(
      `${SELECT_RATING} WHERE run_id = ? AND subject_id >= ? AND (subject_id > ? OR id > ?)
       ORDER BY subject_id, id LIMIT ?`,
    )
    .all(runId, subjectId, subjectId, id, limit) as RatingRow[];
  return rows.map(toRating);
}

export function listRatingsOf(
  sql: StatementCache,
  subjectIds: readonly string[],
  modelId?: string,
): StoredRating[] {
  const found: RatingRow[] = [];
  for (const chunk of inChunks(subjectIds)) {
    const where = `subject_id IN (${placeholders(chunk.length)})`;
    const rows =
      modelId === undefined
        ? sql.get(`${SELECT_RATING} WHERE ${where}`).all(chunk)
        : sql.get(`${SELECT_RATING} WHERE ${where} AND model_id = ?`).all(...chunk, modelId);
    found.push(...(rows as RatingRow[]));
  }
  // newest first across chunks
  found.sort((a, b) => compareDesc(a.rated_at, b.rated_at) || compareDesc(a.id, b.id));
  return found.map(toRating);
}

export function previousRatings(
  sql: StatementCache,
  subjectIds: readonly string[],
  modelId: string,
  periodEndBefore: string,
): StoredRating[] {
  const stmt = sql.get(
    `${SELECT_RATING} WHERE subject_id = ? AND model_id = ? AND published = 1 AND period_end < ?
     ORDER BY period_end DESC, as_of DESC, rated_at DESC, id DESC LIMIT 1`,
  );
  const found: StoredRating[] = [];
  for (const id of new Set(subjectIds)) {
    const row = stmt.get(id, modelId, periodEndBefore) as RatingRow | undefined;
    if (row) found.push(toRating(row));
  }
  return found;
}

const compareDesc = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

export function insertRatingRun(sql: StatementCache, run: RatingRun): void {
  sql
    .get(
      `INSERT INTO rating_runs (${RUN_COLUMNS.join(', ')}) VALUES (${placeholders(RUN_COLUMNS.length)})`,
    )
    .run(runTuple(run));
}

export function updateRatingRun(sql: StatementCache, run: RatingRun): boolean {
  const [id, ...rest] = runTuple(run);
  const set = RUN_COLUMNS.slice(1)
    .map((c) => `${c} = ?`)
    .join(', ');
  return sql.get(`UPDATE rating_runs SET ${set} WHERE id = ?`).run(...rest, id).changes === 1;
}

export function insertRatings(sql: StatementCache, ratings: readonly StoredRating[]): void {
  const stmt = sql.get(
    `INSERT INTO ratings (${RATING_COLUMNS.join(', ')}) VALUES (${placeholders(RATING_COLUMNS.length)})`,
  );
  for (const r of ratings) stmt.run(ratingTuple(r));
}
