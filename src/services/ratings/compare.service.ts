import type { Account } from '../../domain/account.js';
import { CredenceError } from '../../errors.js';
import type { RatingModel } from '../../domain/rating-model.js';
import { psi, psiReading } from '../../domain/scorecard/metrics.js';
import {
  psiOfCounts,
  StabilityTally,
  stabilityWarnings,
  type StabilityReport,
} from '../../domain/scorecard/stability.js';
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

/**
 * A run whose results, subject by subject, the reader may page through: any for the operator,
 * for anyone else only a public model's. A private model's results rest on what only a purpose
 * reads (a person's loan defaults), and a run's pages land in no inquiry log.
 */
export async function runWithResultsFor(
  deps: ServiceDeps,
  reader: Pick<Account, 'role'>,
  id: string,
): Promise<RatingRun> {
  const run = await ratingRun(deps, id, 'id');
  if (reader.role !== 'operator' && deps.catalog.ratingModels.get(run.modelId)?.public !== true)
    throw new CredenceError(
      'ROLE_FORBIDDEN',
      `${run.modelId} is not public: the results of its runs are the operator's; a subject's rating is read in its file, for a purpose`,
      { field: 'id' },
    );
  return run;
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
    if (model?.kind === 'group') order.push(...model.grades.map((g) => g.grade));
    else if (model?.kind === 'points') {
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

/** How stable run B is against run A, and against training when B's model is a scorecard. */
export interface RunStability {
  /** B's scores in A's deciles, and each characteristic's bins, B against A */
  againstRun: StabilityReport;
  againstTraining?: StabilityReport;
}

/** PSI of run B against run A (scores and scorecard characteristics), warning above 0.1 and 0.25. */
export async function compareStability(
  deps: ServiceDeps,
  fromId: string,
  toId: string,
): Promise<RunStability> {
  const [from, to] = [await ratingRun(deps, fromId, 'run_a'), await ratingRun(deps, toId, 'run_b')];
  const model = deps.catalog.ratingModels.get(to.modelId);
  const training =
    model?.kind === 'scorecard' && model.version === to.modelVersion
      ? new StabilityTally(model)
      : null;
  const read = async (runId: string, also?: (r: StoredRating) => void) => {
    const scores: number[] = [];
    const bins = new Map<string, Map<string, number>>();
    for await (const r of ratingsOf(deps, runId)) {
      if (r.score !== null) scores.push(r.score);
      const characteristics = r.result.characteristics as
        Array<{ name: string; bin: string }> | undefined;
      for (const c of characteristics ?? []) {
        const of = bins.get(c.name) ?? new Map<string, number>();
        of.set(c.bin, (of.get(c.bin) ?? 0) + 1);
        bins.set(c.name, of);
      }
      also?.(r);
    }
    return { scores, bins };
  };
  const a = await read(from.id);
  const b = await read(to.id, (r) => training?.add(r.score, r.result));
  const score =
    a.scores.length > 0 && b.scores.length > 0 ? stabilityOf(psi(a.scores, b.scores)) : null;
  const characteristics = [...b.bins.keys()]
    .filter((name) => a.bins.has(name))
    .map((name) => {
      const [x, y] = [a.bins.get(name)!, b.bins.get(name)!];
      const labels = [...new Set([...x.keys(), ...y.keys()])];
      const label =
        model?.kind === 'scorecard'
          ? model.characteristics.find((c) => c.name === name)?.label
          : undefined;
      return {
        name,
        label: label ?? name,
        ...stabilityOf(
          psiOfCounts(
            labels.map((l) => x.get(l) ?? 0),
            labels.map((l) => y.get(l) ?? 0),
          ),
        ),
      };
    });
  const againstRun: StabilityReport = {
    rated: b.scores.length,
    ...(score ? { score } : {}),
    characteristics,
    warnings: stabilityWarnings(score, characteristics, `run ${from.id}`),
  };
  const againstTraining = training?.report();
  return { againstRun, ...(againstTraining ? { againstTraining } : {}) };
}

const stabilityOf = (value: number) => ({ psi: value, reading: psiReading(value) });
