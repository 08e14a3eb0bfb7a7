import { z } from 'zod';
import type { Webhook } from '../../domain/webhook.js';
import { webhookSender } from '../../services/webhooks/webhook-sender.js';
import {
  deliverDue,
  ownWebhook,
  subscribe,
  unsubscribe,
} from '../../services/webhooks/webhooks.service.js';
import { accountOf } from '../auth.js';
import { decodeCursor } from '../cursor.js';
import { Cursor, errors, IdParam, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    cursor: z.number(),
    createdAt: z.string(),
    failures: z.number(),
    nextAttemptAt: z.string(),
    lastError: z.string().nullable(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'Webhook' });

const SUBSCRIBERS = ['operator', 'decider', 'implementer'] as const;
const shown = ({ secret: _secret, accountId: _account, ...webhook }: Webhook) => webhook;

/**
 * Signed webhooks for the list change feed, and the loop that delivers them while the server
 * runs: one round a second by default, each POST signed with the subscription's secret.
 */
export const webhookRoutes: RegisterRoutes = (app, { deps, webhooks, webhookTargets, leader }) => {
  const tags = ['lists'];
  if (webhooks) {
    const send = webhookSender(webhooks.timeoutMs, webhookTargets);
    let round: Promise<unknown> = Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        round = round
          // of several processes on one store, the one holding the lease delivers
          .then(() =>
            leader.held(
              'webhook-delivery',
              Math.max(60_000, 3 * webhooks.intervalMs + webhooks.timeoutMs),
            ),
          )
          .then((held) => (held ? deliverDue(deps, send) : undefined))
          .catch((error: unknown) =>
            app.log.error({ err: error }, 'webhook delivery round failed'),
          );
      }, webhooks.intervalMs);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await round;
    });
  }

  app.post(
    '/v1/webhooks',
    {
      config: { access: SUBSCRIBERS },
      schema: {
        tags,
        summary: 'Subscribe a URL to the change feed; the signing secret is in this response only',
        description:
          'Each delivery is a POST of `{ webhook, changes }` with `X-Credence-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. A 2xx moves the subscription on; anything else is retried with backoff (2 s doubling to 1 h); 20 failures in a row disable it. Delivery is at least once: de-duplicate by `seq`. The URL must resolve to public addresses only (not loopback, private, link-local, unique-local, multicast or unspecified ones) unless the operator allows them (CREDENCE_WEBHOOK_ALLOW); each delivery checks the resolved address again and connects to the address it checked. A failed delivery’s `lastError` is `HTTP <status>`, `connection failed`, `timed out` or `target not allowed`, never the network’s own message.',
        body: z.object({
          url: NonBlank.min(1)
            .max(2000)
            .meta({ format: 'uri', pattern: '^\\s*[Hh][Tt][Tt][Pp][Ss]?:' })
            .describe('an absolute http or https URL without user or password'),
          cursor: Cursor.optional().describe(
            'a feed cursor to start after (default: the beginning)',
          ),
        }),
        response: { 201: WebhookSchema.extend({ secret: z.string() }), ...errors() },
      },
    },
    async (request, reply) => {
      const { url, cursor } = request.body;
      const since = cursor === undefined ? undefined : decodeCursor(cursor, 0, 'cursor');
      const webhook = await subscribe(
        deps,
        accountOf(request),
        { url, ...(since !== undefined ? { since } : {}) },
        webhookTargets,
      );
      return reply.code(201).send({ ...shown(webhook), secret: webhook.secret });
    },
  );

  app.get(
    '/v1/webhooks',
    {
      config: { access: SUBSCRIBERS },
      schema: {
        tags,
        summary: 'The account’s subscriptions and their delivery state',
        response: { 200: z.object({ items: z.array(WebhookSchema) }), ...errors() },
      },
    },
    async (request) => ({
      items: (await deps.store.listWebhooks({ accountId: accountOf(request).id })).map(shown),
    }),
  );

  app.get(
    '/v1/webhooks/:id',
    {
      config: { access: SUBSCRIBERS },
      schema: { tags, params: IdParam, response: { 200: WebhookSchema, ...errors(404) } },
    },
    async (request) => shown(await ownWebhook(deps, accountOf(request), request.params.id)),
  );

  app.delete(
    '/v1/webhooks/:id',
    {
      config: { access: SUBSCRIBERS },
      schema: {
        tags,
        summary: 'Unsubscribe',
        params: IdParam,
        response: { 200: WebhookSchema, ...errors(404) },
      },
    },
    async (request) => shown(await unsubscribe(deps, accountOf(request), request.params.id)),
  );
};
