import { CredenceError } from '../../errors.js';

/**
 * PostgreSQL errors that say the database is out of reach or hung, as coded errors (issue 17):
 * a request then answers 503 with Retry-After instead of a 500 with a stack.
 */

// class 08: connection exception; 57P01-57P03: shutting down, crashed, starting; 53300: too many connections
const UNAVAILABLE_CODES = /^(08...|57P0[123]|53300)$/;
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// node-postgres's own words for a connection that ended or never came
const UNAVAILABLE_TEXT =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection timeout/i;

/** The coded error a failure of the store's connection is, or null for any other error. */
export function outageError(error: unknown): CredenceError | null {
  if (error instanceof CredenceError) return null;
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  // 57014: statement_timeout (server side); "Query read timeout": query_timeout (client side)
  if (code === '57014' || /Query read timeout/.test(message))
    return new CredenceError('REQUEST_TIMEOUT', 'the database did not answer in time', {
      cause: message,
    });
  if (UNAVAILABLE_CODES.test(code) || UNAVAILABLE_ERRNO.has(code) || UNAVAILABLE_TEXT.test(message))
    return new CredenceError('STORE_UNAVAILABLE', undefined, { cause: message || code });
  return null;
}

/**
 * 53100 disk_full: the database's disk refused to grow a file. Unlike an outage the connection
 * stays good (the transaction rolls back as usual); the request answers 503 STORE_DISK_FULL.
 */
function diskFullError(error: unknown): CredenceError | null {
  if (error instanceof CredenceError) return null;
  const e = error as { code?: unknown; message?: unknown } | null;
  if (e?.code !== '53100') return null;
  return new CredenceError('STORE_DISK_FULL', "the database server's disk is full", {
    cause: typeof e.message === 'string' ? e.message : '53100',
  });
}

/** `error` as the coded outage or full-disk error it is, else unchanged. */
export const asOutage = (error: unknown): unknown =>
  outageError(error) ?? diskFullError(error) ?? error;
