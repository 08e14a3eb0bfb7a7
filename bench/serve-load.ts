/**
 * The serve benchmark's machinery (bench/serve.bench.ts, bench/growth.bench.ts): a server in a
 * child process, with its output to a log file, and the load autocannon puts on it.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { PROJECT_ROOT } from '../src/config.js';

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
  /** CPU seconds the server has used so far (user and system) */
  cpu(): number;
  /** stops the server (SIGTERM, as an operator would) and returns its peak RSS in MB; once */
  stop(): Promise<number>;
}

/** Starts `node <args>` with its output to a log file, and waits for `… at <url>` there. */
export async function start(
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
    url = / at (http:\/\/[\w.:[\]-]+)\n/.exec(readFileSync(log, 'utf8'))?.[1];
  }
  const pid = child.pid!;
  let stopped: Promise<number> | undefined;
  const stop = async (): Promise<number> => {
    // the high-water mark of the resident set, read before the process is gone
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    return Number(hwm?.[1] ?? 0) / 1024;
  };
  const cpu = (): number => {
    // utime and stime, in clock ticks of 1/100 s, after the command name in parentheses
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  return { pid, url, log, cpu, stop: () => (stopped ??= stop()) };
}

/** The load: `connections` connections for `duration` seconds, each request on the next path. */
function loadRun(
  url: string,
  next: () => string,
  connections: number,
  duration: number,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: next() }) }],
  });
}

/** `connections` connections for `seconds` seconds, after a warm-up of `warmup` seconds */
export interface LoadOptions {
  connections: number;
  seconds: number;
  warmup: number;
}

export interface Measured {
  result: autocannon.Result;
  /** the server's CPU time per response of the measured run, in microseconds */
  cpuUs: number;
  peakRssMb: number;
}

/** Warm-up, then the measured run, then the server stops. */
export async function measure(
  server: Server,
  next: () => string,
  load: LoadOptions,
): Promise<Measured> {
  try {
    await loadRun(server.url, next, load.connections, load.warmup);
    const cpu = server.cpu();
    const result = await loadRun(server.url, next, load.connections, load.seconds);
    const cpuUs = ((server.cpu() - cpu) / result.requests.total) * 1e6;
    return { result, cpuUs, peakRssMb: await server.stop() };
  } finally {
    await server.stop();
  }
}
