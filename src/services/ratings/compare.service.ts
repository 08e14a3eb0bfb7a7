import { CredenceError } from '../../errors.js';
import type { RatingModel } from '../../domain/rating-model.js';
import type { RatingRun, StoredRating } from '../../domain/rating-run.js';
import { ratingRunNotFound } from '../../store/rating-errors.js';
import type { RunRatingKey } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';

/** How the subjects' grades moved from one run to another (SPEC 4.6: compare two runs or models). */
export interface GradeMigration {
  from: RatingRun;
  to: RatingRun;
  /** the grades in order, best first where the model says so */
  grades: string[];
  /** counts[i][j]: subjects graded grades[i] in `from` and grades[j] in `to` */
  counts: number[][];
  /** rated in both runs, with the same and with another grade */
  unchanged: number;
  changed: number;
  /** rated in one run only */
  onlyFrom: number;
  onlyTo: number;
}

const PAGE = 2000;

/** The grade migration matrix of two runs, read side by side in subject order. */
export async function compareRuns(
  deps: ServiceDeps,
  fromId: string,
  toId: string,
): Promise<GradeMigration> {
  const [from, to] = [await ratingRun(deps, fromId, 'run_a'), await ratingRun(deps, toId, 'run_b')];
  // grades of two models are not one scale: a matrix between them would count nothing true
  if (from.modelId !== to.modelId) {
    throw new CredenceError(
      'RATING_RUNS_INCOMPARABLE',
      `run ${from.id} rated with ${from.modelId} and run ${to.id} with ${to.modelId}: compare two runs of the same model (credence rate runs --model ${from.modelId} lists them)`,
      { field: 'run_b' },
    );
  }
  const pairs = new Map<string, number>();
  const tally = { unchanged: 0, changed: 0, onlyFrom: 0, onlyTo: 0 };
  const a = ratingsOf(deps, from.id);
  const b = ratingsOf(deps, to.id);
  let [x, y] = [await a.next(), await b.next()];
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value.subjectId < y.value.subjectId)) {
      tally.onlyFrom += 1;
      x = await a.next();
    } else if (x.done || y.value.subjectId < x.value.subjectId) {
      tally.onlyTo += 1;
      y = await b.next();
    } else {
      const key = `${x.value.grade}\u0000${y.value.grade}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      if (x.value.grade === y.value.grade) tally.unchanged += 1;
      else tally.changed += 1;
      [x, y] = [await a.next(), await b.next()];
    }
  }
  const seen = [...pairs.keys()].flatMap((k) => k.split('\u0000'));
  const grades = gradeOrder(
    [deps.catalog.ratingModels.get(from.modelId), deps.catalog.ratingModels.get(to.modelId)],
    [...Object.keys(from.grades), ...Object.keys(to.grades), ...seen],
  );
  const counts = grades.map((g) => grades.map((h) => pairs.get(`${g}\u0000${h}`) ?? 0));
  return { from, to, grades, counts, ...tally };
}

/** A stored run, or RATING_RUN_NOT_FOUND naming the field that asked for it. */
export async function ratingRun(deps: ServiceDeps, id: string, field: string): Promise<RatingRun> {
  const run = await deps.store.getRatingRun(id);
  if (!run) throw ratingRunNotFound(id, field);
  return run;
}

async function* ratingsOf(deps: ServiceDeps, runId: string): AsyncGenerator<StoredRating> {
  for (let after: RunRatingKey | null = null; ;) {
    const page = await deps.store.listRunRatings(runId, after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!;
  }
}

/** The models' own grade order first (bands, then direct and special grades), then any other. */
function gradeOrder(models: ReadonlyArray<RatingModel | undefined>, found: string[]): string[] {
  const order: string[] = [];
  for (const model of models) {
    if (model?.kind === 'points') {
      order.push(...model.grades.map((g) => g.grade));
      order.push(...model.directGrades.map((g) => g.grade));
      order.push(...model.specialGrades.map((g) => g.grade));
    } else if (model?.kind === 'scorecard') {
      order.push(
        ...[...(model.thresholds ?? [])]
          .sort((p, q) => q.minScore - p.minScore)
          .map((t) => t.label),
      );
    }
  }
  const present = new Set(found);
  const known = [...new Set(order)].filter((g) => present.has(g));
  return [...known, ...[...present].filter((g) => !known.includes(g)).sort()];
}
