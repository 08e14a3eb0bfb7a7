import { makeDirs } from '../../make-dirs.js';
import { join } from 'node:path';
import { dateOf } from '../../domain/clock.js';
import { subjectIdFor } from '../../domain/ids.js';
import type { Catalog } from '../../domain/catalog.js';
import { isCredenceError } from '../../errors.js';
import { authorityMap, registerAuthority, type AuthorityInput } from '../authorities.service.js';
import type { ServiceDeps } from '../deps.js';
import { importFile, type ImportProgress, type ImportSummary } from '../import/import.service.js';
import type { Problem } from '../records/submission.js';
import { proposeCandidates } from '../lists/candidates.service.js';
import { sweep } from '../lists/sweep.service.js';
import { inRatingOrder } from '../ratings/group-members.js';
import { runRating } from '../ratings/rate.service.js';
import { addRelation, findSubject } from '../subjects/subjects.service.js';
import { toDays, yearOf } from './calendar.js';
import { generateDemo, type DemoExamples, type DemoRelation } from './generate.js';
import { on, rowsOfYear, runTimeline, yearEnd } from './history.js';
import { loadSectorExamples, type SectorExamples } from './sector-examples.js';
import { storyEvents, type StoryEvent } from './story.js';
import { STORY, STORY_ANCHOR, STORY_SUBJECTS, type StorySubject } from './story-cast.js';
import { loadDemoVillages, type DemoVillages } from './villages.js';
import { writeDemoFile, type DemoFormat } from './write.js';

export interface RunDemoOptions {
  subjects: number;
  seed: number;
  /** where the data file is written */
  dir: string;
  format: DemoFormat;
  /** rows per import transaction (the configured import batch size) */
  batchSize: number;
  recordsPerSubject?: number;
  actor?: string;
  onWritten?: (rows: number) => void;
  onProgress?: (progress: ImportProgress) => void;
  onRejected?: (line: number, problems: readonly Problem[]) => void;
}

export interface DemoRun {
  /** the data files' common prefix: one file per year, `-YYYY.csv` */
  file: string;
  /** the data files imported, one per year of records */
  files: string[];
  /** the story subjects: fixed, fictional, one for each state the registry knows */
  story: readonly StorySubject[];
  authorities: number;
  relations: number;
  /** entries designated automatically, and candidates proposed for a decision */
  lists: { designated: number; proposed: number };
  /** subjects rated per published rating model */
  ratings: Record<string, number>;
  summary: ImportSummary;
  examples: DemoExamples;
  /** the subjects on the food safety, IP and securities lists */
  sectors: SectorExamples;
  /** Rongcheng villages and their township, rated from their households (issue 22) */
  villages: DemoVillages;
}

/**
 * Loads the demo data set with its history: registers its authorities, writes its records to a
 * file per year and imports each at the year's end, tells the story (listings, objections,
 * repairs, inquiries, a merge) on its days, relates the legal representatives, sweeps, proposes
 * the court's candidates and rates. Running it again the same day changes nothing (the records
 * are dated back from today; the story is told once).
 */
export async function runDemo(deps: ServiceDeps, options: RunDemoOptions): Promise<DemoRun> {
  const actor = options.actor ?? 'demo';
  const todayDate = dateOf(deps.clock.now());
  const today = toDays(todayDate);
  const data = generateDemo({
    subjects: options.subjects,
    seed: options.seed,
    today: todayDate,
    catalog: deps.catalog,
    ...(options.recordsPerSubject ? { recordsPerSubject: options.recordsPerSubject } : {}),
  });
  const first = yearOf(today - HISTORY_DAYS);
  // the authorities were there before anything they decided
  await registerMissing(on(deps, today, toDays(`${first}-01-01`) - today), data.authorities, actor);
  // a loaded store already has its story: the history is told once
  const told = await findSubject(deps, STORY.debtor.identifier, 'uscc').catch(orNull);

  makeDirs(options.dir);
  const base = join(options.dir, `demo-${options.seed}-${options.subjects}`);
  const files: string[] = [];
  const summary: ImportSummary = {
    file: base,
    rows: 0,
    created: 0,
    unchanged: 0,
    rejected: 0,
    warnings: 0,
    batches: 0,
  };
  let written = 0;
  const importYear = (year: number): StoryEvent => ({
    day: yearEnd(year, today),
    what: `the records of ${year}`,
    run: async (at) => {
      const file = `${base}-${year}.${options.format}`;
      const rows = await writeDemoFile(
        file,
        options.format,
        rowsOfYear(data.rows(), year, todayDate, first),
      );
      written += rows;
      options.onWritten?.(written);
      if (rows === 0) return;
      files.push(file);
      const done = await importFile(at, file, {
        actor,
        batchSize: options.batchSize,
        format: options.format,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.onRejected ? { onRejected: options.onRejected } : {}),
      });
      addUp(summary, done);
      // what follows from the year's records by itself: automatic lists, expiry, performance
      if (done.created > 0) await sweep(at, dateOf(at.clock.now()));
    },
  });
  const years = Array.from({ length: yearOf(today) - first + 1 }, (_, i) => first + i);
  await runTimeline(deps, today, [
    ...years.map(importYear),
    ...(told ? [] : storyOnCalendar(today)),
  ]);
  const relations = data.relations();
  await relate(deps, relations, actor);
  // what follows today by itself (automatic lists), and what awaits a decision
  const swept = await sweep(deps, todayDate);
  const candidates = await proposeCandidates(deps);
  const sectors = await loadSectorExamples(deps, actor);
  const villages = await loadDemoVillages(deps, actor);
  const ratings = await rateOnce(deps, actor);
  return {
    file: base,
    files,
    authorities: data.authorities.length,
    relations: relations.length,
    lists: { designated: swept.designated, proposed: candidates.proposed.length },
    ratings,
    summary,
    examples: data.examples(),
    story: STORY_SUBJECTS,
    sectors,
    villages,
  };
}

