import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';

/** a busy server's lines go out in writes of about this many bytes (some 20 request lines) */
const BATCH_BYTES = 4096;
/** the longest a line waits for a write */
const FLUSH_MS = 1000;

/**
 * The server's logger options: pino on standard output (or `dest`, a file or descriptor) through an asynchronous destination.
 * The default destination writes each line with its own synchronous write: at one line a
 * request that was the largest syscall cost of the request path. The asynchronous one (a
 * sonic-boom) gathers lines until it holds `BATCH_BYTES` and then writes them in one write;
 * what is gathered by an idle server goes out within `FLUSH_MS`. `flush` writes what is
 * pending synchronously: the app calls it on close, so no line is lost on a normal shutdown
 * (pino also flushes it when the process exits).
 */
export function asyncLogger(
  level: string,
  dest: number | string = 1,
): {
  logger: FastifyServerOptions['logger'];
  flush: () => void;
} {
  const stream = pino.destination({
    dest,
    sync: false,
    minLength: BATCH_BYTES,
    periodicFlush: FLUSH_MS,
  });
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
