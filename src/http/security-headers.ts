import { hasCredentials } from './auth.js';
import type { App } from './types.js';

/** What /docs may load: Swagger UI's own scripts and styles (it sets inline styles), the document. */
export const DOCS_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers on every answer: no content sniffing, and no caching of anything a signed-in caller
 * gets (answers and errors alike: a shared cache must not keep another account's data).
 */
export function registerSecurityHeaders(app: App): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    if (hasCredentials(request)) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
