import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { courtRecord, listThroughDecision, on, registerListAuthorities } from '../support/lists.js';
import { NATIONAL_COURT, PERSON } from '../support/registry.js';
import { apiWorld, json, type ApiWorld } from './support.js';

interface Hit {
  name: string;
  kind: string;
  identifiers: Array<{ value: string; masked: boolean }>;
  score: number;
  reasons: string[];
  listed: boolean;
}

describe.each(BACKENDS)('GET /v1/search on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const search = async (query: string) => {
    const res = await world.app.inject({ method: 'GET', url: `/v1/search?${query}` });
    return { status: res.statusCode, body: json<{ items: Hit[]; error?: { field: string } }>(res) };
  };

  it('finds by name for anyone, masks persons, and filters by list status', async () => {
    world = await apiWorld(store());
    await registerListAuthorities(world.deps);
    // listed in April, so in force on the app's today (2026-06-15)
    await listThroughDecision(
      on(world.deps, '2026-04-02'),
      courtRecord({ decision_date: '2026-04-01' }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
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
