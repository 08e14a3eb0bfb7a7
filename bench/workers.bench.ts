/**
 * Workers benchmark (not a test): requests per second and p99 of a subject's public view,
 * `GET /v1/subjects/:uscc` for random USCCs, served by `credence serve --workers W` for W = 1, 2
 * and --workers-max (default os.availableParallelism()), each against a bare Fastify route with
 * a constant body of the same size run under the same number of cluster workers
 * (bench/serve-bare.ts), on both backends; the store, the load and the settings are those of
 * bench/serve.bench.ts (rate limiter on with a limit never reached, request logs at info to a
 * file). With W > 1 the rate limiter and the lookup throttle count in the shared counters: the
 * database, and with `--counters both` (or redis) Redis as well, in a run of their own. One
 * server runs at a time; the load comes from this process, so on a machine of few cores it
 * takes its share of them: the ratios, not the absolute numbers, are the result.
 *
 *   npm run bench:workers -- [--subjects 200000] [--backend sqlite|postgres|both]
 *     [--workers-max N] [--counters database|redis|both] [--redis redis://127.0.0.1:6379]
 *     [--connections 20] [--seconds 10] [--warmup 3] [--pg postgres://…]
 *
 * Validated only small, on 2 cores shared with other work (the numbers move by 2-5x from run to
 * run there: read the ratios of one run, not the absolute numbers), with
 * `npm run bench:workers -- --subjects 20000 --seconds 3 --counters both`, which printed
 * (a line per server as the serve benchmark prints, then this summary per backend):
 *
 *   SQLite (WAL): 20,000 subjects
 *     workers  bare req/s  credence req/s (counters)  ratio  p99 bare / credence  vs 1 worker
 *           1       6,984             622 (process)      8.9%      17.0 / 117.0 ms   1.00x
 *           1       6,984             735 (redis)       10.5%      17.0 / 84.0 ms    1.18x
 *           2       4,772             464 (database)     9.7%      39.0 / 182.0 ms   0.75x
 *           2       4,772             525 (redis)       11.0%      39.0 / 113.0 ms   0.84x
 *   PostgreSQL: 20,000 subjects
 *     workers  bare req/s  credence req/s (counters)  ratio  p99 bare / credence  vs 1 worker
 *           1       4,105           1,583 (process)     38.6%      20.0 / 74.0 ms    1.00x
 *           1       4,105             894 (redis)       21.8%      20.0 / 93.0 ms    0.56x
 *           2       8,183             241 (database)     2.9%      20.0 / 214.0 ms   0.15x
 *           2       8,183             436 (redis)        5.3%      20.0 / 191.0 ms   0.28x
 *
 * (with --workers-max 2 = the cores, 1, 2 and N are two rows). On 2 cores the load generator,
 * the database and Redis take the cores the workers would use, so more workers cannot gain
 * here; what the run does show is the cost of shared counting: every public view counts one
 * request against the rate limit and reads the lookup throttle, two round trips to the
 * database (a write, on SQLite under its one write lock) or to Redis.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { dropRedisKeys } from '../test/support/redis.js';
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
    ...serveOptions({ subjects: '200000', connections: '20' }),
    'workers-max': { type: 'string', default: String(availableParallelism()) },
    counters: { type: 'string', default: 'database' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
  },
});
if (!['database', 'redis', 'both'].includes(args.counters))
  throw new Error(`--counters must be database, redis or both, not ${args.counters}`);
const subjects = Number(args.subjects);
const seed = Number(args.seed);
const workersMax = Number(args['workers-max']);
if (!Number.isInteger(workersMax) || workersMax < 1 || workersMax > 64)
  throw new Error('--workers-max is an integer from 1 to 64');
const workerCounts = [...new Set([1, 2, workersMax])].sort((a, b) => a - b);
const counterKinds = args.counters === 'both' ? ['database', 'redis'] : [args.counters];
const run = loadOf(args);
/** views fetched one by one before the load, to check them and size the bare body */
const CHECKED = 200;
const REDIS_PREFIX = `credence-bench:${process.pid}:`;
const dir = mkdtempSync(join(tmpdir(), 'credence-workers-bench-'));

