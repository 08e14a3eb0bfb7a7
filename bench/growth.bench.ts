/**
 * Growth benchmark (not a test): how each per-operation cost grows with the number of subjects.
 * One store per backend is grown a step at a time (bench/growth-data.ts: a mix of businesses and
 * persons, about five records each, 5% listed) to each size, and measured there, every phase in
 * its own process (peak RSS is the phase's): import records/s (a fixed file of new records
 * through the import service), store bytes per subject, measure-check µs, the public view's
 * req/s and p99 (the registry's own server under autocannon), search p95, rating subjects/s
 * (rerateSubject), views build ms per 1,000 subjects (a fixed sample), and peak RSS. The build
 * is not measured; its rate is printed per step. A table per backend, sizes in columns, with
 * the ratio of the largest size's cost to the smallest's, flagged where above 1.3.
 *
 *   npm run bench:growth -- [--sizes 250000,500000,1000000,2000000] [--records 5]
 *     [--backend sqlite|postgres|both] [--db <path>|postgres://… (kept, reused and extended;
 *     repeat for both backends)] [--pg postgres://… (admin URL, for a throwaway database)]
 *     [--json <file>] [--checks 10000] [--queries 1000] [--views 5000] [--ratings 5000]
 *     [--imports 10000] [--connections 10] [--seconds 5] [--warmup 2]
 *     [--skip check,search,views,serve,size,rate,import (phases not run)]
 *     [--bulk (PostgreSQL: the build drops the secondary keys of the tables it fills and makes
 *     them again after, as a first bulk load would; bench/pg-deferred-keys.ts)]
 *     [--serve-views all|sample (before the serve phase, every subject's view is saved, as an
 *     operator does after an import, or only the served sample's, with the day's pass recorded:
 *     for sizes where a whole pass outlasts the run)]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import type { GrowthOptions, PhaseResult } from './growth-phase.js';
import { identifierAt, servedIndices } from './growth-data.js';
import { measure, SERVE_ENV, startServer } from './serve-run.js';
import { fmt, runPhaseProcess, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '250000,500000,1000000,2000000' },
    records: { type: 'string', default: '5' },
    backend: { type: 'string', default: 'both' },
    db: { type: 'string', multiple: true, default: [] },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    json: { type: 'string' },
    seed: { type: 'string', default: '7' },
    checks: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '1000' },
    views: { type: 'string', default: '5000' },
    ratings: { type: 'string', default: '5000' },
    imports: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    skip: { type: 'string', default: '' },
    bulk: { type: 'boolean', default: false },
    'serve-views': { type: 'string', default: 'all' },
  },
});
if (!['sqlite', 'postgres', 'both'].includes(args.backend)) {
  throw new Error(`--backend must be sqlite, postgres or both, not ${args.backend}`);
}
const sizes = args.sizes
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
for (const n of sizes) {
  // a business's legal representative is built in its own step (bench/check-data.ts)
  if (!Number.isInteger(n) || n <= 0 || n % 1000 !== 0 || n > 21_000_000) {
    throw new Error(`every size must be a positive multiple of 1,000 up to 21,000,000, not ${n}`);
  }
}
const base = {
  records: Number(args.records),
  seed: Number(args.seed),
  checks: Number(args.checks),
  queries: Number(args.queries),
  views: Number(args.views),
  ratings: Number(args.ratings),
  imports: Number(args.imports),
  bulk: args.bulk,
};
const load = {
  connections: Number(args.connections),
  seconds: Number(args.seconds),
  warmup: Number(args.warmup),
};
if (!['all', 'sample'].includes(args['serve-views'])) {
  throw new Error(`--serve-views must be all or sample, not ${args['serve-views']}`);
}
const PHASES = ['check', 'search', 'views', 'serve', 'size', 'rate', 'import'];
const skip = new Set(args.skip.split(',').filter(Boolean));
for (const p of skip) {
  if (!PHASES.includes(p)) throw new Error(`--skip takes ${PHASES.join(', ')}, not ${p}`);
}
const LIMIT = 1.3;
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);
const dir = mkdtempSync(join(tmpdir(), 'credence-growth-bench-'));

const runPhase = (phase: string, db: string, o: GrowthOptions): PhaseResult =>
  runPhaseProcess<PhaseResult>(join(import.meta.dirname, 'growth-phase.ts'), [
    phase,
    db,
    JSON.stringify(o),
  ]);

/** What one size gave: the figures of the table and the wall time of each phase. */
interface SizeResult {
  n: number;
  figures: Record<string, number>;
  wallSeconds: Record<string, number>;
}

