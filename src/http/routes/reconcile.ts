import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CredenceError } from '../../errors.js';
import { renderPreviewHtml } from '../../services/search/reconcile-html.js';
import {
  MAX_QUERIES,
  previewOf,
  reconcile,
  RECONCILE_TYPES,
} from '../../services/search/reconcile.service.js';
import { ANYONE } from '../access.js';
import type { QueryQuota } from '../query-quota.js';
import { parseQueryBatch } from '../reconcile-batch.js';
import { errors, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { notUtf8 } from '../utf8-bodies.js';
import { readingDeps } from '../standby-reads.js';

/** names, not addresses: identifiers are national, so every Credence server shares them */
const IDENTIFIER_SPACE = 'https://credence.example/identifier/';
const SCHEMA_SPACE = 'https://credence.example/schema/Subject';

const TypeSchema = z.object({ id: z.string(), name: z.string() });

const ManifestSchema = z
  .object({
    versions: z.array(z.string()),
    name: z.string(),
    identifierSpace: z.string(),
    schemaSpace: z.string(),
    documentation: z.string(),
    defaultTypes: z.array(TypeSchema),
    view: z.object({ url: z.string() }),
    preview: z.object({ url: z.string(), width: z.number(), height: z.number() }),
    batchSize: z.number(),
  })
  .meta({ id: 'ReconcileManifest' });

const ResultsSchema = z
  .record(
    z.string(),
    z.object({
      result: z.array(
        z.object({
          id: z.string().describe('the USCC, else the first identifier'),
          name: z.string(),
          description: z.string().optional().describe('the region'),
          type: z.array(TypeSchema),
          score: z.number().describe('0 to 100'),
          match: z.boolean().describe('the identifier queried, or the one exact Chinese name'),
          features: z.array(z.object({ id: z.string(), value: z.boolean() })),
        }),
      ),
    }),
  )
  .meta({ id: 'ReconcileResults' });

const QUERIES_TEXT =
  'A JSON object of queries by key: `{"q0": {"query": "北京测试科技", "type": "business", "limit": 3, "properties": [{"pid": "region", "v": "11"}]}}`.';

// a host header is echoed into the manifest's links: only a plain host and port is
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** The service manifest, its links absolute so that a client can follow them. */
function manifest(request: FastifyRequest): z.infer<typeof ManifestSchema> {
  if (!HOST.test(request.host))
    throw new CredenceError('REQUEST_INVALID', 'header.host: a host name or address and port', {
      field: 'header.host',
    });
  const base = `${request.protocol}://${request.host}`;
  return {
    versions: ['0.2'],
    name: 'Credence',
    identifierSpace: IDENTIFIER_SPACE,
    schemaSpace: SCHEMA_SPACE,
    documentation: `${base}/docs`,
    defaultTypes: RECONCILE_TYPES.map((t) => ({ id: t.id, name: t.name })),
    view: { url: `${base}/v1/subjects/{{id}}` },
    preview: { url: `${base}/v1/reconcile/preview?id={{id}}`, width: 400, height: 140 },
    batchSize: MAX_QUERIES,
  };
}

/** An account's reconciliation queries draw on its screening quota; the public's are not counted. */
const countedBy =
  (quota: QueryQuota) =>
  async <T>(request: FastifyRequest, batch: T[]): Promise<T[]> => {
    if (request.principal.role !== 'public') await quota.take(request.principal.id, batch.length);
    return batch;
  };

/**
 * The W3C Reconciliation Service API 0.2 (SPEC 4.9), for anyone: the manifest, queries by GET
 * or by form POST as OpenRefine sends them, and previews. Its own scope: the form parser and
 * the CORS header the protocol requires apply to these routes only.
 */
export const reconcileRoutes: RegisterRoutes = (app, { deps, queries: quota, screeningLimit }) => {
  const tags = ['search'];
  const counted = countedBy(quota);
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'buffer' },
      (_request, body, done) =>
        isUtf8(body as Buffer)
          ? done(null, Object.fromEntries(new URLSearchParams((body as Buffer).toString('utf8'))))
          : done(notUtf8(), undefined),
    );
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('access-control-allow-origin', '*');
    });

    scope.get(
      '/v1/reconcile',
      {
        config: { access: ANYONE, rateLimit: screeningLimit, reads: 'standby' },
        schema: {
          tags,
          summary: 'The reconciliation service manifest, or the candidates for a batch of queries',
          description: `Without \`queries\`: the manifest (add \`/v1/reconcile\` as a service in OpenRefine). With it: ${QUERIES_TEXT} Only organizations are candidates; their id is the USCC, else the first identifier. The README explains score and match.`,
          querystring: z.object({ queries: z.string().optional() }),
          response: { 200: z.union([ManifestSchema, ResultsSchema]), ...errors(413) },
        },
      },
      async (request) =>
        request.query.queries === undefined
          ? manifest(request)
          : reconcile(
              readingDeps(deps, request),
              await counted(request, parseQueryBatch(request.query.queries, 'query.queries')),
            ),
    );

    scope.post(
      '/v1/reconcile',
      {
        config: { access: ANYONE, rateLimit: screeningLimit, reads: 'standby' },
        schema: {
          tags,
          summary: 'The candidates for a batch of reconciliation queries, sent as a form',
          description: `The form field (or JSON property) \`queries\`: ${QUERIES_TEXT}`,
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: z.object({ queries: z.string() }),
          response: { 200: ResultsSchema, ...errors(413, 415) },
        },
      },
      async (request) =>
        reconcile(
          readingDeps(deps, request),
          await counted(request, parseQueryBatch(request.body.queries, 'queries')),
        ),
    );

    scope.get(
      '/v1/reconcile/preview',
      {
        config: { access: ANYONE, reads: 'standby' },
        schema: {
          tags,
          summary: "An organization's preview as a small HTML page, for a reconciliation client",
          description:
            'Answers text/html: the name, type, region and whether a list entry is in force today. A person has none.',
          querystring: z.object({ id: NonBlank.min(1).max(64) }),
          response: { 200: z.string(), ...errors(404) },
        },
      },
      async (request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(renderPreviewHtml(await previewOf(readingDeps(deps, request), request.query.id))),
    );
  });
};
