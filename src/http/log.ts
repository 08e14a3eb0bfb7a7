import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

/**
 * The server's logger options: pino on standard output (or `dest`, a file or descriptor) through an asynchronous destination.
 * The default destination writes each line with its own synchronous write: at one line a
 * request that was the largest syscall cost of the request path. The asynchronous one (a
 * sonic-boom) writes a line at once when it is idle and gathers the lines that come while a
 * write is in flight into the next, so a busy server writes in batches and an idle one holds
 * nothing back. `flush` writes what is pending synchronously: the app calls it on close, so
 * no line is lost on a normal shutdown (pino also flushes it when the process exits).
 */
export function asyncLogger(
  level: string,
  dest: number | string = 1,
): {
  logger: FastifyServerOptions['logger'];
  flush: () => void;
} {
  const stream = pino.destination({ dest, sync: false });
  return {
    logger: { level, stream },
    flush: () => {
      try {
        stream.flushSync();
      } catch (error) {
        // a file not yet open has written nothing yet: its lines follow once it is
        if (!(error instanceof Error && /not ready/.test(error.message))) throw error;
      }
    },
  };
}
