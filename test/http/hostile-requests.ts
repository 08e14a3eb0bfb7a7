import fc from 'fast-check';

/**
 * Generators of malformed and hostile HTTP requests for the property test in hostile.test.ts:
 * every route of the app, with credentials of every kind, path parameters, query strings,
 * bodies and content types that are wrong in every way we could think of.
 */

/** One operation of the app, as its live OpenAPI document describes it. */
export interface RouteSpec {
  method: string;
  /** the path template, `{name}` for parameters */
  path: string;
  params: string[];
  query: string[];
  /** top-level body properties the schema names (empty for routes without a JSON body) */
  bodyKeys: string[];
  hasBody: boolean;
  /** roles that may call it; `public` for anyone */
  access: string[];
  /** how often to aim at it, against 4 for an API route */
  weight?: number;
}

/** What the generators know of the world, to reach past authentication and validation. */
export interface HostileContext {
  /** role (or `person`) → API key */
  keys: Record<string, string>;
  /** role → signed token */
  tokens: Record<string, string>;
  /** values that name real things, by path or query parameter name */
  known: Record<string, string[]>;
  /** a valid (or nearly valid) body per route, keyed `METHOD /path/template` */
  bodies: Record<string, unknown>;
  /** words that mean something to the app: catalog ids, roles, states, purposes */
  words: string[];
}

export interface HostileRequest {
  /** `METHOD /path/template` of the route aimed at */
  route: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

interface OpenApiOperation {
  description?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface JsonSchema {
  $ref?: string;
  type?: string;
  properties?: Record<string, JsonSchema>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation in an OpenAPI document (the app's own, from /docs/json). */
export function routesFromOpenApi(doc: OpenApiDocument): RouteSpec[] {
  const routes: RouteSpec[] = [];
  const resolve = (s: JsonSchema | undefined): JsonSchema | undefined =>
    s?.$ref ? doc.components?.schemas?.[s.$ref.split('/').at(-1) ?? ''] : s;
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      const roles = /Roles: ([^.]+)\./.exec(op.description ?? '')?.[1];
      routes.push({
        method: method.toUpperCase(),
        path,
        params,
        query,
        bodyKeys: Object.keys(schema?.properties ?? {}),
        hasBody: op.requestBody !== undefined || method === 'post' || method === 'put',
        access: roles ? roles.split(',').map((r) => r.trim()) : ['public'],
      });
    }
  }
  return routes;
}

// ---------------------------------------------------------------------------------------------
// strings

const SQL_INJECTIONS = [
  "' OR 1=1 --",
  "'; DROP TABLE subjects; --",
  '" OR ""="',
  "1' UNION SELECT key_hash FROM accounts --",
  '1; SELECT pg_sleep(5); --',
  "x'); DELETE FROM audit; --",
  "' AND 1=CAST((SELECT version()) AS int) --",
  '\\',
  "\\'",
  '$1',
  '?',
  ':id',
  '%',
  '_',
  "%' --",
  '*/ OR /*',
  'NULL',
  'null',
  'undefined',
];
const TRAVERSALS = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '..\\..\\windows\\win.ini',
  '....//....//etc/passwd',
  '/etc/passwd',
  'C:\\boot.ini',
  '%00',
  'file:///etc/passwd',
];
const PROTO_WORDS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];
const MARKUP = [
  '<script>alert(1)</script>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
  '${7*7}',
  '{{7*7}}',
  '%s%s%s%n',
  '#{1+1}',
  '\r\nSet-Cookie: x=1',
];
const ODD_UNICODE = [
  '张三',
  '北京某某科技有限公司',
  '😀👨‍👩‍👧',
  '\u202eevil',
  'a\u200bb',
  '\ufeff',
  'e\u0301',
  '\ud800',
  '\udfff\ud800',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '\r\n',
  '\t',
  ' ',
  '',
  'ＡＢＣ１２３',
];
const NUMERIC_STRINGS = [
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e309',
  '0x10',
  '9007199254740993',
  '-0',
  '1.5',
];
const DATES = [
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '2026-13-01',
  '1900-01-01',
  '9999-12-31',
  '2026-06-15T00:00:00Z',
  '15/06/2026',
  '2026-6-1',
  '+2026-06-15',
];