/** A row of the table: how to read it from the phases, and whether more is worse. */
interface Figure {
  key: string;
  label: string;
  digits: number;
  /** a cost (µs, ms, bytes, MB): more is worse; else a rate, less is worse */
  cost: boolean;
}

const FIGURES: Figure[] = [
  { key: 'importPerSecond', label: 'import records/s', digits: 0, cost: false },
  { key: 'bytesPerSubject', label: 'store bytes/subject', digits: 0, cost: true },
  { key: 'checkUs', label: 'measure check µs (mean)', digits: 0, cost: true },
  { key: 'checkP95Us', label: 'measure check µs p95', digits: 0, cost: true },
  { key: 'viewPerSecond', label: 'public view req/s', digits: 0, cost: false },
  { key: 'viewP99Ms', label: 'public view p99 ms', digits: 1, cost: true },
  { key: 'searchP95Ms', label: 'search p95 ms', digits: 2, cost: true },
  { key: 'ratePerSecond', label: 'rating subjects/s', digits: 0, cost: false },
  { key: 'viewsMsPer1000', label: 'views build ms/1,000', digits: 0, cost: true },
  ...['import', 'check', 'search', 'views', 'serve', 'rate'].map((p) => ({
    key: `rss.${p}`,
    label: `peak RSS MB, ${p}`,
    digits: 0,
    cost: true,
  })),
];

/** The first index not stored in `db`. */
const reachOf = (db: string): number => runPhase('reach', db, { ...base, n: 0 }).reach ?? 0;

/** The registry's own server on `db`, under load: a fixed sample of businesses' public views. */
async function serve(
  db: string,
  n: number,
): Promise<{ perSecond: number; p99Ms: number; non2xx: number; peakRssMb: number }> {
  const paths = servedIndices(n, base.seed).map((i) => `/v1/subjects/${identifierAt(i).value}`);
  let k = 0;
  const server = await startServer(
    dir,
    'credence',
    [join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'serve', '--port', '0'],
    SERVE_ENV,
  );
  const m = await measure(server, () => paths[k++ % paths.length]!, load);
  const { result } = m;
  return {
    perSecond: result.requests.average,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx + result.errors + result.timeouts,
    peakRssMb: m.peakRssMb,
  };
}

/** Wall time of `fn`, in seconds, with its value. */
async function wall<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, (performance.now() - started) / 1000];
}

async function measureAt(db: string, n: number): Promise<SizeResult> {
  const o: GrowthOptions = { ...base, n };
  const figures: Record<string, number> = {};
  const wallSeconds: Record<string, number> = {};
  const phase = async (name: string): Promise<PhaseResult> => {
    const [r, s] = await wall(() => runPhase(name, db, o));
    wallSeconds[name] = s;
    if (name !== 'size') figures[`rss.${name}`] = r.peakRssMb;
    return r;
  };
  if (!skip.has('check')) {
    const check = await phase('check');
    figures.checkUs = (check.seconds / check.items!) * 1e6;
    figures.checkP95Us = check.p95Ms! * 1000;
    if (check.denied !== check.expectedDenied) {
      console.log(`  WARNING: ${check.denied} checks denied, expected ${check.expectedDenied}`);
    }
  }
  if (!skip.has('search')) figures.searchP95Ms = (await phase('search')).p95Ms!;
  if (!skip.has('views')) {
    const views = await phase('views');
    figures.viewsMsPer1000 = ((views.seconds * 1000) / views.items!) * 1000;
  }
  if (!skip.has('serve')) await serveAll(db, n, figures, wallSeconds);
  if (!skip.has('size')) figures.bytesPerSubject = (await phase('size')).bytes! / n;
  if (!skip.has('rate')) {
    const rate = await phase('rate');
    figures.ratePerSecond = rate.items! / rate.seconds;
  }
  // last: it adds records and subjects
  if (!skip.has('import')) {
    const imported = await phase('import');
    figures.importPerSecond = imported.created! / imported.seconds;
    console.log(
      `  import: ${fmt(imported.items!)} rows, ${fmt(imported.existing!)} about stored subjects, in ${fmt(imported.seconds, 1)} s`,
    );
    if (imported.rejected! > 0 || imported.created !== imported.items) {
      console.log(
        `  WARNING: import created ${imported.created} of ${imported.items} rows, ${imported.rejected} rejected`,
      );
    }
  }
  return { n, figures, wallSeconds };
}

/**
 * Every subject's view of the day saved (not measured), then the server under load. The size
 * is measured after (unless skipped): with every view saved, the same state at every size.
 */
