import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { HTTP_DEFAULTS, type HttpConfig } from '../config.js';
import type { Principal } from '../domain/account.js';
import { isStorableText } from '../domain/text.js';
import { CredenceError } from '../errors.js';
import type { ServiceDeps } from '../services/deps.js';
import type { JobRunnerOptions } from '../services/jobs/job-runner.js';
import { webhookTargets } from '../services/webhooks/webhook-target.js';
import { hasCredentials, principalOf, PUBLIC, Tokens } from './auth.js';
import { LookupThrottle, SignInThrottle } from './throttle.js';
import { describeAccess } from './access.js';
import { Jobs, runStoredJobs } from './jobs.js';
import { answerClientError } from './client-errors.js';
import { isStoreOutage, StoreOutageLog } from './store-outage.js';
import { asyncLogger } from './log.js';
import { RouteMethods } from './method-not-allowed.js';
import { describeResponses, documentStatuses } from './openapi-responses.js';
import { registerMetrics } from './metrics.js';
import { registerStandbyReads } from './standby-reads.js';
import { registerPortal } from './portal.js';
import { sendError } from './problem.js';
import { ROUTES } from './routes/index.js';
import { DOCS_POLICY, registerSecurityHeaders } from './security-headers.js';
import { registerUtf8Json } from './utf8-bodies.js';
import type { App, ViewsLoop, WebhookLoop } from './types.js';
import { keepViewsCurrent } from './views-loop.js';
import { sharedRateCounters, soleProcess, storeLeases, type Leadership } from './shared-state.js';
import { BatchedCounts } from './batched-counts.js';
import { openCounters } from './counters.js';
import { QueryQuota, screeningRequestLimit } from './query-quota.js';

export const API_VERSION = '1';
/** JSON bodies; batch and import routes set their own, larger limits */
export const BODY_LIMIT = 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const SWEEP_MS = 5 * 60_000;

export interface AppOptions {
  /** the settings left out take HTTP_DEFAULTS (no webhook allow-list) */
  http: Pick<HttpConfig, 'jwtSecret' | 'rateLimit' | 'logLevel'> &
    Partial<
      Pick<
        HttpConfig,
        | 'webhookAllow'
        | 'authThrottle'
        | 'tokenMaxSeconds'
        | 'lookupThrottle'
        | 'screeningQueries'
        | 'redis'
      >
    >;
  /** rows per import transaction (default 1000) */
  importBatchSize?: number;
  /** the built portal's folder (default web/dist, served when it exists), or false for none */
  portal?: string | false;
  /** the webhook delivery loop (default: a round a second, 10 s per POST); false for none */
  webhooks?: WebhookLoop | false;
  /** the loop that keeps the saved public views current; default none (`serve` runs one) */
  views?: ViewsLoop;
  /** a pino logger's options, or false for none (tests) */
  logger?: FastifyServerOptions['logger'];
  /** without `logger`: where the lines go, a file or a descriptor (default standard output) */
  logDestination?: number | string;
  /** how long a close waits for running jobs before telling them to stop (default 30 s) */
  closeGraceMs?: number;
  /**
   * several processes serve this store (`serve --workers`): rate limits count in the store, and
   * the views loop and webhook delivery run in one process at a time, under a lease
   */
  shared?: boolean;
  /** how this process claims stored jobs (tests shorten the lease); its owner name is drawn when not given */
  jobRunner?: Partial<
    Pick<JobRunnerOptions, 'owner' | 'leaseMs' | 'heartbeatMs' | 'pollMs' | 'concurrency'>
  >;
  /** called when the close is done but for the log: jobs finished, nothing uses the store any more */
  onClosed?: () => void;
}