/** Text a database may refuse to store, or store wrongly. */
const STORAGE_HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u0001\u001f\u007f',
  '\ufeff',
  '😀👨‍👩‍👧',
  "'; DROP TABLE subjects; --",
  '\\',
  "''",
  'x'.repeat(70_000),
];

/** A string of 100 KB to 300 KB (and now and then over the 1 MB body limit). */
const hugeString = fc
  .tuple(
    fc.constantFrom('a', 'x'.repeat(7), '张', "' OR 1=1 --", '\u0000', '😀', '9'),
    fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 100_000, max: 300_000 }) },
      { weight: 1, arbitrary: fc.constant(1_100_000) },
    ),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

/** One of the values the context knows, changed a little: nearly a real identifier. */
const nearly = (values: string[]) =>
  fc
    .tuple(fc.constantFrom(...values), fc.nat(), fc.constantFrom(0, 1, 2, 3, 4, 5))
    .map(([value, n, how]) => {
      const i = value.length === 0 ? 0 : n % value.length;
      switch (how) {
        case 0:
          return value.toLowerCase();
        case 1:
          return value.slice(0, i);
        case 2:
          return `${value.slice(0, i)}${String.fromCharCode(48 + (n % 43))}${value.slice(i + 1)}`;
        case 3:
          return ` ${value} `;
        case 4:
          return `${value}${value}`;
        default:
          return value.split('').reverse().join('');
      }
    });

/** A hostile string; `huge` lets one in twenty-five or so be 100 KB or more. */
export function hostileString(ctx: HostileContext, huge = true): fc.Arbitrary<string> {
  const everyKnown = [...new Set(Object.values(ctx.known).flat())];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SQL_INJECTIONS) },
    { weight: 2, arbitrary: fc.constantFrom(...TRAVERSALS) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_WORDS) },
    { weight: 1, arbitrary: fc.constantFrom(...MARKUP) },
    { weight: 3, arbitrary: fc.constantFrom(...ODD_UNICODE) },
    { weight: 1, arbitrary: fc.constantFrom(...NUMERIC_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...DATES) },
    { weight: 3, arbitrary: fc.constantFrom(...ctx.words) },
    { weight: 3, arbitrary: nearly(everyKnown) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
    { weight: huge ? 1 : 0, arbitrary: hugeString },
  );
}

// ---------------------------------------------------------------------------------------------
// JSON values and bodies

/** A JSON value of the wrong kind, more or less anywhere. */
export function hostileValue(ctx: HostileContext): fc.Arbitrary<unknown> {
  const leafOf = (str: fc.Arbitrary<string>) =>
    fc.oneof(
      { weight: 4, arbitrary: str },
      {
        weight: 2,
        arbitrary: fc.constantFrom(0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 2, 2 ** 63, 1e-320),
      },
      { weight: 1, arbitrary: fc.integer() },
      { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      { weight: 1, arbitrary: fc.boolean() },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.constant([]) },
    );
  // one huge string a value at most: inside arrays and objects strings stay short
  const small = hostileString(ctx, false);
  const leaf = leafOf(small);
  return fc.oneof(
    { weight: 6, arbitrary: leafOf(hostileString(ctx)) },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(small, leaf, { maxKeys: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('[]', '{}', 'x', '1'), fc.integer({ min: 1, max: 1_200 }))
        .map(([base, length]) => Array.from({ length }, () => (base === '1' ? 1 : base))),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 50, max: 400 }).map((depth) => {
        let v: unknown = 'bottom';
        for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
        return v;
      }),
    },
  );
}

