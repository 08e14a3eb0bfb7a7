import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

const NOT_DATES = ['2026-02-30', '9999-99-99', '0000-00-00', '06/12/2026', ''];

interface ErrorReply {
  error: { code: string; field?: string };
}

describe.each(BACKENDS)('date inputs of the API on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST', url: string, key?: string, payload?: object) =>
    world.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });

  it('refuses a date that is not a real one with DATE_INVALID naming the field, in queries and bodies', async () => {
    world = await apiWorld(store());
    const audit = await world.deps.store.listAudit(0, 100_000);
    const q = encodeURIComponent;
    for (const date of NOT_DATES) {
      const cases: Array<[Awaited<ReturnType<typeof call>>, string]> = [
        [await call('GET', `/v1/subjects/${BEIJING_FIRM}?asOf=${q(date)}`), 'query.asOf'],
        [
          await call(
            'GET',
            `/v1/subjects/${PERSON}/file?purpose=loan_approval&asOf=${q(date)}`,
            world.keys.inquirer,
          ),
          'query.asOf',
        ],
        [
          await call(
            'GET',
            `/v1/subjects/${BEIJING_FIRM}/report?asOf=${q(date)}`,
            world.keys.subject,
          ),
          'query.asOf',
        ],
        [
          await call('POST', '/v1/checks', world.keys.implementer, {
            identifier: PERSON,
            action: 'rail.g_train_ticket',
            date,
          }),
          'date',
        ],
        [
          await call('POST', '/v1/rating-runs', world.keys.operator, {
            model: 'city_personal_score',
            asOf: date,
          }),
          'asOf',
        ],
        [
          await call('POST', '/v1/screening', world.keys.inquirer, {
            queries: [{ name: '张三', birthDate: date }],
          }),
          'queries.0.birthDate',
        ],
      ];
      for (const [res, field] of cases) {
        expect(res.statusCode, `${date} ${field}: ${res.body}`).toBe(400);
        expect(json<ErrorReply>(res).error, date).toMatchObject({ code: 'DATE_INVALID', field });
      }
    }
    // nothing was read, so nothing landed in an inquiry log
    expect(await world.deps.store.listAudit(0, 100_000)).toEqual(audit);
  });

  it('answers a batch check item with a date that is not one as that item’s error', async () => {
    world = await apiWorld(store());
    const res = await call('POST', '/v1/checks/batch', world.keys.implementer, {
      checks: [
        ...NOT_DATES.map((date) => ({ identifier: PERSON, action: 'rail.g_train_ticket', date })),
        { identifier: PERSON, action: 'rail.g_train_ticket', date: '2026-06-15' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const { results } = json<{
      results: Array<{ decision?: string; error?: { code: string; field: string } }>;
    }>(res);
    expect(results.map((r) => r.error ?? r.decision)).toEqual(
      [...NOT_DATES.map(() => ({ code: 'DATE_INVALID', field: 'date' })), 'allow'].map((e) =>
        typeof e === 'string' ? e : expect.objectContaining(e),
      ),
    );
  });
});
