import { z } from 'zod';
import { isStorableText } from '../domain/text.js';
import { CredenceError } from '../errors.js';
import {
  MAX_QUERIES,
  RECONCILE_TYPES,
  type ReconcileKind,
  type ReconcileQuery,
} from '../services/search/reconcile.service.js';

/**
 * A reconciliation query batch (W3C Reconciliation API 0.2): the JSON text of the `queries`
 * parameter or form field, read into queries for the service, or a coded error naming the field.
 */

// a letter or digit first: no key can be `__proto__`, so keys are safe as object keys
const KEY = /^[A-Za-z0-9][\w.:-]{0,63}$/;

const TYPE_RULE =
  'a type is business, government or social_org, or a list of them; persons are not reconciled';
const TypeId = z.enum(RECONCILE_TYPES.map((t) => t.id) as [ReconcileKind, ...ReconcileKind[]]);

const QuerySchema = z.object({
  query: z
    .string({ error: 'a query is a name or an identifier, 1 to 200 characters' })
    .trim()
    .min(1, 'a query is a name or an identifier, 1 to 200 characters')
    .max(200, 'a query is a name or an identifier, 1 to 200 characters')
    // the hook that refuses such text in a request cannot see inside the JSON
    .refine(isStorableText, 'text may not contain U+0000 or a lone surrogate'),
  type: z
    .union([TypeId, z.array(TypeId).max(RECONCILE_TYPES.length)], { error: TYPE_RULE })
    .optional(),
  limit: z
    .number()
    .int('a limit is a positive whole number')
    .positive('a limit is a positive whole number')
    .optional(),
  // accepted as the protocol allows, and ignored: a type given is always a filter
  type_strict: z.enum(['any', 'should', 'all']).optional(),
  properties: z
    .array(z.object({ pid: z.string(), v: z.unknown() }))
    .max(50)
    .optional(),
});

const RegionValue = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{2,6}$/, 'a region is a division code or its prefix, 2 to 6 digits'));

function invalid(field: string, message: string): never {
  throw new CredenceError('RECONCILE_INVALID', `${field}: ${message}`, { field });
}

/** The queries of a batch in their order, keyed; `field` names the parameter in errors. */
export function parseQueryBatch(text: string, field: string): Array<[string, ReconcileQuery]> {
  let batch: unknown;
  try {
    batch = JSON.parse(text);
  } catch {
    invalid(field, 'not JSON');
  }
  if (typeof batch !== 'object' || batch === null || Array.isArray(batch))
    invalid(field, 'a JSON object of queries by key');
  const entries = Object.entries(batch as object);
  if (entries.length > MAX_QUERIES)
    throw new CredenceError('BATCH_TOO_LARGE', `at most ${MAX_QUERIES} queries a batch`, {
      field,
    });
  return entries.map(([key, value]): [string, ReconcileQuery] => {
    // the key is not echoed: it may be anything at all
    if (!KEY.test(key))
      invalid(field, 'a key is a letter or digit, then up to 63 of [A-Za-z0-9_.:-]');
    const at = `${field}.${key}`;
    const parsed = QuerySchema.safeParse(value);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      return invalid(
        [at, ...(issue?.path ?? []).map(String)].join('.'),
        issue?.message ?? 'not a query',
      );
    }
    const { query, type, limit, properties = [] } = parsed.data;
    const region = regionOf(properties, at);
    return [
      key,
      {
        query,
        kinds: [...new Set(typeof type === 'string' ? [type] : (type ?? []))],
        ...(limit !== undefined ? { limit } : {}),
        ...(region !== undefined ? { region } : {}),
      },
    ];
  });
}

/** The one `region` property's value, if given; other properties are ignored. */
function regionOf(properties: Array<{ pid: string; v?: unknown }>, at: string): string | undefined {
  const given = properties.flatMap((p, i) =>
    p.pid === 'region' ? (Array.isArray(p.v) ? p.v : [p.v]).map((v) => ({ v, i })) : [],
  );
  const [first, second] = given;
  if (!first) return undefined;
  const where = `${at}.properties.${(second ?? first).i}.v`;
  if (second) return invalid(where, 'one region a query');
  const value = RegionValue.safeParse(first.v);
  return value.success
    ? value.data
    : invalid(where, value.error.issues[0]?.message ?? 'not a region');
}