async function serveAll(
  db: string,
  n: number,
  figures: Record<string, number>,
  wallSeconds: Record<string, number>,
): Promise<void> {
  // every subject's view of the day saved, as an operator does after an import: else the
  // server's own loop builds the views of the new subjects while it is measured
  if (args['serve-views'] === 'sample') {
    const [saved, savedSeconds] = await wall(() => runPhase('served-views', db, { ...base, n }));
    wallSeconds['served views saved (not measured)'] = savedSeconds;
    console.log(
      `  the served sample's ${fmt(saved.items!)} views saved, the day's pass recorded (not measured)`,
    );
  } else {
    const [built, buildSeconds] = await wall(() =>
      execFileSync(
        process.execPath,
        [join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'views', 'build'],
        { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      ),
    );
    wallSeconds['views build (all, not measured)'] = buildSeconds;
    console.log(`  credence views build (not measured): ${built.trim().split('\n').pop()}`);
  }
  const [served, serveSeconds] = await wall(() => serve(db, n));
  wallSeconds.serve = serveSeconds;
  figures.viewPerSecond = served.perSecond;
  figures.viewP99Ms = served.p99Ms;
  figures['rss.serve'] = served.peakRssMb;
  if (served.non2xx > 0) console.log(`  WARNING: ${served.non2xx} public views not answered 200`);
}

const label = (n: number): string =>
  n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : fmt(n);

function table(backend: string, results: SizeResult[]): void {
  const first = results[0]!;
  const last = results.at(-1)!;
  const ratioName = `${label(last.n)} / ${label(first.n)}`;
  console.log(
    `\n${backend}: cost at ${label(last.n)} over cost at ${label(first.n)} flagged above ${LIMIT}×`,
  );
  console.log(
    `  ${'figure'.padEnd(26)}${results.map((r) => label(r.n).padStart(10)).join('')}${ratioName.padStart(14)}`,
  );
  for (const f of FIGURES) {
    const values = results.map((r) => r.figures[f.key]);
    if (values.every((v) => v === undefined)) continue;
    const a = first.figures[f.key]!;
    const b = last.figures[f.key]!;
    // the ratio of the costs: for a rate, the inverse of its ratio
    const ratio = f.cost ? b / a : a / b;
    const flag = results.length > 1 && ratio > LIMIT ? '  <-- over' : '';
    console.log(
      `  ${f.label.padEnd(26)}${values.map((v) => (v === undefined ? '-' : fmt(v, f.digits)).padStart(10)).join('')}${`${ratio.toFixed(2)}×`.padStart(14)}${flag}`,
    );
  }
}

async function bench(backend: string, db: string): Promise<SizeResult[]> {
  console.log(`\n${backend}: ${db}`);
  let reach = reachOf(db);
  if (reach > 0) console.log(`  kept store: ${fmt(reach)} subjects built`);
  const results: SizeResult[] = [];
  for (const n of sizes) {
    if (reach > n) {
      console.log(`  ${fmt(n)}: skipped, the store holds ${fmt(reach)} subjects already`);
      continue;
    }
    console.log(`\n  ${fmt(n)} subjects:`);
    let buildSeconds = 0;
    if (reach < n) {
      const built = runPhase('build', db, { ...base, n, from: reach });
      buildSeconds = built.seconds;
      console.log(
        `  build (not measured): ${fmt(built.subjects!)} subjects and ${fmt(built.records!)} records in ${fmt(built.seconds, 1)} s ` +
          `(${fmt(built.subjects! / built.seconds)} subjects/s, ${fmt(built.records! / built.seconds)} records/s), peak RSS ${fmt(built.peakRssMb)} MB`,
      );
      reach = n;
    }
    const result = await measureAt(db, n);
    result.wallSeconds = { build: buildSeconds, ...result.wallSeconds };
    console.log(
      `  wall time: ${Object.entries(result.wallSeconds)
        .map(([k, s]) => `${k} ${fmt(s, 1)} s`)
        .join(', ')}`,
    );
    results.push(result);
  }
  if (results.length > 0) table(backend, results);
  return results;
}

const kept = (postgres: boolean): string | undefined => {
  const db = args.db.find((d) => isPostgres(d) === postgres);
  return db && (postgres ? db : resolve(db));
};

const report: Record<string, unknown> = { sizes, ...base, load };
try {
  if (args.backend !== 'postgres') {
    report.sqlite = await bench('SQLite (WAL)', kept(false) ?? join(dir, 'growth.db'));
  }
  if (args.backend !== 'sqlite') {
    const url = kept(true);
    report.postgres = url
      ? await bench('PostgreSQL', url)
      : await withPgDatabase(args.pg, 'credence_growth_bench', (u) => bench('PostgreSQL', u));
  }
  if (args.json) {
    writeFileSync(resolve(args.json), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nresults in ${resolve(args.json)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
