import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, penalty } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface Job {
  id: string;
  status: string;
  summary: { rows: number; created: number; rejected: number } | null;
}
interface Run {
  id: string;
  finishedAt: string | null;
  rated: number;
  grades: Record<string, number>;
}

/** a test that waits on background work may take two waits of up to 90 s each */
const BACKGROUND_TIMEOUT = 240_000;

/**
 * Polls a route until `done` holds. A wait, not a timing: on a loaded machine background work
 * may take many seconds, so it gives up only after 90.
 */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('background work did not finish in 90 s');
}

const csvOf = (rows: Array<Record<string, unknown>>): string => {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join(
    '\n',
  );
};

describe.each(BACKENDS)('imports and rating runs over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const get = (url: string, key = world.keys.furnisher) =>
    world.app.inject({ method: 'GET', url, headers: auth(key) });

  it(
    'imports an uploaded CSV, reports its progress, and gives the bad rows with their line numbers',
    { timeout: BACKGROUND_TIMEOUT },
    async () => {
      world = await apiWorld(store());
      const body = csvOf([
        penalty({ source_ref: 'I-1', authority: undefined }),
        penalty({ source_ref: 'I-2', fine_amount: '-5' }),
        penalty({ source_ref: 'I-3' }),
      ]);
      const res = await world.app.inject({
        method: 'POST',
        url: '/v1/imports',
        headers: { ...auth(world.keys.furnisher), 'content-type': 'text/csv' },
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(202);
      const { id } = json<Job>(res);
      const done = await until(
        async () => json<Job>(await get(`/v1/imports/${id}`)),
        (job) => job.status !== 'running',
      );
      expect(done).toMatchObject({
        status: 'finished',
        summary: { rows: 3, created: 2, rejected: 1 },
      });
      const report = await get(`/v1/imports/${id}/errors`);
      expect(report.headers['content-type']).toMatch(/^text\/csv/);
      expect(report.body.split('\n').slice(0, 2)).toEqual([
        'line,field,code,message,rule_zh',
        expect.stringMatching(/^3,fine_amount,AMOUNT_INVALID,/),
      ]);
      // the operator follows every import; a subject's account may not
      const other = await get(`/v1/imports/${id}`, world.keys.operator);
      expect(other.statusCode).toBe(200);
      expect((await get(`/v1/imports/${id}`, world.keys.subject)).statusCode).toBe(403);
    },
  );

  it(
    'rejects the rows of another authority and refuses a body that is not a data file',
    { timeout: BACKGROUND_TIMEOUT },
    async () => {
      world = await apiWorld(store());
      const res = await world.app.inject({
        method: 'POST',
        url: '/v1/imports',
        headers: { ...auth(world.keys.furnisher), 'content-type': 'application/x-ndjson' },
        payload: `${JSON.stringify(penalty({ authority: '121000004000001300' }))}\n`,
      });
      const { id } = json<Job>(res);
      const done = await until(
        async () => json<Job>(await get(`/v1/imports/${id}`)),
        (j) => j.status !== 'running',
      );
      expect(done.summary).toMatchObject({ rows: 1, created: 0, rejected: 1 });
      expect((await get(`/v1/imports/${id}/errors`)).body).toContain(
        'authority,AUTHORITY_MISMATCH',
      );
      const plain = await world.app.inject({
        method: 'POST',
        url: '/v1/imports',
        headers: { ...auth(world.keys.furnisher), 'content-type': 'text/plain' },
        payload: 'hello',
      });
      expect(plain.statusCode).toBe(415);
      expect(json<{ error: { code: string } }>(plain).error.code).toBe('REQUEST_CONTENT_TYPE');
    },
  );

  it(
    'starts a rating run, follows it to its end, pages its results and compares two runs',
    { timeout: BACKGROUND_TIMEOUT },
    async () => {
      world = await apiWorld(store());
      await submit(world);
      const start = (body: object) =>
        world.app.inject({
          method: 'POST',
          url: '/v1/rating-runs',
          headers: auth(world.keys.operator),
          payload: body,
        });
      const res = await start({ model: 'public_comprehensive_evaluation' });
      expect(res.statusCode, res.body).toBe(202);
      const first = await until(
        async () =>
          json<Run>(await get(`/v1/rating-runs/${json<Run>(res).id}`, world.keys.operator)),
        (run) => run.finishedAt !== null,
      );
      expect(first.rated).toBeGreaterThan(0);
      const ratings = json<{ items: Array<{ subjectId: string; grade: string; result: object }> }>(
        await get(`/v1/rating-runs/${first.id}/ratings`, world.keys.decider),
      ).items;
      expect(ratings).toHaveLength(first.rated);
      // a page at a time, by the cursor each page gives; a cursor it never gave is refused
      const paged: typeof ratings = [];
      for (let cursor: string | null = ''; cursor !== null;) {
        const page: { items: typeof ratings; next: string | null } = json(
          await get(
            `/v1/rating-runs/${first.id}/ratings?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
            world.keys.decider,
          ),
        );
        paged.push(...page.items);
        cursor = page.next;
      }
      expect(paged).toEqual(ratings);
      const forged = Buffer.from(JSON.stringify('sub_x')).toString('base64url');
      const refused = await get(
        `/v1/rating-runs/${first.id}/ratings?cursor=${forged}`,
        world.keys.decider,
      );
      expect(refused.statusCode).toBe(400);
      expect(json<{ error: { code: string; field: string } }>(refused).error).toMatchObject({
        code: 'REQUEST_INVALID',
        field: 'query.cursor',
      });
      // one run started, then followed: a poll must not start another each time
      const started = json<Run>(
        await start({ model: 'public_comprehensive_evaluation', draft: true }),
      );
      const second = await until(
        async () => json<Run>(await get(`/v1/rating-runs/${started.id}`, world.keys.operator)),
        (run) => run.finishedAt !== null,
      );
      const migration = json<{ unchanged: number; changed: number }>(
        await get(`/v1/rating-runs/${second.id}/migration?from=${first.id}`, world.keys.operator),
      );
      expect(migration).toMatchObject({ unchanged: first.rated, changed: 0 });
      const unknown = await start({ model: 'no_such_model' });
      expect(json<{ error: { code: string } }>(unknown).error.code).toBe('RATING_MODEL_UNKNOWN');
      const future = await start({ model: 'public_comprehensive_evaluation', asOf: '2030-01-01' });
      expect(json<{ error: { code: string } }>(future).error.code).toBe('DATE_ORDER');
      const view = json<{ ratings: Array<{ modelId: string }> }>(
        await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` }),
      );
      expect(Array.isArray(view.ratings)).toBe(true);
    },
  );
});
