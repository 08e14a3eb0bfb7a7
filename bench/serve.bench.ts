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
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { prepareServedViews } from './serve-prepare.js';
import {
  checkViews,
  line,
  measure,
  startServer,
  warnFailures,
  loadOf,
  RATE_LIMIT,
  SERVE_ENV,
  serveOptions,
  type Measured,
} from './serve-run.js';
import { fmt, withPgDatabase } from './support.js';

const { values: args } = parseArgs({
  options: {
    ...serveOptions({ subjects: '1000000', connections: '10' }),
    db: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const subjects = Number(args.subjects);
const seed = Number(args.seed);
const run = loadOf(args);
/** views fetched one by one before the load, to check them and size the bare body */
const CHECKED = 200;
const isPostgres = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);
const profileDir = args['cpu-prof'] && resolve(args['cpu-prof']);
if (profileDir) mkdirSync(profileDir, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'credence-serve-bench-'));

const count = (text: string, needle: string): number => text.split(needle).length - 1;

async function bench(backend: string, db: string): Promise<void> {
  console.log(`\n${backend}: ${fmt(subjects)} subjects`);
  const paths = prepareServedViews(db, subjects, seed);
  let k = 0;
  const nextView = () => paths[k++ % paths.length]!;

  const profile = profileDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${profileDir}`,
        `--cpu-prof-name=serve-${backend.split(' ')[0]}.cpuprofile`,
      ]
    : [];
  const credence = await startServer(
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
      `  ${run.connections} connections for ${run.seconds} s after a ${run.warmup} s warm-up, each; ` +
        `rate limit ${fmt(RATE_LIMIT)}/min, request logs at info to a file:`,
    );
    ours = await measure(credence, nextView, run);
  } catch (error) {
    await credence.stop();
    throw error;
  }
  // the bare server starts after the other has stopped: they never share the machine
  const bodyFile = join(dir, 'body.json');
  writeFileSync(bodyFile, body);
  const bare = await startServer(
    dir,
    'bare',
    ['--import', 'tsx', join(import.meta.dirname, 'serve-bare.ts'), bodyFile],
    {},
  );
  const base = await measure(bare, () => '/bare', run);
  const logged = count(readFileSync(credence.log, 'utf8'), '"msg":"request completed"');
  line(`baseline: bare Fastify, ${fmt(Buffer.byteLength(body))} B constant`, base);
  line('credence GET /v1/subjects/:uscc', ours);
  const ratio = (ours.result.requests.average / base.result.requests.average) * 100;
  console.log(
    `  ratio to baseline (target >= 30%): ${ratio.toFixed(1)}%; credence p99 ` +
      `${fmt(ours.result.latency.p99, 1)} ms (target < 20 ms); ${fmt(logged)} requests logged (warm-up and checks included)`,
  );
  warnFailures('bare', base);
  warnFailures('credence', ours);
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
