import { readFileSync } from 'node:fs';
// ajv 6 comes with eslint; the OpenAPI 3.1 document uses only keywords draft-07 knows
import Ajv from 'ajv';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { isIsoDate } from '../../src/domain/dates.js';
import { encodeCursor } from '../../src/http/cursor.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  PERSON,
  penalty,
  SHANGHAI_BANK,
} from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

/*
 * Requests generated from docs/openapi.json for every operation and every role (and no one), on
 * both backends: no answer is a 5xx, every status is one the document lists for the operation,
 * every body matches the document's schema for its status, and a 400 to a request the document
 * calls valid names a rule the document cannot state (REFUSALS_THE_DOCUMENT_CANNOT_STATE).
 * Deterministic: a fixed seed, printed with each failure with the request that failed; run again
 * with OPENAPI_FUZZ_SEED and OPENAPI_FUZZ_RUNS to explore (25 runs: about 15 s on SQLite and
 * 18 s on PostgreSQL on two cores). Not covered: multipart uploads (POST /v1/imports is sent
 * without a body), the form-encoded POST /v1/reconcile, and strings over 40 characters.
 */

/** Runs per operation and principal: 71 operations × 8 principals × RUNS requests per backend. */
const RUNS = Number(process.env.OPENAPI_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.OPENAPI_FUZZ_SEED ?? 20261207);

type Schema = Record<string, unknown>;
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  components: { schemas: Record<string, Schema> };
  paths: Record<string, Record<string, Operation>>;
}

const document = JSON.parse(readFileSync(`${PROJECT_ROOT}/docs/openapi.json`, 'utf8')) as Document;
const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
);

/**
 * Codes a 400 may carry for a request the document calls valid: rules that JSON Schema cannot
 * say (a checksum, a rule between fields or between a field and the caller, a value that must
 * name something in the catalog, which is data the operator may replace, or something on file).
 * Any other 400 to a generated request is a place where the document must be made exact.
 */
const REFUSALS_THE_DOCUMENT_CANNOT_STATE = new Set([
  // a commitment names a catalog template and one of that template's own terms
  'COMMITMENT_TEMPLATE_UNKNOWN',
  'COMMITMENT_TERM_INVALID',
  // identifiers: the scheme is told by shape and check digit (GB 32100, GB 11643, ISO 17442)
  'ID_EMPTY',
  'ID_UNKNOWN_SCHEME',
  'USCC_LENGTH',
  'USCC_FORMAT',
  'USCC_CHECKSUM',
  'RIC_LENGTH',
  'RIC_FORMAT',
  'RIC_CHECKSUM',
  'RIC_DATE',
  'RIC_REGION',
  'LEI_LENGTH',
  'LEI_FORMAT',
  'LEI_CHECKSUM',
  'PASSPORT_FORMAT',
  'LEGACY_REG_FORMAT',
  // an authority is a USCC with known domains and regions (GET /v1/catalog/domains)
  'AUTHORITY_INVALID',
  'REGION_INVALID',
  // names the catalog must hold (GET /v1/catalog lists them; the catalog is data)
  'PURPOSE_UNKNOWN',
  'LIST_TYPE_UNKNOWN',
  'RATING_MODEL_UNKNOWN',
  'MEASURE_ACTION_UNKNOWN',
  'RECORD_TYPE_UNKNOWN',
  // a record row's columns are the catalog's fields of its type (SubmissionInput is a free row)
  'FIELD_REQUIRED',
  'FIELD_UNKNOWN',
  'FIELD_TYPE',
  'FIELD_ENUM',
  'FIELD_RANGE',
  'FIELD_PATTERN',
  'DATE_INVALID',
  'DATE_ORDER',
  'AMOUNT_INVALID',
  'CURRENCY_INVALID',
  'LEGAL_BASIS_REQUIRED',
  'SOURCE_REF_REQUIRED',
  // a name is visible text: the document's string type cannot say no control or zero-width-only text
  'NAME_INVALID',
  // an extension's parts are at most 9999 years: a pattern cannot bound a number
  'DURATION_INVALID',
  // rules between fields, or between a field and the caller or the subject on file
  'ACCOUNT_INVALID', // a subject account names a subject, every other role an authority
  'SUBJECT_REGION_IMPLIED', // the identifier carries the region and kind
  'SUBJECT_KIND_IMPLIED',
  'SUBJECT_KIND_MISMATCH',
  'SUBJECT_MERGE_SELF', // the duplicate is not the subject in the path
  'RELATION_SUBJECT_KIND', // relations are kept on organizations
  'PUBLIC_LOOKUP_NAME_REQUIRED', // the public gives a person's name with the number
  'SCREEN_INVALID', // each screening query gives a name or an identifier
  'SCREEN_PURPOSE_REQUIRED', // a query about a person states a purpose
  'CONSENT_REQUIRED', // consent-based purposes carry consent
  'CONSENT_INVALID',
  'RELATION_BASIS_REQUIRED', // a representative's or controller's relation names its basis
  'REPAIR_INVALID', // the obligations are those of the item's repair rule
  'OBJECTION_INVALID',
  // the registry's state: what is on file decides (a 409 would say it better; the document
  // lists them under 400 as rules of the domain)
  'LIST_CRITERIA_UNMET',
  'REPAIR_OBLIGATION_UNPERFORMED',
  'SUBJECT_MERGE_KIND',
  // JSON text inside a parameter (the reconciliation protocol's queries)
  'RECONCILE_INVALID',
  // a URL as WHATWG parses it, and where its host resolves (the pattern is only its start)
  'WEBHOOK_URL_INVALID',
  'WEBHOOK_TARGET_FORBIDDEN',
]);

