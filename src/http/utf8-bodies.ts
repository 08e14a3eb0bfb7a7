import { isUtf8 } from 'node:buffer';
import { CredenceError } from '../errors.js';
import type { App } from './types.js';

/** The error for a body that is not UTF-8: refused, never read with U+FFFD in place of its bytes. */
export const notUtf8 = (): CredenceError =>
  new CredenceError('ENCODING_INVALID', 'body: the bytes are not UTF-8 text', { field: 'body' });

/**
 * JSON bodies are read as bytes and checked to be UTF-8 before they are parsed: Fastify's own
 * parser decodes them as a string, which turns every byte that is not UTF-8 into U+FFFD.
 */
export function registerUtf8Json(app: App): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) return done(notUtf8(), undefined);
    parse(request, bytes.toString('utf8'), done);
  });
}
