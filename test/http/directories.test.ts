import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  firmRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
} from '../support/lists.js';
import { BEIJING_FIRM, BEIJING_MARKET } from '../support/registry.js';
import { apiWorld, json, submit, type ApiWorld } from './support.js';

interface Row {
  list: { id: string };
  [key: string]: unknown;
}

interface Page {
  items: Row[];
  next: string | null;
}

describe.each(BACKENDS)('the public directory routes on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const get = (url: string) => world.app.inject({ method: 'GET', url });

  /** the Beijing firm blacklisted in April (in force today) and commended (a redlist) */
  async function listed(): Promise<void> {
    await registerListAuthorities(world.deps);
    await listThroughDecision(
      on(world.deps, '2026-04-01'),
      firmRecord('wage_arrears', {
        authority: BEIJING_LABOUR,
        source_ref: 'W-1',
        decision_date: '2026-03-20',
        amount: '300000',
        workers_affected: 12,
      }),
      'wage_arrears_dishonest',
      BEIJING_LABOUR,
    );
    await submit(
      world,
      firmRecord('commendation', {
        authority: BEIJING_MARKET,
        source_ref: 'H-1',
        honour: '全国守合同重信用企业',
        level: 'national',
      }),
    );
  }

  it('shows anyone the lists in force, a blacklist as a sanction and a redlist never as one', async () => {
    world = await apiWorld(store());
    await listed();
    const res = await get('/v1/directory/list-entries');
    expect(res.statusCode).toBe(200);
    const rows = json<Page>(res).items;
    const byList = Object.fromEntries(rows.map((r) => [r.list.id, r]));
    expect(byList.wage_arrears_dishonest).toMatchObject({
      list: { colour: 'black', sanction: true },
      authority: { name: '北京市人力资源和社会保障局' },
      subject: { pageIdentifier: BEIJING_FIRM },
    });
    expect(byList.commended_subjects).toMatchObject({ list: { colour: 'red', sanction: false } });
    const black = json<Page>(await get('/v1/directory/list-entries?colour=black')).items;
    expect(black.map((r) => r.list.id)).toEqual(['wage_arrears_dishonest']);
    expect(json<Page>(await get('/v1/directory/list-entries?region=31')).items).toEqual([]);
  });

  it('keeps the older per-list route answering from the same rows', async () => {
    world = await apiWorld(store());
    await listed();
    const res = await get('/v1/lists/wage_arrears_dishonest/entries');
    expect(res.statusCode).toBe(200);
    expect(json<Page>(res).items).toMatchObject([
      { subject: { name: '北京测试科技有限公司' }, authority: BEIJING_LABOUR },
    ]);
  });

  it('shows the latest public penalties and pages with a cursor', async () => {
    world = await apiWorld(store());
    expect((await submit(world)).statusCode).toBe(201);
    const first = json<Page>(await get('/v1/directory/disclosures?kind=penalty&limit=1'));
    expect(first.items).toMatchObject([
      { kind: 'penalty', typeName: { zh: '行政处罚' }, record: { type: 'admin_penalty' } },
    ]);
    const after = await get(`/v1/directory/disclosures?kind=penalty&limit=1&cursor=${first.next}`);
    expect(json<Page>(after)).toEqual({ items: [], next: null });
  });

  it('refuses a bad filter or a cursor it did not give out, naming the field', async () => {
    world = await apiWorld(store());
    for (const url of [
      '/v1/directory/list-entries?region=abc',
      '/v1/directory/list-entries?colour=green',
      '/v1/directory/list-entries?listType=no_such_list',
      // an empty filter is not a missing one: it would answer with every list
      '/v1/directory/list-entries?listType=',
      '/v1/directory/disclosures?from=2026-02-30',
      '/v1/directory/disclosures?cursor=bm9wZQ',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });
});