/** A body as JSON text: usually the route's own body changed here and there, or anything else. */
function jsonBody(route: RouteSpec, ctx: HostileContext): fc.Arbitrary<string> {
  const base = ctx.bodies[`${route.method} ${route.path}`];
  const value = fc.oneof(hostileString(ctx), hostileValue(ctx));
  const keys = [...new Set([...route.bodyKeys, ...Object.keys(asObject(base))])];
  const key =
    keys.length > 0
      ? fc.oneof(fc.constantFrom(...keys), hostileString(ctx, false))
      : hostileString(ctx, false);
  type Change = { kind: 'set'; key: string; value: unknown } | { kind: 'drop'; key: string };
  const change: fc.Arbitrary<Change> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), key }) },
  );
  // mostly one change: the rest of the body valid, so the bad value gets as far as it can
  const changes = fc.oneof(
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 5, arbitrary: fc.tuple(change) },
    { weight: 2, arbitrary: fc.array(change, { minLength: 2, maxLength: 4 }) },
  );
  const changed = changes.map((changes) => {
    const body: Record<string, unknown> = { ...asObject(base) };
    for (const c of changes) {
      if (c.kind === 'drop') delete body[c.key];
      else
        Object.defineProperty(body, c.key, {
          value: c.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return JSON.stringify(body);
  });
  const nestedChange = fc
    .tuple(fc.constantFrom(...(keys.length > 0 ? keys : ['x'])), changed)
    .map(([k, inner]) => JSON.stringify({ ...asObject(base), [k]: JSON.parse(inner) as unknown }));
  const arrayBody = fc
    .tuple(fc.constantFrom('records', 'checks'), fc.array(changed, { maxLength: 6 }))
    .map(([k, items]) => `{"${k}":[${items.join(',')}]}`);
  const bigBatch = fc
    .tuple(fc.constantFrom('records', 'checks'), fc.constantFrom(1_001, 10_001))
    .map(([k, n]) => JSON.stringify({ [k]: Array.from({ length: n }, () => asObject(base)) }));
  const poisoned = fc
    .tuple(fc.constantFrom('__proto__', 'constructor'), fc.boolean())
    .map(([k, deep]) =>
      deep
        ? `{"a":{"b":[{"${k}":{"prototype":{"role":"operator"},"isAdmin":true}}]}}`
        : `{"${k}":{"role":"operator","prototype":{"x":1}},"name":"x"}`,
    );
  const deepText = fc
    .tuple(
      fc.constantFrom('[', '{"a":', '{"constructor":'),
      fc.integer({ min: 1_000, max: 20_000 }),
    )
    .map(([open, depth]) => {
      const close = open === '[' ? ']' : '}';
      return `${open.repeat(depth)}1${close.repeat(depth)}`;
    });
  return fc.oneof(
    { weight: 10, arbitrary: changed },
    { weight: 2, arbitrary: nestedChange },
    { weight: 2, arbitrary: arrayBody },
    { weight: 3, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: bigBatch },
    { weight: 1, arbitrary: poisoned },
    { weight: 1, arbitrary: deepText },
  );
}

const asObject = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Text that is not JSON, or not quite. */
function malformedJson(ctx: HostileContext, route: RouteSpec): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(
      '{',
      '}',
      '{"a":}',
      "{'name':'x'}",
      '{"a":1,}',
      '[1,2',
      'NaN',
      'undefined',
      '{"a":NaN}',
      '{"a":Infinity}',
      '/* c */ {}',
      '\ufeff{}',
      '{"a":"\\x00"}',
      '{"a":"\\ud800"}',
      '{"a" 1}',
      '\u0000',
      'null null',
      '{"a":1}{"b":2}',
      '{"a":01}',
      '{"a":1e99999}',
      '"unterminated',
      ' ',
    ),
    jsonBody(route, ctx).map((text) => text.slice(0, Math.max(1, Math.floor(text.length / 2)))),
    jsonBody(route, ctx).map((text) => `${text}garbage`),
    hostileString(ctx),
  );
}

