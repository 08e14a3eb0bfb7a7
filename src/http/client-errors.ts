import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { CredenceError, type ErrorCode } from '../errors.js';
import { errorBody } from './problem.js';

/** Node's parser errors by code; anything else it refuses is malformed HTTP. */
const PARSER_CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'CLIENT_TIMEOUT',
};

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it (headers over the size
 * limit, broken HTTP, a client too slow to send its headers) in the error catalog's shape, as
 * Fastify's default handler does in its own; then closes the connection.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code = PARSER_CODES[error.code ?? ''] ?? 'HTTP_MALFORMED';
  const requestId = randomUUID();
  const shown = new CredenceError(code);
  const body = JSON.stringify(errorBody(shown, requestId));
  if (socket.writable) {
    socket.write(
      [
        `HTTP/1.1 ${shown.status} ${STATUS_CODES[shown.status] ?? ''}`,
        'content-type: application/json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        'x-content-type-options: nosniff',
        `x-request-id: ${requestId}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(error);
}
