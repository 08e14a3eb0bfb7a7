import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AnyRole, Principal } from '../domain/account.js';
import type { ServiceDeps } from '../services/deps.js';
import type { WebhookTargets } from '../services/webhooks/webhook-target.js';
import type { Tokens } from './auth.js';
import type { Jobs } from './jobs.js';
import type { Leadership } from './shared-state.js';
import type { JobRunner } from '../services/jobs/job-runner.js';
import type { LookupThrottle } from './throttle.js';
import type { QueryQuota, screeningRequestLimit } from './query-quota.js';

/** The Fastify instance every route module registers on: zod schemas validate and document. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What a route module gets besides the app. */
export interface RouteContext {
  deps: ServiceDeps;
  tokens: Tokens;
  jobs: Jobs;
  /** claims stored jobs for this process: `kick` when one was just queued */
  runner: Pick<JobRunner, 'kick'>;
  /** whether this process does the work one process of many does (webhook delivery) */
  leader: Leadership;
  /** rows per import transaction */
  importBatchSize: number;
  /** how the webhook loop runs; false: no loop (deliveries are driven by the caller) */
  webhooks: WebhookLoop | false;
  /** where webhooks may go: public addresses and the operator's allow-list */
  webhookTargets: WebhookTargets;
  /** misses of the public lookup, per client address (SPEC 4.9) */
  lookups: LookupThrottle;
  /** screening and reconciliation queries, per account (issue 19) */
  queries: QueryQuota;
  /** the request limit of the routes that screen or reconcile (their `config.rateLimit`) */
  screeningLimit: ReturnType<typeof screeningRequestLimit>;
}

export interface WebhookLoop {
  intervalMs: number;
  timeoutMs: number;
}

/** How the server keeps the saved public views current (`views-loop.ts`). */
export interface ViewsLoop {
  /** from the end of one pass to the start of the next */
  intervalMs: number;
  /** subjects per batch: the event loop turns between batches */
  batch: number;
}

export type RegisterRoutes = (app: App, context: RouteContext) => void;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** who may call the route; `public` lets anyone in, signed in or not */
    access?: readonly AnyRole[];
    /** 'standby': its reads may come from a hot standby (`standby-reads.ts`); absent: the primary */
    reads?: 'standby';
  }
}