/** A cursor must be a `next` this API gave out: REQUEST_INVALID naming the cursor. */
const CURSOR_FIELDS = new Set(['query.cursor', 'cursor']);

// ---- JSON Schema (the document's subset) to fast-check arbitraries ----

const resolve = (schema: Schema): Schema => {
  const ref = schema.$ref as string | undefined;
  if (!ref) return schema;
  const name = ref.replace('#/components/schemas/', '');
  const target = document.components.schemas[name];
  if (!target) throw new Error(`the document has no schema ${ref}`);
  return resolve(target);
};

/** Values on file the generator mixes in by field name, so that requests reach past a 404. */
type Seeds = Map<string, unknown[]>;

const calendarDate = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2035-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 40);
  if (schema.format === 'date') return calendarDate;
  const pattern = schema.pattern as string | undefined;
  if (pattern === '\\S') {
    return fc
      .string({ minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, 1) })
      .filter((s) => /\S/.test(s));
  }
  if (pattern) {
    return fc.stringMatching(new RegExp(pattern)).filter((s) => admits(schema, s));
  }
  return fc.string({ minLength, maxLength: Math.max(maxLength, minLength) });
}

/** whether a string schema's length and pattern admit `value` */
function admits(schema: Schema, value: string): boolean {
  const pattern = schema.pattern as string | undefined;
  return (
    value.length >= ((schema.minLength as number | undefined) ?? 0) &&
    value.length <= ((schema.maxLength as number | undefined) ?? Infinity) &&
    (!pattern || new RegExp(pattern).test(value))
  );
}

function arbitrary(raw: Schema, seeds: Seeds, name = ''): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const generated = plain(schema, seeds);
  // whole bodies on file or in the catalog, by the component's name (e.g. a record that passes)
  const component = typeof raw.$ref === 'string' ? raw.$ref.split('/').at(-1) : undefined;
  const bodies = component ? seeds.get(`#${component}`) : undefined;
  if (bodies?.length) {
    return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...bodies) }, generated);
  }
  // a value on file under this name is used only where this parameter's schema admits it (a
  // catalog id may be longer than an authority's id, both named `id`)
  const seeded = seeds.get(name)?.filter((v) => typeof v !== 'string' || admits(schema, v));
  if (seeded?.length && (schema.type === 'string' || schema.type === undefined) && !schema.enum) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...seeded) },
      { weight: 1, arbitrary: generated },
    );
  }
  return generated;
}

