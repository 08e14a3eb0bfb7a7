/**
 * What the serve benchmarks share: a server in a child process (its CPU time and peak RSS summed
 * over its workers, if it has any), the load (autocannon), a measured run after a warm-up, the
 * check of the views served and the printed line.
 */
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/config.js';
import { fmt } from './support.js';

/** far above what a run sends: the limiter counts every request and never refuses one */
export const RATE_LIMIT = 1_000_000_000;
/** the server as in production: the rate limiter on, request logs at info (to the log file) */
export const SERVE_ENV: NodeJS.ProcessEnv = {
  CREDENCE_RATE_LIMIT: String(RATE_LIMIT),
  CREDENCE_LOG_LEVEL: 'info',
};

export interface Server {
  pid: number;
  url: string;
  log: string;
  /** CPU seconds the server and its workers have used so far (user and system) */
  cpu(): number;
  /** stops the server (SIGTERM, as an operator would) and returns its peak RSS in MB; once */
  stop(): Promise<number>;
}

/** The process and its children (cluster workers), from /proc. */
function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the parent's pid is the second field after the command name in parentheses
      const ppid = Number(
        readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1],
      );
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

const readOr = (path: string, fallback: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
};

/**
 * Starts `node <args>` with its output to `<dir>/<name>.log`, and waits for `… at <url>` there.
 */
export async function startServer(
  dir: string,
  name: string,
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
): Promise<Server> {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, nodeArgs, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let url: string | undefined;
  for (const deadline = Date.now() + 60_000; !url; await sleep(100)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start; see ${log}`);
    }
    url = / at (http:\/\/[\w.:[\]-]+)[ \n]/.exec(readFileSync(log, 'utf8'))?.[1];
  }
  const pid = child.pid!;
  let stopped: Promise<number> | undefined;
  const stop = async (): Promise<number> => {
    // the high-water marks of the resident sets, read before the processes are gone
    const kb = processTree(pid).reduce(
      (sum, p) => sum + Number(/VmHWM:\s+(\d+) kB/.exec(readOr(`/proc/${p}/status`, ''))?.[1] ?? 0),
      0,
    );
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    return kb / 1024;
  };
  const cpu = (): number =>
    processTree(pid).reduce((sum, p) => {
      // utime and stime, in clock ticks of 1/100 s, after the command name in parentheses
      const fields = readOr(`/proc/${p}/stat`, ') ').split(') ')[1]!.split(' ');
      return sum + (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
    }, 0);
  return { pid, url, log, cpu, stop: () => (stopped ??= stop()) };
}

export interface Load {
  connections: number;
  /** seconds of the warm-up, then of the measured run */
  warmup: number;
  seconds: number;
}

/** The options (node:util parseArgs) of the store, the backends and the load both benchmarks take. */
export const serveOptions = (defaults: { subjects: string; connections: string }) =>
  ({
    subjects: { type: 'string', default: defaults.subjects },
    backend: { type: 'string', default: 'both' },
    connections: { type: 'string', default: defaults.connections },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
    pg: {
      type: 'string',
      default: process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  }) as const;

/** The load the options give; refuses a backend that is not sqlite, postgres or both. */
export function loadOf(args: {
  backend: string;
  connections: string;
  seconds: string;
  warmup: string;
}): Load {
  if (!['sqlite', 'postgres', 'both'].includes(args.backend))
    throw new Error(`--backend must be sqlite, postgres or both, not ${args.backend}`);
  return {
    connections: Number(args.connections),
    seconds: Number(args.seconds),
    warmup: Number(args.warmup),
  };
}

/** The load: `connections` connections for `duration` seconds, each request on the next path. */
function load(
  url: string,
  next: () => string,
  duration: number,
  connections: number,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: next() }) }],
  });
}

export interface Measured {
  result: autocannon.Result;
  /** the server's CPU time per response of the measured run, in microseconds */
  cpuUs: number;
  peakRssMb: number;
}

/** Warm-up, then the measured run, then the server stops. */
export async function measure(server: Server, next: () => string, run: Load): Promise<Measured> {
  try {
    await load(server.url, next, run.warmup, run.connections);
    const cpu = server.cpu();
    const result = await load(server.url, next, run.seconds, run.connections);
    const cpuUs = ((server.cpu() - cpu) / result.requests.total) * 1e6;
    return { result, cpuUs, peakRssMb: await server.stop() };
  } finally {
    await server.stop();
  }
}

interface ViewShape {
  records: unknown[];
  listEntries: unknown[];
}

/** The first views fetched one by one: all must be found; the one of mean size is the bare body. */
export async function checkViews(url: string, paths: string[]): Promise<string> {
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

/** One measured server's line: req/s, p50, p99, failures, CPU per request, peak RSS. */
export function line(name: string, m: Measured, width = 36): void {
  const r = m.result;
  console.log(
    `  ${name.padEnd(width)} ${fmt(r.requests.average).padStart(7)} req/s  p50 ${fmt(r.latency.p50, 1).padStart(5)} ms` +
      `  p99 ${fmt(r.latency.p99, 1).padStart(5)} ms  non-2xx ${fmt(r.non2xx)}  errors ${fmt(r.errors)}` +
      `  CPU ${fmt(m.cpuUs).padStart(4)} us/req  peak RSS ${fmt(m.peakRssMb).padStart(4)} MB`,
  );
}

/** A warning for a measured run that had failures: its numbers are not those of the route. */
export function warnFailures(name: string, m: Measured): void {
  const { non2xx, errors, timeouts } = m.result;
  if (non2xx + errors + timeouts > 0)
    console.log(`  WARNING: ${name}: ${non2xx} non-2xx, ${errors} errors, ${timeouts} timeouts`);
}
