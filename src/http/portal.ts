import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROJECT_ROOT } from '../config.js';
import { ANYONE } from './access.js';
import type { App } from './types.js';

/** Where `npm run build:web` (run by `npm ci`) puts the portal. */
export const PORTAL_DIR = join(PROJECT_ROOT, 'web', 'dist');

/** What a page of the portal may load: only this origin's scripts, nothing framed, no plugins. */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Paths that belong to the API and its tools, never to the portal's pages. */
const NOT_PAGES = /^\/(v1|docs|health|ready|metrics|assets)(\/|$|\?)/;

export interface Portal {
  /** answers a GET of a portal page that no API route has (the portal routes in the browser) */
  page(request: FastifyRequest, reply: FastifyReply): boolean;
}

/**
 * Serves the built portal from the API's own origin: its hashed assets cached for good, and
 * every page path answered by index.html so that a link into the portal opens where it points.
 * Without a build, the API serves alone.
 */
export async function registerPortal(app: App, dir = PORTAL_DIR): Promise<Portal> {
  if (!existsSync(join(dir, 'index.html'))) return { page: () => false };
  await app.register(fastifyStatic, { root: dir, serve: false });
  app.get(
    '/assets/*',
    { config: { access: ANYONE, rateLimit: false }, schema: { hide: true } },
    (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      return reply.sendFile(`assets/${path}`, { maxAge: '365d', immutable: true });
    },
  );
  return {
    page(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (NOT_PAGES.test(request.url)) return false;
      if (!(request.headers.accept ?? '').includes('text/html')) return false;
      void reply
        .code(200)
        .header('cache-control', 'no-cache')
        .header('content-security-policy', PAGE_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'same-origin')
        .sendFile('index.html', { cacheControl: false });
      return true;
    },
  };
}
