import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import {
  courtRecord,
  firmRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
} from '../support/lists.js';
import { BEIJING_MARKET, NATIONAL_COURT, PERSON } from '../support/registry.js';
import { apiWorld, json, type ApiWorld } from './support.js';

interface Hit {
  name: string;
  kind: string;
  identifiers: Array<{ value: string; masked: boolean }>;
  score: number;
  reasons: string[];
  listed: boolean;
  colours: string[];
}

describe.each(BACKENDS)('GET /v1/search on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const search = async (query: string) => {
    const res = await world.app.inject({ method: 'GET', url: `/v1/search?${query}` });
    return { status: res.statusCode, body: json<{ items: Hit[]; error?: { field: string } }>(res) };
  };

  /** the person on the court's list since April, so in force on the app's today (2026-06-15) */
  const listPerson = async () => {
    await registerListAuthorities(world.deps);
    await listThroughDecision(
      on(world.deps, '2026-04-02'),
      courtRecord({ decision_date: '2026-04-01' }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
  };

  it('finds by name for anyone, masks persons, and filters by list status', async () => {
    world = await apiWorld(store());
    await listPerson();
    const found = await search(`q=${encodeURIComponent('zhang san')}&kind=person`);
    expect(found.status).toBe(200);
    expect(found.body.items[0]).toMatchObject({ name: '张三', kind: 'person', listed: true });
    expect(found.body.items[0]!.identifiers).toEqual([
      { scheme: 'ric', value: `${PERSON.slice(0, 6)}************`, masked: true },
    ]);
    expect((await search('q=%E5%BC%A0%E4%B8%89&listed=false')).body.items).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ name: '张三' })]),
    );
    const firm = await search(`q=${encodeURIComponent('北京测试科技')}`);
    expect(firm.body.items[0]).toMatchObject({ name: '北京测试科技有限公司', listed: false });
  });

  it('tells a commended firm from a blacklisted person: each hit names its list colours, and the filter takes one', async () => {
    world = await apiWorld(store());
    await listPerson();
    // a national honour puts the firm on the commended subjects' redlist by itself
    await submitRecord(
      world.deps,
      firmRecord('commendation', {
        subject_name: '北京测试科技有限公司',
        authority: BEIJING_MARKET,
        source_ref: 'H-1',
        honour: '全国质量奖',
        level: 'national',
        decision_date: '2026-06-01',
      }),
      'furnisher',
    );
    const firm = (await search(`q=${encodeURIComponent('北京测试科技')}`)).body.items[0];
    expect(firm).toMatchObject({ name: '北京测试科技有限公司', listed: true, colours: ['red'] });
    const person = (await search(`q=${encodeURIComponent('zhang san')}&kind=person`)).body.items[0];
    expect(person).toMatchObject({ name: '张三', colours: ['black'] });
    const black = await search(`q=${encodeURIComponent('北京测试科技')}&colour=black`);
    expect(black.body.items.map((h) => h.name)).not.toContain('北京测试科技有限公司');
    const red = await search(`q=${encodeURIComponent('北京测试科技')}&colour=red`);
    expect(red.body.items.map((h) => h.name)).toContain('北京测试科技有限公司');
    expect((await search('q=x&colour=blue')).status).toBe(400);
  });

  it('names the field of a bad query', async () => {
    world = await apiWorld(store());
    for (const [query, field] of [
      ['q=', 'query.q'],
      ['q=x&region=beijing', 'query.region'],
      ['q=x&kind=robot', 'query.kind'],
    ] as const) {
      const bad = await search(query);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error?.field, query).toBe(field);
    }
  });
});