/**
 * The story's events with their days counted from today. The story happened on fixed dates
 * (up to its anchor), so the README can name them; a clock before the anchor (a test's) moves
 * it back to end that day.
 */
function storyOnCalendar(today: number): StoryEvent[] {
  const anchor = Math.min(today, toDays(STORY_ANCHOR));
  return storyEvents(anchor).map((e) => ({ ...e, day: e.day + anchor - today }));
}

// the generator dates records up to 6 years back; annual reports and ratings a little more
const HISTORY_DAYS = 7 * 365;

function addUp(total: ImportSummary, one: ImportSummary) {
  for (const key of ['rows', 'created', 'unchanged', 'rejected', 'warnings', 'batches'] as const)
    total[key] += one[key];
}

// one run per published model and day: loading the demo again the same day adds nothing
async function rateOnce(deps: ServiceDeps, actor: string): Promise<Record<string, number>> {
  const today = dateOf(deps.clock.now());
  const rated: Record<string, number> = {};
  // a village is rated from its households' ratings: their model runs first
  for (const model of inRatingOrder(deps.catalog.ratingModels.values())) {
    if (model.status !== 'published') continue;
    const runs = await deps.store.listRatingRuns(100, model.id);
    const done = runs.find((r) => r.asOf === today && r.finishedAt && !r.draft);
    rated[model.id] = (done ?? (await runRating(deps, { modelId: model.id, actor }))).rated;
  }
  return rated;
}

// registering an unchanged authority again would only add audit entries
async function registerMissing(
  deps: ServiceDeps,
  authorities: readonly AuthorityInput[],
  actor: string,
) {
  const known = await authorityMap(deps);
  for (const a of authorities) {
    const stored = known.get(a.id);
    const same =
      stored &&
      stored.name === a.name &&
      stored.nameEn === (a.nameEn ?? null) &&
      stored.domains.join() === a.domains.join() &&
      stored.regions.join() === a.regions.join();
    if (!same) await registerAuthority(deps, a, actor, 'the demo data set');
  }
}

export interface WriteDemoOptions {
  path: string;
  format: DemoFormat;
  /** exactly this many rows */
  records: number;
  seed: number;
  today: string;
  catalog?: Pick<Catalog, 'recordTypes'>;
  recordsPerSubject?: number;
  onWritten?: (rows: number) => void;
}

/** Writes a demo data file of exactly `records` rows without touching the store (for benchmarks). */
export async function writeDemoData(options: WriteDemoOptions): Promise<number> {
  const average = options.recordsPerSubject ?? 5;
  const data = generateDemo({
    // headroom, so the subjects' random record counts always add up to enough rows
    subjects: Math.ceil((options.records / average) * 1.25) + 10,
    recordsPerSubject: average,
    seed: options.seed,
    today: options.today,
    maxRows: options.records,
    ...(options.catalog ? { catalog: options.catalog } : {}),
  });
  return writeDemoFile(options.path, options.format, data.rows(), options.onWritten);
}

const orNull = (error: unknown) => {
  if (isCredenceError(error) && error.code === 'SUBJECT_NOT_FOUND') return null;
  throw error;
};

async function relate(deps: ServiceDeps, relations: readonly DemoRelation[], actor: string) {
  const idKey = await deps.store.subjectIdKey();
  for (const r of relations) {
    const subject = await findSubject(deps, r.subject, 'uscc').catch(orNull);
    // a subject whose rows were all rejected was never created
    if (!subject) continue;
    const otherId = subjectIdFor(idKey, 'ric', r.other);
    if (subject.relations.some((x) => x.kind === r.kind && x.otherId === otherId)) continue;
    const other = await findSubject(deps, r.other, 'ric').catch(orNull);
    // the demo's own registration stands in for the market regulator's
    const basis = `DEMO-REG-${r.subject}`;
    if (other) await addRelation(deps, { ...r, basis }, actor);
  }
}