function plain(schema: Schema, seeds: Seeds): fc.Arbitrary<unknown> {
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitrary(s, seeds)));
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.type)) {
    return fc.oneof(...(schema.type as string[]).map((type) => plain({ ...schema, type }, seeds)));
  }
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: (schema.maximum as number | undefined) ?? 1_000_000,
      });
    case 'number':
      return fc.double({
        min: (schema.minimum as number | undefined) ?? -1e6,
        max: (schema.maximum as number | undefined) ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitrary((schema.items as Schema | undefined) ?? {}, seeds), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 3, 3),
      });
    case 'object': {
      const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
      if (Object.keys(properties).length === 0) {
        const values = schema.additionalProperties;
        if (values && typeof values === 'object') {
          const keys = schema.propertyNames
            ? (arbitrary(schema.propertyNames as Schema, seeds) as fc.Arbitrary<string>)
            : fc.string({ minLength: 1, maxLength: 8 });
          return fc.dictionary(keys, arbitrary(values as Schema, seeds), { maxKeys: 2 });
        }
        return fc.constant({});
      }
      const required = (schema.required as string[] | undefined) ?? [];
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, s]) => [key, arbitrary(s, seeds, key)]),
        ),
        { requiredKeys: required },
      );
    }
    default:
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  }
}

// ---- requests ----

interface Generated {
  url: string;
  payload?: unknown;
}

function requestArbitrary(path: string, op: Operation, seeds: Seeds): fc.Arbitrary<Generated> {
  const parameters = op.parameters ?? [];
  const field = (p: Parameter) => {
    const value = arbitrary(p.schema, seeds, p.name);
    return p.required || p.in === 'path' ? value : fc.option(value, { nil: undefined });
  };
  const params = fc.record(
    Object.fromEntries(parameters.map((p) => [`${p.in}:${p.name}`, field(p)])),
  );
  // the document says query parameters and body fields an operation does not list are ignored
  const unknown = fc.option(fc.constantFrom('utm_source', 'fuzz', 'Cursor'), { nil: undefined });
  const json = op.requestBody?.content['application/json'];
  const listed = json ? resolve(json.schema).properties : undefined;
  const body = json ? arbitrary(json.schema, seeds) : fc.constant(undefined as unknown);
  return fc.tuple(params, body, unknown).map(([values, payload, extra]) => {
    let url = path;
    const query = new URLSearchParams();
    for (const p of parameters) {
      const value = values[`${p.in}:${p.name}`];
      if (value === undefined) continue;
      if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(value)));
      else if (p.in === 'query') {
        // a repeated parameter is an array in the document
        for (const one of Array.isArray(value) ? value : [value]) query.append(p.name, String(one));
      }
    }
    if (extra) query.append(extra, 'x');
    if (extra && listed && payload && typeof payload === 'object' && !Array.isArray(payload)) {
      payload = { ...payload, [extra]: 'x' };
    }
    const search = query.toString();
    return { url: search ? `${url}?${search}` : url, ...(json ? { payload } : {}) };
  });
}

// ---- answers ----

const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' });
ajv.addFormat('date', isIsoDate);
const validators = new Map<Schema, Ajv.ValidateFunction>();
function validator(schema: Schema): Ajv.ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: document.components });
    validators.set(schema, validate);
  }
  return validate;
}

/** What is wrong with an answer, or undefined. */
function problem(
  op: Operation,
  response: { statusCode: number; body: string; headers: Record<string, unknown> },
): string | undefined {
  const { statusCode: status } = response;
  if (status >= 500) return `answered ${status}: ${response.body.slice(0, 300)}`;
  const documented = op.responses[String(status)];
  if (!documented) return `answered ${status}, which the document does not list`;
  const schema = documented.content?.['application/json']?.schema;
  const type = String(response.headers['content-type'] ?? '');
  if (schema && type.startsWith('application/json')) {
    const body: unknown = response.body === '' ? undefined : JSON.parse(response.body);
    const validate = validator(schema);
    if (!validate(body)) {
      return `the ${status} body breaks the document: ${ajv.errorsText(validate.errors)}; ${response.body.slice(0, 300)}`;
    }
  }
  if (status === 400) {
    const { code = '', field = '' } =
      (JSON.parse(response.body) as { error?: { code?: string; field?: string } }).error ?? {};
    const cursor = code === 'REQUEST_INVALID' && CURSOR_FIELDS.has(field);
    if (!REFUSALS_THE_DOCUMENT_CANNOT_STATE.has(code) && !cursor) {
      return `refused a request the document calls valid: ${response.body.slice(0, 300)}`;
    }
  }
  return undefined;
}