const CSV = [
  'subject_identifier,type,source_ref\n',
  "subject_identifier,type\n' OR 1=1 --,admin_penalty\n",
  'a,b,c\n1,2\n"unterminated\n',
  '\ufeffsubject_identifier,type,authority\n91110000600037341L,admin_penalty,__proto__\n',
  '',
  ',,,,\n,,,,\n',
  '"a""b",c\r\n\u0000,\u0001\n',
];
const NDJSON = [
  '{"subject_identifier":"x"}\n{',
  '{"__proto__":{"a":1}}\n',
  '[1,2,3]\n"str"\nnull\n',
  '\n\n\n',
  '{"type":"admin_penalty","subject_identifier":"\'; DROP TABLE subjects; --"}\n',
];

interface Encoded {
  contentType?: string;
  payload?: string | Buffer;
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json;;;',
  'application/json; boundary=x',
];
const WRONG_TYPES = [
  'text/plain',
  'application/xml',
  'text/xml',
  'text/csv',
  'text/csv; charset=utf-8',
  'application/x-ndjson',
  'application/jsonl',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/json-patch+json',
  'text/html',
  '*/*',
  ';',
  'application/',
  'json',
  'text/csv, application/json',
];

/** A body and a content type for it, right or wrong. */
function body(route: RouteSpec, ctx: HostileContext): fc.Arbitrary<Encoded> {
  const multipart = (text: string) =>
    `------x\r\nContent-Disposition: form-data; name="file"; filename="../../x.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n------x--\r\n`;
  return fc.oneof(
    {
      weight: 14,
      arbitrary: fc.record({
        contentType: fc.constantFrom(...JSON_TYPES.slice(0, 2)),
        payload: jsonBody(route, ctx),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        contentType: fc.constantFrom(...JSON_TYPES),
        payload: jsonBody(route, ctx),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        contentType: fc.constant('application/json'),
        payload: malformedJson(ctx, route),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType: fc.constantFrom(...JSON_TYPES, undefined),
        payload: fc.constant(''),
      }),
    },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 3,
      arbitrary: fc.record({
        contentType: fc.constantFrom(...WRONG_TYPES),
        payload: fc.oneof(
          jsonBody(route, ctx),
          fc.constantFrom(...CSV, ...NDJSON, ...MARKUP),
          fc.constantFrom(...CSV).map(multipart),
          hostileString(ctx),
        ),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType: fc.constantFrom(undefined, 'application/octet-stream', 'text/csv'),
        payload: fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      }),
    },
  );
}