/**
 * One log line a request, written when its answer has gone (Fastify's default writes two, the
 * first as the request comes in). The request's logger carries its id already. Fastify's
 * other lines (errors of its own handlers, a stream that fails) are left as they are.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: reply.elapsedTime,
    };
    if (error) request.log.error({ ...line, err: error }, 'request errored');
    else request.log.info(line, 'request completed');
  }
}

/** The registry's HTTP API on one set of services; `listen` is the caller's. */
export async function buildApp(deps: ServiceDeps, options: AppOptions): Promise<App> {
  // a caller's logger options as given; else standard output, written asynchronously (see log.ts)
  const log =
    options.logger === undefined
      ? asyncLogger(options.http.logLevel, options.logDestination)
      : undefined;
  const app = Fastify({
    logger: log?.logger ?? options.logger,
    logController: new OneLinePerRequest(),
    // a caller's request id is kept when it is a plain token, so logs correlate across services
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: BODY_LIMIT,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionTimeout: REQUEST_TIMEOUT_MS,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 256 },
    // a bad URL encoding or an over-long path parameter, found before any route: a coded error too
    frameworkErrors: (error, request, reply) => sendError(request, reply, error),
    // what Node's parser refuses (headers over 16 KiB, broken HTTP) is answered in the same shape
    clientErrorHandler: answerClientError,
  }).withTypeProvider() as unknown as App;
  const routeMethods = new RouteMethods();
  app.addHook('onRoute', routeMethods.add);
  // onClose hooks run last-added first: added first, this one writes the lines of all the others
  if (log) app.addHook('onClose', async () => log.flush());
  // added second, it runs after every other hook (jobs drained), so the caller may close the store
  app.addHook('onClose', async () => options.onClosed?.());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const outage = new StoreOutageLog(app.log, () => deps.store.ready());
  app.addHook('onClose', async () => outage.close());
  app.setErrorHandler((error, request, reply) => {
    if (isStoreOutage(error)) outage.failed(error);
    return sendError(request, reply, error);
  });
  registerUtf8Json(app);
  const portal = options.portal === false ? null : await registerPortal(app, options.portal);
  app.setNotFoundHandler((request, reply) => {
    if (portal?.page(request, reply)) return;
    const wrongMethod = routeMethods.notAllowed(request.method, request.url);
    if (wrongMethod) {
      void reply.header('allow', wrongMethod.detail.allow);
      return sendError(request, reply, wrongMethod);
    }
    sendError(
      request,
      reply,
      new CredenceError(
        'ROUTE_NOT_FOUND',
        `no route ${request.method} ${request.url.split('?')[0]}`,
      ),
    );
  });
  // once closing, answers in flight end their connection too, so the close does not wait on keep-alive
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // the per-request hooks are synchronous where they can be: an async hook costs a promise and a
  // turn of the microtask queue on every request
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  registerSecurityHeaders(app);

  const tokens = new Tokens(
    options.http.jwtSecret,
    options.http.tokenMaxSeconds ?? HTTP_DEFAULTS.tokenMaxSeconds,
  );
  // one store of counters for every throttle, quota and rate limit of this server
  const { counters, positions } = await openCounters(
    { redis: options.http.redis ?? HTTP_DEFAULTS.redis, shared: options.shared ?? false },
    deps.store,
    deps.clock,
    (error, message) => app.log.error({ err: error }, message),
  );
  // the request limit counts in this process and sends its counts in batches (it fails open)
  const rateCounts =
    counters.kind === 'process'
      ? null
      : new BatchedCounts(counters, () => deps.clock.now().getTime());
  app.addHook('onClose', async () => {
    await rateCounts?.close();
    await counters.close();
  });
  const throttle = new SignInThrottle(
    options.http.authThrottle ?? HTTP_DEFAULTS.authThrottle,
    counters,
    deps.clock,
  );
  app.decorateRequest('principal', null as never);
  // who is calling, then whether that role may use the route: before the body is even parsed;
  // without credentials the caller is the public, known at once
  app.addHook('onRequest', (request, _reply, done) => {
    if (!hasCredentials(request)) {
      request.principal = PUBLIC;
      return done(accessError(request, PUBLIC) ?? undefined);
    }
    principalOf(request, deps, tokens, throttle).then((principal) => {
      request.principal = principal;
      done(accessError(request, principal) ?? undefined);
    }, done);
  });
  // text PostgreSQL cannot store means nothing in any field of the API: refused on every backend
  app.addHook('preValidation', (request, _reply, done) => {
    const field =
      unstorableField(request.params, '') ??
      unstorableField(request.query, 'query') ??
      unstorableField(request.body, '');
    if (field === null) return done();
    const named = field || 'body';
    done(
      new CredenceError(
        'REQUEST_INVALID',
        `${named}: text may not contain U+0000 or a lone surrogate`,
        {
          field: named,
        },
      ),
    );
  });
  const owner =
    options.jobRunner?.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leader = options.shared ? storeLeases(deps, owner) : soleProcess;
  app.addHook('onClose', () => leader.release());
  if (options.shared) sweepCounters(app, deps, leader);
  if (options.http.rateLimit > 0) {
    await app.register(rateLimit, {
      // shared counters: the request limit fails open when they cannot be reached (the
      // throttles that protect persons and the screening quota fail closed)
      ...(rateCounts ? { store: sharedRateCounters(rateCounts), skipOnError: true } : {}),
      max: options.http.rateLimit,
      timeWindow: 60_000,
      keyGenerator: (request) =>
        request.principal.role === 'public' ? `ip:${request.ip}` : request.principal.id,
      errorResponseBuilder: () => new CredenceError('RATE_LIMITED'),
    });
  }
  app.addHook('onRoute', describeAccess);
  app.addHook('onRoute', documentStatuses);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Credence',
        version: API_VERSION,
        description:
          'A credit-information registry with due process inside. Errors are `{ error: { code, field, rule, ruleZh, message, requestId } }` (`rule` in English, `ruleZh` the same rule in Chinese); the codes are those of the one error catalog. Query parameters and body fields an operation does not list are ignored (a record row is different: its columns are the catalog fields of its type, and another column is FIELD_UNKNOWN).',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'a token from POST /v1/tokens, or an API key',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // writes the schemas named with .meta({ id }) into components, where the $refs point
    transformObject: (input) =>
      describeResponses(jsonSchemaTransformObject(input) as Record<string, unknown>) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_POLICY });
  registerMetrics(app, deps.reads?.metrics ?? []);
  registerStandbyReads(app, deps, positions);
  const jobs = new Jobs(options.closeGraceMs);
  const runner = runStoredJobs(app, deps, jobs, {
    ...options.jobRunner,
    owner,
    importBatchSize: options.importBatchSize ?? 1000,
  });
  if (options.views) keepViewsCurrent(app, deps, options.views, leader);
  // one count for all the routes that screen or reconcile
  const screeningQueries = options.http.screeningQueries ?? HTTP_DEFAULTS.screeningQueries;
  const queries = new QueryQuota(screeningQueries, counters, deps.clock);
  // one count of misses for every public lookup: subjects, and verification codes of reports
  const lookups = new LookupThrottle(
    options.http.lookupThrottle ?? HTTP_DEFAULTS.lookupThrottle,
    counters,
    deps.clock,
  );
  const screeningLimit = screeningRequestLimit(options.http.rateLimit, screeningQueries);
  for (const register of ROUTES)
    register(app, {
      deps,
      tokens,
      jobs,
      runner,
      leader,
      importBatchSize: options.importBatchSize ?? 1000,
      webhooks: options.webhooks ?? { intervalMs: 1000, timeoutMs: 10_000 },
      webhookTargets: webhookTargets(options.http.webhookAllow ?? HTTP_DEFAULTS.webhookAllow),
      lookups,
      queries,
      screeningLimit,
    });
  return app;
}

