import { randomUUID } from 'node:crypto';
import { dateOf } from '../../domain/clock.js';
import { requireDate } from '../../domain/dates.js';
import type { ListEntry } from '../../domain/list-entry.js';
import type { RatingModel } from '../../domain/rating-model.js';
import { evaluationPeriod } from '../../domain/ratings/periods.js';
import type { RatingRun, StoredRating } from '../../domain/rating-run.js';
import type { RecordFacts } from '../../domain/record.js';
import type { SubjectKind } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import type { StoreTx, SubjectSummary } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { entriesOn } from '../lists/queries.service.js';
import { evaluateModel, type Evaluation } from './evaluate.js';
import { requireMapped } from './scorecard-mapping.js';
import { readMemberEvidence } from './group-members.js';
import type { MemberEvidence } from '../../domain/ratings/group-engine.js';
import { StabilityTally, type StabilityReport } from '../../domain/scorecard/stability.js';

export interface RunOptions {
  modelId: string;
  /** default today */
  asOf?: string;
  /** try the model without publishing its results (a draft model always runs as a draft) */
  draft?: boolean;
  actor: string;
  /** subjects read per page: one page is one transaction of results */
  pageSize?: number;
  onProgress?: (progress: { walked: number; rated: number }) => void;
  /** called once the run is stored, before any subject is rated (an API answers with it) */
  onStarted?: (run: RatingRun) => void;
}

/** What a run saw, beyond its grades: the run's report. */
export interface RunSummary {
  /** subjects walked: every subject of the kinds the model rates */
  walked: number;
  /** of those, the ones with no record decided on or before the as-of date */
  withoutRecords: number;
  /** scorecards: the run's score and characteristic distributions against training */
  monitoring?: StabilityReport;
  /** what an analyst should look at before trusting the run */
  warnings: string[];
}

/** A finished run with its report. */
export type RunOutcome = RatingRun & { summary: RunSummary };

const PAGE = 1000;
const WRITES_IN_FLIGHT = 2;

/** The catalog model, or RATING_MODEL_UNKNOWN naming the field. */
export function ratingModel(deps: ServiceDeps, id: string): RatingModel {
  const model = deps.catalog.ratingModels.get(id);
  if (!model) {
    const known = [...deps.catalog.ratingModels.keys()].join(', ');
    throw new CredenceError('RATING_MODEL_UNKNOWN', `no rating model "${id}" (known: ${known})`, {
      field: 'model',
    });
  }
  return model;
}

/**
 * Rates every subject the model applies to as of a date, a page at a time, and stores the
 * results as one run. Streaming: memory holds one page, whatever the number of subjects.
 */