interface Row {
  workers: number;
  counters: string;
  bare: Measured;
  ours: Measured;
}

/** `credence serve --workers W`, counting where `counters` says, measured under the load. */
async function credence(db: string, workers: number, counters: string, paths: string[]) {
  let k = 0;
  const next = () => paths[k++ % paths.length]!;
  const server = await startServer(
    dir,
    `credence-${workers}-${counters}`,
    [join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'serve', '--port', '0'].concat(
      workers > 1 ? ['--workers', String(workers)] : [],
    ),
    {
      ...SERVE_ENV,
      ...(counters === 'redis'
        ? { CREDENCE_REDIS_URL: args.redis, CREDENCE_REDIS_PREFIX: REDIS_PREFIX }
        : {}),
    },
  );
  try {
    const body = await checkViews(server.url, paths.slice(-CHECKED));
    return { body, measured: await measure(server, next, run) };
  } finally {
    await server.stop();
  }
}

async function bare(bodyFile: string, workers: number): Promise<Measured> {
  const server = await startServer(
    dir,
    `bare-${workers}`,
    ['--import', 'tsx', join(import.meta.dirname, 'serve-bare.ts'), bodyFile, String(workers)],
    {},
  );
  return measure(server, () => '/bare', run);
}

async function bench(backend: string, db: string): Promise<void> {
  console.log(`\n${backend}: ${fmt(subjects)} subjects`);
  const paths = prepareServedViews(db, subjects, seed);
  console.log(
    `  ${run.connections} connections for ${run.seconds} s after a ${run.warmup} s warm-up, each; ` +
      `rate limit ${fmt(RATE_LIMIT)}/min, request logs at info to a file; ${availableParallelism()} cores:`,
  );
  const rows: Row[] = [];
  const bodyFile = join(dir, 'body.json');
  for (const workers of workerCounts) {
    // one server in the process: its counters are its own, unless Redis is configured
    const kinds =
      workers === 1 ? ['process', ...counterKinds.filter((c) => c === 'redis')] : counterKinds;
    const ours: Array<[string, Measured]> = [];
    for (const counters of kinds) {
      const measured = await credence(db, workers, counters, paths);
      writeFileSync(bodyFile, measured.body);
      ours.push([counters, measured.measured]);
    }
    // the bare servers start after the others have stopped: no two share the machine
    const base = await bare(bodyFile, workers);
    line(`${workers} worker(s): bare Fastify`, base, 44);
    warnFailures(`bare, ${workers} workers`, base);
    for (const [counters, m] of ours) {
      line(`${workers} worker(s): credence, counters: ${counters}`, m, 44);
      warnFailures(`credence, ${workers} workers, ${counters}`, m);
      rows.push({ workers, counters, bare: base, ours: m });
    }
  }
  const one = rows.find((r) => r.workers === 1 && r.counters === 'process')!;
  console.log(
    '\n  workers  bare req/s  credence req/s (counters)  ratio  p99 bare / credence  vs 1 worker',
  );
  for (const r of rows) {
    const req = (m: Measured) => m.result.requests.average;
    console.log(
      `  ${String(r.workers).padStart(7)}  ${fmt(req(r.bare)).padStart(10)}  ` +
        `${fmt(req(r.ours)).padStart(14)} (${r.counters})`.padEnd(27) +
        `  ${((req(r.ours) / req(r.bare)) * 100).toFixed(1).padStart(4)}%` +
        `  ${fmt(r.bare.result.latency.p99, 1).padStart(8)} / ${fmt(r.ours.result.latency.p99, 1)} ms`.padEnd(
          22,
        ) +
        `  ${(req(r.ours) / req(one.ours)).toFixed(2)}x`,
    );
  }
}

try {
  if (args.backend !== 'postgres') await bench('SQLite (WAL)', join(dir, 'serve.db'));
  if (args.backend !== 'sqlite')
    await withPgDatabase(args.pg, 'credence_workers_bench', (url) => bench('PostgreSQL', url));
} finally {
  // the bench's keys in Redis (the request limit's and the throttle's)
  if (counterKinds.includes('redis')) await dropRedisKeys(REDIS_PREFIX, args.redis);
  rmSync(dir, { recursive: true, force: true });
}
