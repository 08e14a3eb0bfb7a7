import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { CredenceError } from '../errors.js';

/** What a worker tells the primary once it listens. */
interface Listening {
  credence: 'serving';
  url: string;
}

const isListening = (message: unknown): message is Listening =>
  typeof message === 'object' &&
  message !== null &&
  (message as Partial<Listening>).credence === 'serving';

/** Whether this process is a worker `serveWorkers` started. */
export const isServeWorker = (): boolean => cluster.isWorker;

/** A worker says where it listens (the primary prints it once all do). */
export function reportListening(url: string): void {
  process.send?.({ credence: 'serving', url } satisfies Listening);
}

/**
 * A worker whose primary is gone stops as on SIGTERM: no worker outlives its primary. The answer
 * lets a worker that has stopped go: it leaves the primary's channel, which would keep it alive.
 */
export function stopWithPrimary(stop: () => void): () => void {
  process.once('disconnect', stop);
  return () => {
    process.off('disconnect', stop);
    if (process.connected) process.disconnect();
  };
}

export interface Workers {
  url: string;
  /** resolves once every worker has exited after a SIGINT or SIGTERM; true when all exited cleanly */
  closed: Promise<boolean>;
}

/**
 * The primary of `serve --workers N` (node:cluster): forks N processes of this same command on
 * one port, each a whole server on the store, all signing tokens with one secret (the configured
 * one, else one drawn here). A worker that dies unasked is replaced; SIGINT or SIGTERM is passed
 * to every worker, which finish their requests and jobs as one server does.
 */
export async function serveWorkers(
  count: number,
  jwtSecret: string | null,
  log: (line: string) => void,
): Promise<Workers> {
  const env = { CREDENCE_JWT_SECRET: jwtSecret ?? randomBytes(32).toString('hex') };
  let stopping = false;
  let live = 0;
  let clean = true;
  let ready = false;
  let allExited!: (clean: boolean) => void;
  const closed = new Promise<boolean>((resolve) => (allExited = resolve));
  const fork = (): Worker => {
    const worker = cluster.fork(env);
    live += 1;
    worker.on('exit', (code, signal) => {
      live -= 1;
      if (!ready && !stopping) {
        // one that cannot start (a bad port, a broken store): none is left running
        stopping = true;
        for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      }
      if (!stopping) {
        log(`worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); starting another`);
        fork();
        return;
      }
      if (code !== 0) clean = false;
      if (live === 0) allExited(clean);
    });
    return worker;
  };
  const started = Array.from({ length: count }, fork);
  const url = await new Promise<string>((resolve, reject) => {
    let listening = 0;
    for (const worker of started) {
      worker.on('message', (message: unknown) => {
        if (isListening(message) && ++listening === count) {
          ready = true;
          resolve(message.url);
        }
      });
      worker.once('exit', (code) => {
        if (!ready)
          reject(
            new CredenceError(
              'SERVE_WORKER_FAILED',
              `a worker exited (code ${code}) before it listened; its error is printed above`,
              { field: '--workers' },
            ),
          );
      });
    }
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { url, closed };
}
