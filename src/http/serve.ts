import type { HttpConfig } from '../config.js';
import type { ServiceDeps } from '../services/deps.js';
import { runFollowUps } from '../services/follow-ups/follow-ups.service.js';
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
): Promise<Serving> {
  const app = await buildApp(deps, { http, importBatchSize, views: VIEWS_LOOP });
  const closed = new Promise<void>((resolve, reject) => {
    const stop = (signal: string) => {
      app.log.info({ signal }, 'shutting down: finishing in-flight requests');
      app.close().then(resolve, reject);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    app.addHook('onClose', async () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    });
  });
  // follow-ups an earlier process committed but did not run (it crashed): run them now
  const leftOver = runFollowUps(deps, null).then(
    (done) => {
      if (done > 0) app.log.info({ followUps: done }, 'ran follow-ups left by an earlier process');
    },
    (error: unknown) =>
      app.log.error(
        { err: error },
        'follow-ups left by an earlier process failed: a retry, sweep or restart runs them',
      ),
  );
  app.addHook('onClose', () => leftOver);
  await app.listen({ host: http.host, port: http.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const url = `http://${http.host.includes(':') ? `[${http.host}]` : http.host}:${port}`;
  return { app, url, closed };
}