/** What the imports route reads: CSV or JSON Lines, bad in their own ways. */
function importBody(ctx: HostileContext): fc.Arbitrary<Encoded> {
  const rows = fc.array(fc.array(hostileString(ctx), { minLength: 1, maxLength: 6 }), {
    maxLength: 4,
  });
  const csv = rows.map((r) =>
    [
      'subject_identifier,subject_name,type,source_ref,legal_basis,decision_date',
      ...r.map((cells) =>
        cells.map((c) => `"${c.slice(0, 5_000).replaceAll('"', '""')}"`).join(','),
      ),
    ].join('\n'),
  );
  const jsonl = fc
    .array(hostileValue(ctx), { maxLength: 4 })
    .map((values) => values.map((v) => JSON.stringify(v) ?? 'null').join('\n'));
  // a good record with one bad column, next to a good one: the bad row is rejected, not fatal
  const record = asObject(ctx.bodies['POST /v1/records']);
  const columns = Object.keys(record);
  const quote = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`;
  const nearlyGood = fc
    .tuple(
      fc.constantFrom(...columns),
      fc.oneof(fc.constantFrom(...STORAGE_HOSTILE), hostileString(ctx, false)),
      fc.nat(999_999),
    )
    .map(([column, bad, n]) => [
      { ...record, source_ref: `H-${n}`, [column]: bad },
      { ...record, source_ref: `H-${n}-ok` },
    ]);
  const nearlyGoodCsv = nearlyGood.map((rows) =>
    [columns.join(','), ...rows.map((row) => columns.map((c) => quote(row[c])).join(','))].join(
      '\n',
    ),
  );
  const nearlyGoodJsonl = nearlyGood.map((rows) => rows.map((r) => JSON.stringify(r)).join('\n'));
  return fc.oneof(
    fc.record({
      contentType: fc.constantFrom('text/csv', 'text/csv; charset=utf-8'),
      payload: fc.oneof(csv, nearlyGoodCsv, nearlyGoodCsv, fc.constantFrom(...CSV)),
    }),
    fc.record({
      contentType: fc.constantFrom('application/x-ndjson', 'application/jsonl'),
      payload: fc.oneof(jsonl, nearlyGoodJsonl, nearlyGoodJsonl, fc.constantFrom(...NDJSON)),
    }),
    body(
      {
        method: 'POST',
        path: '/v1/imports',
        params: [],
        query: [],
        bodyKeys: [],
        hasBody: true,
        access: [],
      },
      ctx,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// credentials, parameters, queries

/** Latin-1 text an HTTP header can carry: what a client's UTF-8 bytes arrive as. */
export const headerSafe = (text: string): string =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

function credentials(route: RouteSpec, ctx: HostileContext): fc.Arbitrary<Record<string, string>> {
  const roles = Object.keys(ctx.keys);
  const allowed = roles.filter((r) => route.access.includes(r === 'person' ? 'subject' : r));
  const key = fc.constantFrom(...roles).map((r) => ctx.keys[r] ?? '');
  const allowedKey =
    allowed.length > 0 ? fc.constantFrom(...allowed).map((r) => ctx.keys[r] ?? '') : key;
  const token = fc.constantFrom(...Object.values(ctx.tokens));
  const str = hostileString(ctx);
  const forged = fc.oneof(
    key.map((k) => `${k.slice(0, -1)}${k.endsWith('A') ? 'B' : 'A'}`),
    key.map((k) => k.slice(0, 30)),
    key.map((k) => k.toUpperCase()),
    str.map((s) => `cred_${s}`),
    str.map((s) => `cred_acc_00000000000000000000.${s}`),
    token.map((t) => `${t.slice(0, -2)}xx`),
    token.map((t) => {
      const [, payload] = t.split('.');
      return `eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.${payload}.`;
    }),
    token.map((t) => t.split('.').slice(0, 2).join('.')),
    str,
  );
  const bearer = (v: fc.Arbitrary<string>) =>
    v.map((s) => ({ authorization: headerSafe(`Bearer ${s}`) }));
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({}) },
    { weight: 10, arbitrary: bearer(allowedKey) },
    { weight: 2, arbitrary: allowedKey.map((k) => ({ 'x-api-key': k })) },
    { weight: 2, arbitrary: bearer(token) },
    { weight: 3, arbitrary: bearer(key) },
    { weight: 2, arbitrary: bearer(forged) },
    { weight: 1, arbitrary: forged.map((f) => ({ 'x-api-key': headerSafe(f) })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'Basic ',
            'bearer ',
            'Bearer  ',
            'Bearer',
            'Token ',
            '',
            'Bearer a b ',
            'Digest ',
          ),
          fc.oneof(key, str),
        )
        .map(([scheme, v]) => ({ authorization: headerSafe(`${scheme}${v}`) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(allowedKey, forged)
        .map(([k, f]) => ({ authorization: headerSafe(`Bearer ${f}`), 'x-api-key': k })),
    },
    {
      weight: 1,
      arbitrary: allowedKey.map((k) => ({ authorization: `Bearer ${k}`, 'x-api-key': '' })),
    },
  );
}

/** Percent-encoding as a client does it: UTF-8, a lone surrogate as U+FFFD. */
const encode = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

const badPercent = fc.constantFrom(
  '%',
  '%zz',
  '%E0%A4%A',
  '%c0%af',
  '%00',
  '%ff%fe',
  '%%41',
  '%u0041',
);

/** A path parameter: real, nearly real or hostile; encoded, raw, or with broken escapes. */
function pathParam(name: string, ctx: HostileContext): fc.Arbitrary<string> {
  const known = Object.hasOwn(ctx.known, name) ? (ctx.known[name] ?? []) : [];
  const raw = fc.oneof(
    {
      weight: known.length > 0 ? 6 : 0,
      arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('x'),
    },
    {
      weight: known.length > 0 ? 3 : 0,
      arbitrary: known.length > 0 ? nearly(known) : fc.constant('x'),
    },
    { weight: 6, arbitrary: hostileString(ctx) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: raw.map(encode) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...TRAVERSALS, 'a/b', '.', '..', '张三', 'a b', "'OR'1'='1"),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(raw, badPercent).map(([v, bad]) => `${encode(v.slice(0, 50))}${bad}`),
    },
  );
}

const PAGE_LIMITS = [
  '-1',
  '0',
  '1',
  '1000',
  '1001',
  '1e2',
  '1.5',
  '0x10',
  ' 5',
  'abc',
  '',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '[]',
];

const cursorOf = (value: unknown) =>
  Buffer.from(JSON.stringify(value) ?? 'x').toString('base64url');

function queryValue(name: string, ctx: HostileContext): fc.Arbitrary<string> {
  const str = hostileString(ctx).map((s) => s.slice(0, 20_000));
  const known = Object.hasOwn(ctx.known, name) ? (ctx.known[name] ?? []) : [];
  const specific: fc.Arbitrary<string>[] = [];
  if (known.length > 0) specific.push(fc.constantFrom(...known), nearly(known));
  if (name === 'limit') specific.push(fc.constantFrom(...PAGE_LIMITS));
  if (name === 'cursor') {
    specific.push(
      // JSON texts a cursor could decode to: numbers no sequence has, strings no id has
      fc
        .constantFrom(
          '-1',
          '1.5',
          '1e308',
          '1e999',
          '9223372036854775808',
          '9007199254740993',
          '-0',
          '0',
          '""',
          '"zzz"',
          '"\' OR 1=1 --"',
          '"\\u0000"',
          'null',
          'true',
          '[]',
          '{}',
          '{"__proto__":1}',
          '"0"',
          '"acc_"',
          '"sub_"',
          '"张三"',
        )
        .map((text) => Buffer.from(text).toString('base64url')),
      fc.constantFrom(
        'MWU0MDA',
        'LTE',
        'eyJhIjoxfQ',
        '!!!',
        '====',
        'AAAA',
        'bnVsbA',
        'MS41',
        'IkluZmluaXR5Ig',
        'OWU5OTk5',
      ),
      str.map(cursorOf),
      fc.integer().map(cursorOf),
    );
  }
  if (name === 'asOf' || name === 'date')
    specific.push(fc.constantFrom(...DATES, '2026-06-15', '2026-01-01'));
  return specific.length > 0
    ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...specific) }, { weight: 2, arbitrary: str })
    : str;
}

function queryString(route: RouteSpec, ctx: HostileContext): fc.Arbitrary<string> {
  const names = [...route.query, 'limit', 'cursor'];
  const pair = fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...names) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            ...PROTO_WORDS,
            '__proto__[x]',
            'constructor[prototype][x]',
            'a[]',
            '',
          ),
        },
      ),
      fc.boolean(),
    )
    .chain(([name, escaped]) =>
      queryValue(name, ctx).map((value) =>
        escaped ? `${encode(name)}=${encode(value)}` : `${name}=${value.replace(/[#\s]/g, '')}`,
      ),
    );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('') },
    {
      weight: 6,
      arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map((p) => `?${p.join('&')}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '?',
        '?&&&',
        '?=',
        '?limit',
        '?limit=1&limit=2',
        '?%',
        '?a=%zz',
        '?cursor[]=a',
      ),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// requests

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

function requestTo(route: RouteSpec, ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  const isImport = route.path === '/v1/imports';
  const params = fc.tuple(...route.params.map((p) => pathParam(p, ctx)));
  const encoded = isImport
    ? importBody(ctx)
    : route.hasBody
      ? body(route, ctx)
      : fc.oneof(fc.constant<Encoded>({}), fc.constant<Encoded>({}), body(route, ctx));
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(route.method) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
  );
  const extraHeaders = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Record<string, string>>({}) },
    {
      weight: 1,
      arbitrary: hostileString(ctx).map((s) => ({ 'x-request-id': headerSafe(s.slice(0, 2_000)) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('application/xml', 'text/csv', '*/*', '', 'application/json;q=0')
        .map((a) => ({ accept: a })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('0', '-1', '999999999', 'abc')
        .map((l) => ({ 'content-length': l })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('gzip', 'deflate', 'br', 'identity, gzip')
        .map((e) => ({ 'content-encoding': e })),
    },
  );
  const trailing = fc.oneof(
    { weight: 15, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('/', '//', '/.', '?') },
  );
  return fc
    .record({
      params,
      encoded,
      method,
      creds: credentials(route, ctx),
      extraHeaders,
      query: queryString(route, ctx),
      trailing,
    })
    .map(
      ({
        params: values,
        encoded: { contentType, payload },
        method: m,
        creds,
        extraHeaders: extra,
        query,
        trailing: t,
      }) => {
        let i = 0;
        const path = route.path.replace(/\{\w+\}/g, () => values[i++] ?? '');
        const headers: Record<string, string> = { ...creds, ...extra };
        if (contentType !== undefined) headers['content-type'] = contentType;
        const url = `${path}${t === '?' ? '' : t}${query}`;
        return {
          route: `${route.method} ${route.path}`,
          method: m,
          url,
          headers,
          ...(payload !== undefined ? { payload } : {}),
        };
      },
    );
}

/** A path that names no route, or names one in a way the router must not accept. */
function strayRequest(ctx: HostileContext): fc.Arbitrary<HostileRequest> {
  return fc
    .tuple(
      fc.constantFrom(...OTHER_METHODS),
      fc.oneof(
        fc.constantFrom(
          '/',
          '//',
          '/v1',
          '/v1/',
          '/V1/RECORDS',
          '/v2/records',
          '/v1//records',
          '/v1/records/',
          '/.env',
          '/docs/static/..%2f..%2fpackage.json',
          '/metrics/..',
          '/docs/json/x',
          '/health/',
          '/*',
        ),
        hostileString(ctx).map((s) => `/v1/${encode(s.slice(0, 5_000))}`),
        hostileString(ctx).map((s) => `/${encode(s.slice(0, 300))}/${encode(s.slice(0, 30))}`),
      ),
      credentials(
        {
          method: 'GET',
          path: '/',
          params: [],
          query: [],
          bodyKeys: [],
          hasBody: false,
          access: ['public'],
        },
        ctx,
      ),
    )
    .map(([method, url, headers]) => ({ route: 'stray', method, url, headers }));
}

/** Any request at all: aimed at every route in turn, with now and then one that names none. */
export function hostileRequest(
  routes: RouteSpec[],
  ctx: HostileContext,
): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    {
      weight: 30,
      arbitrary: fc.oneof(
        ...routes.map((r) => ({ weight: r.weight ?? 4, arbitrary: requestTo(r, ctx) })),
      ),
    },
    { weight: 1, arbitrary: strayRequest(ctx) },
  );
}
