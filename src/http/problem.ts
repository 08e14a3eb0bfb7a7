import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CredenceError, ERRORS, isCredenceError, type ErrorCode } from '../errors.js';
import { RETRY_AFTER_SECONDS, STORE_OUTAGE_CODES } from './store-outage.js';

/**
 * Every error a client sees is a coded one from the catalog: code, field, rule (and `ruleZh`, the
 * same rule in Chinese, for a reader in Chinese), message and the request id. Nothing else leaves: no stack, no SQL, no path. Unknown errors are a plain 500,
 * logged with the request id.
 */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    field?: string;
    rule: string;
    ruleZh: string;
    message: string;
    problems?: string[];
    /** the same problems with each rule in Chinese, in the same order */
    problemsZh?: string[];
    /** REPAIR_TOO_EARLY: the first day an application can be made */
    possibleFrom?: string;
    requestId: string;
  };
}

/** Fastify's own errors, by code, as catalog errors. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST_CONTENT_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST_MALFORMED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST_TOO_LARGE',
  FST_ERR_CTP_INVALID_TYPE: 'REQUEST_CONTENT_TYPE',
  FST_ERR_CTP_INVALID_HEADER: 'REQUEST_CONTENT_TYPE',
  FST_ERR_BAD_URL: 'REQUEST_INVALID',
  FST_ERR_MAX_PARAM_LENGTH: 'REQUEST_INVALID',
  FST_ERR_ASYNC_CONSTRAINT: 'REQUEST_INVALID',
  FST_ERR_NOT_FOUND: 'ROUTE_NOT_FOUND',
  FST_ERR_RATE_LIMIT: 'RATE_LIMITED',
};

/** Where a field is, as error fields name it: `query.limit`, `path.id`, or the body field itself. */
const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

export function toCredenceError(error: unknown): CredenceError | null {
  if (isCredenceError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const raw = (error as { validationContext?: string }).validationContext ?? 'body';
    const context = CONTEXT_NAMES[raw] ?? raw;
    const issues = error.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const field = context === 'body' ? path || 'body' : path ? `${context}.${path}` : context;
      return { field, message: v.message };
    });
    const [first] = issues;
    // a refinement may name the catalog code of its rule (DateString: DATE_INVALID)
    const named = (error.validation[0]?.params as { params?: { code?: unknown } } | undefined)
      ?.params?.code;
    const code = typeof named === 'string' && named in ERRORS ? (named as ErrorCode) : null;
    return new CredenceError(
      code ?? 'REQUEST_INVALID',
      first ? `${first.field}: ${first.message}` : undefined,
      {
        field: first?.field ?? context,
        problems: issues.map((i) => `${i.field}: ${i.message}`),
      },
    );
  }
  const fastifyCode = (error as Partial<FastifyError>)?.code;
  const code = fastifyCode ? FASTIFY_CODES[fastifyCode] : undefined;
  if (code) return new CredenceError(code, ERRORS[code].rule);
  const status = (error as Partial<FastifyError>)?.statusCode;
  // other client errors from Fastify or a plugin: keep the status class, say nothing internal
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new CredenceError(status === 413 ? 'REQUEST_TOO_LARGE' : 'REQUEST_INVALID');
  }
  return null;
}

// a listed problem is "field: CODE: message" (a schema problem "field: message")
const LISTED = /^([^:\s]+): (?:([A-Z][A-Z0-9_]+): )?/;

/** A listed problem with its code's Chinese rule in place of the English message; else the error's. */
function problemInChinese(line: string, fallback: string): string {
  const m = LISTED.exec(line);
  if (!m) return fallback;
  const code = m[2];
  if (!code) return `${m[1]}: ${fallback}`;
  return `${m[1]}: ${code}: ${code in ERRORS ? ERRORS[code as ErrorCode].zh : fallback}`;
}

/** Details a client may act on, passed through when an error carries them; the rest stays in. */
const SHOWN_DETAILS = ['possibleFrom'] as const;

export function errorBody(error: CredenceError, requestId: string): ErrorBody {
  const problems = error.detail.problems;
  const shown = Object.fromEntries(
    SHOWN_DETAILS.flatMap((key) => {
      const value = error.detail[key];
      return typeof value === 'string' ? [[key, value]] : [];
    }),
  );
  return {
    error: {
      ...error.toJSON(),
      ruleZh: error.ruleZh,
      ...(Array.isArray(problems)
        ? {
            problems: problems.map(String),
            problemsZh: problems.map((p) => problemInChinese(String(p), error.ruleZh)),
          }
        : {}),
      ...shown,
      requestId,
    },
  };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, raw: unknown) {
  const known = toCredenceError(raw);
  const outage = known !== null && STORE_OUTAGE_CODES.has(known.code);
  // an outage is logged once when it starts (StoreOutageLog), not with a stack per request
  if (!outage && (!known || known.status >= 500)) {
    request.log.error({ err: raw }, 'request failed');
  }
  if (outage) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  const error = known && known.status < 500 ? known : (known ?? new CredenceError('INTERNAL'));
  const shown =
    error.status >= 500 && error.code !== 'NOT_READY' && !outage
      ? new CredenceError('INTERNAL')
      : error;
  // a throttle says when to come back (AUTH_THROTTLED, LOOKUP_THROTTLED)
  const retryAfter = shown.detail.retryAfter;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return (
    reply
      .code(shown.status)
      // set here too: an error Fastify meets before routing (a bad URL) skips the onSend hooks
      .header('x-request-id', request.id)
      .header('x-content-type-options', 'nosniff')
      .type('application/json; charset=utf-8')
      .serializer(JSON.stringify)
      .send(errorBody(shown, request.id))
  );
}