/** drops the closed windows of the shared counters now and then: one process does */
function sweepCounters(app: App, deps: ServiceDeps, leader: Leadership): void {
  const timer = setInterval(() => {
    leader
      .held('rate-counter-sweep', 2 * SWEEP_MS)
      .then((held) => (held ? deps.store.sweepCounters(deps.clock.now().getTime()) : undefined))
      .catch((error: unknown) => app.log.error({ err: error }, 'sweeping rate counters failed'));
  }, SWEEP_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/** Why this principal may not use the request's route, or null if it may. */
function accessError(request: FastifyRequest, principal: Principal): CredenceError | null {
  const access = request.routeOptions.config.access ?? ['public'];
  if (access.includes('public')) return null;
  if (principal.role === 'public') return new CredenceError('AUTH_REQUIRED');
  if (access.includes(principal.role)) return null;
  return new CredenceError('ROLE_FORBIDDEN', `the role ${principal.role} may not use this route`);
}

/** The path of the first key or string in a parsed request part that cannot be stored, else null. */
function unstorableField(value: unknown, at: string): string | null {
  // iterative: a body may nest deeper than the stack goes
  const pending: Array<[unknown, string]> = [[value, at]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, path] = next;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return path;
    } else if (typeof item === 'object' && item !== null && !Buffer.isBuffer(item)) {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return null;
}
