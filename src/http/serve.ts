import type { HttpConfig } from '../config.js';
import type { ServiceDeps } from '../services/deps.js';
import { runFollowUps } from '../services/follow-ups/follow-ups.service.js';
import { CredenceError } from '../errors.js';
import { buildApp } from './app.js';
import type { App, ViewsLoop } from './types.js';

/** a pass over every subject every hour, 100 a batch (a batch of misses is about 15 ms) */
const VIEWS_LOOP: ViewsLoop = { intervalMs: 60 * 60_000, batch: 100 };

export interface Serving {
  app: App;
  url: string;
  /** resolves once the server has stopped: after a signal, in-flight requests finish first */
  closed: Promise<void>;
}

/**
 * Starts the API on a port. SIGINT or SIGTERM stop accepting connections, let in-flight
 * requests finish (new ones get 503), then resolve `closed`; the caller closes the store.
 */
export async function serve(
  deps: ServiceDeps,
  http: HttpConfig,
  importBatchSize: number,
  /** how long a close waits for running jobs before stopping them at a batch boundary */
  closeGraceMs = 30_000,
  /** where the request log goes: a file, or standard output by default */
  logDestination?: string,
  /** one of several processes on the store (`serve --workers`), and its job lease */
  processes: { shared: boolean; jobLeaseMs?: number } = { shared: false },
): Promise<Serving> {
  let done!: () => void;
  let failed!: (error: unknown) => void;
  const closed = new Promise<void>((resolve, reject) => ((done = resolve), (failed = reject)));
  // `closed` resolves once every close hook has run (jobs drained): only then may the store close
  const app = await buildApp(deps, {
    http,
    importBatchSize,
    views: VIEWS_LOOP,
    closeGraceMs,
    ...(logDestination ? { logDestination } : {}),
    shared: processes.shared,
    ...(processes.jobLeaseMs ? { jobRunner: { leaseMs: processes.jobLeaseMs } } : {}),
    onClosed: () => done(),
  });
  const stop = (signal: string) => {
    app.log.info({ signal }, 'shutting down: finishing in-flight requests and running jobs');
    app.close().catch(failed);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const off = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  closed.then(off, off);
  // follow-ups an earlier process committed but did not run (it crashed): run them now
  const leftOver = runFollowUps(deps, null).then(
    (count) => {
      if (count > 0)
        app.log.info({ followUps: count }, 'ran follow-ups left by an earlier process');
    },
    (error: unknown) =>
      app.log.error(
        { err: error },
        'follow-ups left by an earlier process failed: a retry, sweep or restart runs them',
      ),
  );
  app.addHook('onClose', () => leftOver);
  try {
    await app.listen({ host: http.host, port: http.port });
  } catch (error) {
    // the jobs started above stop with the app, so that the caller can close the store and exit
    await app.close();
    throw listenError(error, http);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const url = `http://${http.host.includes(':') ? `[${http.host}]` : http.host}:${port}`;
  return { app, url, closed };
}

/** A port another program holds (or one this user may not open) as an error saying what to do. */
function listenError(error: unknown, http: HttpConfig): unknown {
  const code = (error as { code?: unknown }).code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return error;
  const why =
    code === 'EADDRINUSE'
      ? 'another program is listening on it'
      : 'this user may not open it (ports below 1024 need privileges)';
  return new CredenceError(
    'PORT_IN_USE',
    `cannot listen on ${http.host}:${http.port}: ${why}; pick another port with --port <n> or CREDENCE_PORT (0 takes any free port), or stop the other program`,
    { field: 'port' },
  );
}
