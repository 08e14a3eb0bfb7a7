import type { RouteOptions } from 'fastify';
import { ERRORS } from '../errors.js';
import { ErrorSchema } from './schemas.js';

/** What each status means in this API; an error status names the catalog codes behind it where few. */
const MEANINGS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: the work goes on after the answer; follow it by its id',
  '204': 'Done; nothing to answer',
  '400':
    'The request breaks a rule: `error.code` names it and `error.field` the input (REQUEST_INVALID, REQUEST_MALFORMED, DATE_INVALID, ENCODING_INVALID, or a rule of the domain)',
  '401': 'Credentials are needed and missing (AUTH_REQUIRED), or not valid (AUTH_INVALID)',
  '403': 'The account may not do this: its role (ROLE_FORBIDDEN) or the rule `error.code` names',
  '404': 'Nothing has this identifier or id: `error.code` names what was looked for',
  '409': 'The request conflicts with the current state: `error.code` names the rule',
  '413':
    'The body or the batch is larger than the route allows (REQUEST_TOO_LARGE, BATCH_TOO_LARGE)',
  '415': 'A content type the route does not take (REQUEST_CONTENT_TYPE)',
  '429': 'Too many requests from this account, or this address, in a minute (RATE_LIMITED)',
  '431': 'The request line and headers are over 16 KiB (HEADERS_TOO_LARGE)',
  '503':
    'The server is starting, stopping or overloaded, or its store (or the one of its request counters) is out of reach, busy or out of disk space: retry after Retry-After (NOT_READY, REQUEST_TIMEOUT, STORE_UNAVAILABLE, STORE_BUSY, STORE_DISK_FULL, COUNTER_UNAVAILABLE)',
};

/**
 * An onRoute hook: every documented route lists the statuses any request to it can meet: 400,
 * 401 (credentials that are not valid, on any route) and 431; 403 where the route needs an
 * account; 429 where the rate limit applies.
 */
export function documentStatuses(route: RouteOptions): void {
  const schema = route.schema as { response?: Record<string, unknown>; hide?: boolean } | undefined;
  if (!schema?.response || schema.hide) return;
  const config = route.config as { access?: readonly string[]; rateLimit?: unknown } | undefined;
  const open = config?.access?.includes('public') ?? true;
  const statuses = [
    400,
    401,
    431,
    ...(open ? [] : [403]),
    ...(config?.rateLimit === false ? [] : [429]),
  ];
  for (const status of statuses) schema.response[status] ??= ErrorSchema;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Gives each response of the document what it means, instead of Fastify's "Default Response". */
export function describeResponses(document: Json): Json {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const operations of Object.values(paths)) {
    if (!isObject(operations)) continue;
    for (const operation of Object.values(operations)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (isObject(response) && response.description === 'Default Response') {
          response.description = MEANINGS[status] ?? codesOf(Number(status));
        }
      }
    }
  }
  return document;
}

const codesOf = (status: number): string =>
  Object.entries(ERRORS)
    .filter(([, e]) => e.status === status)
    .map(([code]) => code)
    .join(', ') || `HTTP ${status}`;