// ---- the world the requests land in ----

async function seedsOf(world: ApiWorld): Promise<Seeds> {
  const record = json<{ recordId: string }>(await submit(world, penalty())).recordId;
  // an account no principal uses, for the route that disables one
  const spare = await createAccount(
    world.deps,
    { name: 'spare account', role: 'inquirer', authority: SHANGHAI_BANK },
    'test',
  );
  const { sections } = json<{ sections: Record<string, string[]> }>(
    await world.app.inject({ url: '/v1/catalog' }),
  );
  const section = (name: string) => sections[name] ?? [];
  const identifiers = [PERSON, BEIJING_FIRM];
  const authorities = [BEIJING_MARKET, NATIONAL_COURT, SHANGHAI_BANK];
  const regions = ['110000', '310000', '440113'];
  return new Map<string, unknown[]>([
    ['identifier', identifiers],
    ['subject_identifier', identifiers],
    ['subject', identifiers],
    ['other', identifiers],
    ['duplicate', identifiers],
    ['authority', authorities],
    ['id', [record, spare.account.id, ...authorities, ...Object.values(sections).flat()]],
    ['itemId', [record]],
    ['cursor', [encodeCursor(0), encodeCursor(3), encodeCursor('a')]],
    ['purpose', section('purposes')],
    ['type', section('record-types')],
    ['listType', section('list-types')],
    ['list', section('list-types')],
    ['action', section('measures')],
    ['model', section('rating-models')],
    ['region', regions],
    ['url', ['https://93.184.215.14/hook']],
    ['subject_region', regions],
    // records that pass, so that submissions, corrections and batches reach the store
    [
      '#SubmissionInput',
      [1, 2, 3].map((n) => penalty({ source_ref: `FUZZ-${n}`, decision_date: `2026-0${n}-01` })),
    ],
  ]);
}

describe.each(BACKENDS)('requests generated from the OpenAPI document on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('get documented answers only: no 5xx, a listed status, a matching body, no unstated refusal', async () => {
    world = await apiWorld(store());
    const seeds = await seedsOf(world);
    const principals: [string, string | undefined][] = [
      ...Object.entries(world.keys),
      ['person', world.personKey],
      ['anonymous', undefined],
    ];
    const failures: string[] = [];
    const started = Date.now();
    let requests = 0;
    const statuses = new Map<number, number>();
    for (const { method, path, op } of operations) {
      const requests$ = requestArbitrary(path, op, seeds);
      for (const [who, key] of principals) {
        try {
          await fc.assert(
            fc.asyncProperty(requests$, async ({ url, payload }) => {
              requests += 1;
              const response = await world.app.inject({
                method: method as 'GET',
                url,
                headers: auth(key),
                ...(payload === undefined ? {} : { payload: payload as object }),
              });
              statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
              const wrong = problem(op, response);
              if (wrong) throw new Error(wrong);
            }),
            { seed: SEED, numRuns: RUNS, endOnFailure: true },
          );
        } catch (error) {
          // fast-check's message names the seed, the path and the request; the cause says why
          const { message, cause } = error as Error & { cause?: Error };
          const request = /Counterexample: (.*)/.exec(message)?.[1] ?? message;
          failures.push(
            `${method} ${path} as ${who}: ${cause?.message ?? message} (seed ${SEED}, request ${request})`,
          );
        }
      }
    }
    console.log(
      `openapi fuzz on ${backend.name}: ${operations.length} operations × ${principals.length} principals × ${RUNS} runs (seed ${SEED}), ${requests} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    expect(failures).toEqual([]);
  }, 180_000);
});
