/**
 * Serve benchmark (not a test): requests per second and latency of a subject's public view,
 * `GET /v1/subjects/:uscc` for random USCCs of a store of N subjects, served by the registry's
 * own `credence serve` in a child process, against a bare Fastify route returning a constant
 * JSON body of the same size (bench/serve-bare.ts) in another, measured in the same run. The
 * load comes from this process (autocannon), the same connections and duration for both, after
 * a warm-up. The server runs as in production: the rate limiter on (with a limit it never
 * reaches, so that its cost is counted) and request logging at `info`, to a file. Before the
 * server starts, and outside the measured time, `credence views build` saves today's public
 * view of every subject that lacks one (on SQLite; PostgreSQL saves none), as an operator would
 * after an import; the server's own loop then finds them current.
 *
 *   npm run bench:serve -- [--subjects 1000000] [--backend sqlite|postgres|both]
 *     [--connections 10] [--seconds 10] [--warmup 3] [--pg postgres://…]
 *     [--db <path|url>] [--cpu-prof <dir>]
 *
 * `--db` names a store to keep: built on the first run, reused (not built again) on the next.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { sampleOf } from './check-data.js';
import { prepareServeStore } from './serve-prepare.js';
import { measure, RATE_LIMIT, SERVE_ENV, start, type Measured } from './serve-load.js';
import { fmt, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    backend: { type: 'string', default: 'both' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    db: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
if (!['sqlite', 'postgres', 'both'].includes(args.backend)) {
  throw new Error(`--backend must be sqlite, postgres or both, not ${args.backend}`);
}
const subjects = Number(args.subjects);
const seed = Number(args.seed);
const connections = Number(args.connections);
const seconds = Number(args.seconds);
const warmup = Number(args.warmup);
/** views fetched one by one before the load, to check them and size the bare body */
const CHECKED = 200;
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);
const profileDir = args['cpu-prof'] && resolve(args['cpu-prof']);
if (profileDir) mkdirSync(profileDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'credence-serve-bench-'));
const loadOptions = { connections, seconds, warmup };

interface ViewShape {
  records: unknown[];
  listEntries: unknown[];
}

/** The first views fetched one by one: all must be found; the one of mean size is the bare body. */
async function checkViews(url: string, paths: string[]): Promise<string> {
  const bodies: string[] = [];
  let withRecords = 0;
  let records = 0;
  let listed = 0;
  for (const path of paths) {
    const response = await fetch(`${url}${path}`);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${body}`);
    const view = JSON.parse(body) as ViewShape;
    bodies.push(body);
    withRecords += view.records.length > 0 ? 1 : 0;
    records += view.records.length;
    listed += view.listEntries.length > 0 ? 1 : 0;
  }
  const mean = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / bodies.length;
  const typical = bodies.reduce((a, b) =>
    Math.abs(Buffer.byteLength(b) - mean) < Math.abs(Buffer.byteLength(a) - mean) ? b : a,
  );
  const pct = (k: number) => `${((k / paths.length) * 100).toFixed(0)}%`;
  console.log(
    `  views checked: ${paths.length} random USCCs, all found; mean ${fmt(mean)} B; ` +
      `${pct(withRecords)} with public records (${fmt(records / paths.length, 2)} a view), ${pct(listed)} listed`,
  );
  return typical;
}

function line(name: string, m: Measured): void {
  const r = m.result;
  console.log(
    `  ${name.padEnd(36)} ${fmt(r.requests.average).padStart(7)} req/s  p50 ${fmt(r.latency.p50, 1).padStart(5)} ms` +
      `  p99 ${fmt(r.latency.p99, 1).padStart(5)} ms  non-2xx ${fmt(r.non2xx)}  errors ${fmt(r.errors)}` +
      `  CPU ${fmt(m.cpuUs).padStart(4)} us/req  peak RSS ${fmt(m.peakRssMb).padStart(4)} MB`,
  );
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

async function bench(backend: string, db: string): Promise<void> {
  console.log(`\n${backend}: ${fmt(subjects)} subjects`);
  prepareServeStore(db, subjects, seed);
  const built = execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'views', 'build'],
    { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  console.log(`  public views (not measured): ${built.trim().split('\n').pop()}`);
  // about as many USCCs as subjects drawn, half of them businesses: no view asked twice in a run
  const usccs = sampleOf(subjects, Math.min(subjects, 400_000), seed).filter(
    (s) => s.scheme === 'uscc',
  );
  const paths = usccs.map((s) => `/v1/subjects/${s.value}`);
  let k = 0;
  const nextView = () => paths[k++ % paths.length]!;

  const profile = profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=serve-${backend.split(' ')[0]}.cpuprofile`,
      ]
    : [];
  const credence = await start(
    dir,
    'credence',
    [...profile, join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'serve', '--port', '0'],
    SERVE_ENV,
  );
  let body: string;
  let ours: Measured;
  try {
    body = await checkViews(credence.url, paths.slice(-CHECKED));
    console.log(
      `  ${connections} connections for ${seconds} s after a ${warmup} s warm-up, each; ` +
        `rate limit ${fmt(RATE_LIMIT)}/min, request logs at info to a file:`,
    );
    ours = await measure(credence, nextView, loadOptions);
  } catch (error) {
    await credence.stop();
    throw error;
  }
  // the bare server starts after the other has stopped: they never share the machine
  const bodyFile = join(dir, 'body.json');
  writeFileSync(bodyFile, body);
  const bare = await start(
    dir,
    'bare',
    ['--import', 'tsx', join(import.meta.dirname, 'serve-bare.ts'), bodyFile],
    {},
  );
  const base = await measure(bare, () => '/bare', loadOptions);
  const logged = count(readFileSync(credence.log, 'utf8'), '"msg":"request completed"');
  line(`baseline: bare Fastify, ${fmt(Buffer.byteLength(body))} B constant`, base);
  line('credence GET /v1/subjects/:uscc', ours);
  const ratio = (ours.result.requests.average / base.result.requests.average) * 100;
  console.log(
    `  ratio to baseline (target >= 30%): ${ratio.toFixed(1)}%; credence p99 ` +
      `${fmt(ours.result.latency.p99, 1)} ms (target < 20 ms); ${fmt(logged)} requests logged (warm-up and checks included)`,
  );
  for (const [name, m] of [
    ['bare', base],
    ['credence', ours],
  ] as const) {
    const { non2xx, errors, timeouts } = m.result;
    if (non2xx + errors + timeouts > 0) {
      console.log(`  WARNING: ${name}: ${non2xx} non-2xx, ${errors} errors, ${timeouts} timeouts`);
    }
  }
}

try {
  if (args.db) {
    const db = isPostgres(args.db) ? args.db : resolve(args.db);
    await bench(isPostgres(db) ? 'PostgreSQL' : 'SQLite (WAL)', db);
  } else {
    if (args.backend !== 'postgres') await bench('SQLite (WAL)', join(dir, 'serve.db'));
    if (args.backend !== 'sqlite')
      await withPgDatabase(args.pg, 'credence_serve_bench', (url) => bench('PostgreSQL', url));
  }
  if (profileDir) console.log(`\nCPU profiles in ${profileDir}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