export async function runRating(deps: ServiceDeps, options: RunOptions): Promise<RunOutcome> {
  const model = ratingModel(deps, options.modelId);
  // a characteristic no record can give would put every subject in its worst bin
  if (model.kind === 'scorecard') requireMapped(model);
  const today = dateOf(deps.clock.now());
  const asOf = options.asOf ?? today;
  requireDate(asOf, 'as_of');
  if (asOf > today) {
    throw new CredenceError('DATE_ORDER', `a rating as of ${asOf} would rate the future`, {
      field: 'as_of',
    });
  }
  const run: RatingRun = {
    id: `run_${randomUUID()}`,
    modelId: model.id,
    modelVersion: model.version,
    asOf,
    draft: options.draft === true || model.status === 'draft',
    startedAt: deps.clock.now().toISOString(),
    finishedAt: null,
    startedBy: options.actor,
    rated: 0,
    grades: {},
  };
  await deps.store.transaction(async (tx) => {
    await tx.insertRatingRun(run);
    await tx.appendAudit(runAudit(run, 'ratings.run.start'));
  });
  options.onStarted?.(run);
  const kinds = subjectKindsOf(model);
  const size = options.pageSize ?? PAGE;
  const read = async (after: string) => {
    const subjects = await deps.store.scanSubjects(kinds, after, size);
    if (subjects.length === 0) return null;
    const ids = subjects.map((s) => s.id);
    const [page, previous, members] = await Promise.all([
      // a group is rated from its members' stored ratings: its own records are not read
      model.kind === 'group' ? noEvidence(subjects) : readEvidence(deps, subjects, asOf),
      previousOf(deps, model, ids, asOf),
      model.kind === 'group' ? readMemberEvidence(deps, model, subjects, asOf) : undefined,
    ]);
    return { ...page, previous, ...(members ? { members } : {}) };
  };
  let walked = 0;
  let withoutRecords = 0;
  const stability = model.kind === 'scorecard' ? new StabilityTally(model) : null;
  // up to two pages are written while the next is read and this one rated: on a server the
  // inserts of one page would otherwise leave the rating waiting. Every promise is awaited
  // below; the no-op handlers only keep a failure from counting as unhandled meanwhile.
  const writes: Promise<void>[] = [];
  let next = read('');
  next.catch(() => undefined);
  try {
    for (let page = await next; page; page = await next) {
      next = read(page.subjects[page.subjects.length - 1]!.id);
      next.catch(() => undefined);
      const rows = ratePage(model, page, page.previous, asOf, run, deps.clock.now().toISOString());
      if (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
      const write = deps.store.transaction((tx) => tx.insertRatings(rows));
      write.catch(() => undefined);
      writes.push(write);
      for (const r of rows) {
        run.grades[r.grade] = (run.grades[r.grade] ?? 0) + 1;
        stability?.add(r.score, r.result);
      }
      // a group is rated from its members' ratings, not from records of its own
      if (model.kind !== 'group')
        withoutRecords += page.subjects.filter(
          (s) => !page.versions.get(s.id)?.some((v) => v.decisionDate <= asOf),
        ).length;
      run.rated += rows.length;
      walked += page.subjects.length;
      options.onProgress?.({ walked, rated: run.rated });
    }
    for (const write of writes) await write;
  } finally {
    // nothing may still be writing when the caller goes on (or closes the store)
    await Promise.allSettled([...writes, next]);
  }
  const finished = { ...run, finishedAt: deps.clock.now().toISOString() };
  const summary = runSummary(walked, withoutRecords, asOf, stability?.report() ?? null);
  await deps.store.transaction(async (tx) => {
    await tx.updateRatingRun(finished);
    const audit = runAudit(finished, 'ratings.run.finish');
    await tx.appendAudit({ ...audit, payload: { ...audit.payload, summary } });
  });
  return { ...finished, summary };
}

/** a run where most subjects have no records yet rates the start score, not the subjects */
const MOST = 0.5;

function runSummary(
  walked: number,
  withoutRecords: number,
  asOf: string,
  monitoring: StabilityReport | null,
): RunSummary {
  const warnings: string[] = [];
  if (walked > 0 && withoutRecords / walked > MOST)
    warnings.push(
      `${withoutRecords} of ${walked} subjects have no record decided on or before ${asOf}: is the as-of date before most records were recorded? Their results rest on no evidence.`,
    );
  if (monitoring) warnings.push(...monitoring.warnings);
  return { walked, withoutRecords, ...(monitoring ? { monitoring } : {}), warnings };
}

// a run is audited as a whole; its results are derived from audited records and can be recomputed
const runAudit = (run: RatingRun, action: string) => ({
  at: run.finishedAt ?? run.startedAt,
  actor: run.startedBy,
  action,
  subjectIds: [],
  payload: {
    runId: run.id,
    model: run.modelId,
    version: run.modelVersion,
    asOf: run.asOf,
    draft: run.draft,
    rated: run.rated,
    grades: run.grades,
  },
});

/**
 * Re-rates one subject under every published model that applies, outside any run; `also` writes
 * in the same transaction as the results (a follow-up marks itself done there).
 */
export function rerateSubject(
  deps: ServiceDeps,
  subjectId: string,
  also?: (tx: StoreTx) => Promise<void>,
): Promise<StoredRating[]> {
  return rerateSubjects(deps, [subjectId], also);
}

/**
 * Re-rates subjects under every published model that applies, outside any run, with one read of
 * their evidence and one transaction for all their results and `also`: a server's commit waits
 * for the disk, so a page of subjects pays one wait, not one a subject. A subject not stored
 * (merged away) is passed over.
 */
export async function rerateSubjects(
  deps: ServiceDeps,
  subjectIds: readonly string[],
  also?: (tx: StoreTx) => Promise<void>,
): Promise<StoredRating[]> {
  const subjects = subjectIds.length > 0 ? await deps.store.getSubjects(subjectIds) : [];
  const rows: StoredRating[] = [];
  if (subjects.length > 0) {
    const ids = subjects.map((s) => s.id);
    const asOf = dateOf(deps.clock.now());
    // a group is rated by a run of its model after its members' runs, not by a record change
    const models = [...deps.catalog.ratingModels.values()].filter(
      (m) => m.status === 'published' && m.kind !== 'group',
    );
    // one read of the records and entries serves every model; on a pool, the evidence and each
    // model's previous ratings are read side by side, not one round trip after another
    const [page, ...previous] = await Promise.all([
      readEvidence(deps, subjects, asOf),
      ...models.map((model) => previousOf(deps, model, ids, asOf)),
    ]);
    const ratedAt = deps.clock.now().toISOString();
    models.forEach((model, m) =>
      rows.push(...ratePage(model, page, previous[m]!, asOf, null, ratedAt)),
    );
  }
  if (rows.length > 0 || also)
    await deps.store.transaction(async (tx) => {
      if (rows.length > 0) await tx.insertRatings(rows);
      await also?.(tx);
    });
  return rows;
}

/** A page of subjects with their records and list entries, grouped by subject. */
interface Page {
  subjects: readonly SubjectSummary[];
  versions: Map<string, RecordFacts[]>;
  entries: Map<string, ListEntry[]>;
  /** a group model's view of the groups among the subjects (issue 22) */
  members?: Map<string, MemberEvidence>;
}

const noEvidence = (subjects: readonly SubjectSummary[]): Page => ({
  subjects,
  versions: new Map(),
  entries: new Map(),
});

async function readEvidence(
  deps: ServiceDeps,
  subjects: readonly SubjectSummary[],
  asOf: string,
): Promise<Page> {
  const ids = subjects.map((s) => s.id);
  // independent reads: on a pool they run side by side
  const [versions, entries] = await Promise.all([
    deps.store.listRecordFactsOf(ids),
    entriesOn(deps, ids, asOf),
  ]);
  return {
    subjects,
    versions: groupBy(versions, (v) => v.subjectId),
    entries: groupBy(entries, (e) => e.subjectId),
  };
}

/** Each subject's latest rating for an earlier period, which carry-over looks at (points models). */
async function previousOf(
  deps: ServiceDeps,
  model: RatingModel,
  ids: readonly string[],
  asOf: string,
): Promise<Map<string, StoredRating>> {
  if (model.kind !== 'points') return new Map();
  const period = evaluationPeriod(model.period, asOf);
  const rows = await deps.store.previousRatings(ids, model.id, period.start);
  return new Map(rows.map((r) => [r.subjectId, r]));
}

function ratePage(
  model: RatingModel,
  page: Page,
  previous: ReadonlyMap<string, StoredRating>,
  asOf: string,
  run: RatingRun | null,
  ratedAt: string,
): StoredRating[] {
  const rows: StoredRating[] = [];
  for (const subject of page.subjects) {
    const evaluation = evaluateModel(
      model,
      {
        subject,
        versions: page.versions.get(subject.id) ?? [],
        entries: page.entries.get(subject.id) ?? [],
        previous: previous.get(subject.id) ?? null,
        ...(page.members?.has(subject.id) ? { members: page.members.get(subject.id)! } : {}),
      },
      asOf,
    );
    if (evaluation) rows.push(stored(model, subject.id, asOf, run, ratedAt, evaluation));
  }
  return rows;
}

function stored(
  model: RatingModel,
  subjectId: string,
  asOf: string,
  run: RatingRun | null,
  ratedAt: string,
  evaluation: Evaluation,
): StoredRating {
  return {
    // a run's results are written in subject order: ids that sort the same way append to
    // the key instead of landing at random places in it
    id: run ? `${run.id}.${subjectId}` : `rtg_${subjectId}.${ratedAt}.${randomUUID().slice(0, 8)}`,
    runId: run?.id ?? null,
    subjectId,
    modelId: model.id,
    modelVersion: model.version,
    asOf,
    published: run ? !run.draft : model.status === 'published',
    ...evaluation,
    ratedAt,
  };
}

function subjectKindsOf(model: RatingModel): SubjectKind[] {
  return model.kind === 'scorecard' ? [...model.subjects] : [...model.appliesTo.subjectKinds];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const of = map.get(k);
    if (of) of.push(item);
    else map.set(k, [item]);
  }
  return map;
}
