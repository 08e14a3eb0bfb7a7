import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { COLUMNS, csvLine, penaltyRows } from '../support/import-files.js';
import { penalty, SHANGHAI_FIRM } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

/** A JSON text as UTF-8 with `bytes` put in place of the marker `@@`: a string that is not UTF-8. */
const withBytes = (value: object, bytes: number[]): Buffer => {
  const [before, after] = JSON.stringify(value).split('@@') as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
};

/** Byte sequences no UTF-8 text holds: a lone continuation, an overlong slash, a surrogate, a cut. */
const NOT_UTF8 = [[0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xb8]];

describe.each(BACKENDS)('request bodies that are not UTF-8 on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const post = (url: string, key: string, type: string, payload: Buffer) =>
    world.app.inject({
      method: 'POST',
      url,
      headers: { ...auth(key), 'content-type': type },
      payload,
    });

  it('refuses a JSON body holding bytes that are not UTF-8, and stores nothing', async () => {
    world = await apiWorld(store());
    const before = await world.deps.store.counts();
    for (const bytes of NOT_UTF8) {
      const cases = [
        await post(
          '/v1/records',
          world.keys.furnisher,
          'application/json',
          withBytes(penalty({ facts: 'x@@y' }), bytes),
        ),
        await post(
          '/v1/subjects',
          world.keys.operator,
          'application/json; charset=utf-8',
          withBytes({ subject_identifier: SHANGHAI_FIRM, subject_name: '上海@@' }, bytes),
        ),
      ];
      for (const res of cases) {
        expect(res.statusCode, res.body).toBe(400);
        expect(json(res)).toMatchObject({
          error: {
            code: 'ENCODING_INVALID',
            field: 'body',
            requestId: res.headers['x-request-id'],
          },
        });
      }
    }
    expect(await world.deps.store.counts()).toEqual(before);
    // the same text in UTF-8 is stored as sent
    const good = await post(
      '/v1/records',
      world.keys.furnisher,
      'application/json',
      Buffer.from(JSON.stringify(penalty({ facts: '罚款 €5 😀' }))),
    );
    expect(good.statusCode, good.body).toBe(201);
  });

  it('refuses a reconciliation form that is not UTF-8', async () => {
    world = await apiWorld(store());
    const form = Buffer.concat([Buffer.from('queries='), Buffer.from([0xff])]);
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/reconcile',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'ENCODING_INVALID', field: 'body' } });
  });

  it('refuses an uploaded CSV or JSON Lines file holding bytes that are not UTF-8', async () => {
    world = await apiWorld(store());
    const [row] = penaltyRows(1);
    const csv = Buffer.concat([
      Buffer.from(`${COLUMNS.join(',')}\n${csvLine({ ...row!, facts: 'a' })}`),
      Buffer.from([0xff, 0x0a]),
    ]);
    const jsonl = withBytes({ ...row!, facts: 'a@@' }, [0xc3]);
    for (const [type, body] of [
      ['text/csv', csv],
      ['application/x-ndjson', jsonl],
    ] as const) {
      const res = await post('/v1/imports', world.keys.furnisher, type, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res)).toMatchObject({ error: { code: 'ENCODING_INVALID', field: 'body' } });
    }
  });
});
