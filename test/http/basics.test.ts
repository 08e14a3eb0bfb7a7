import { describe, expect, it, afterEach } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, PERSON, penalty } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

describe.each(BACKENDS)('HTTP basics on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('answers health and readiness, and tags every response with a request id', async () => {
    world = await apiWorld(store());
    const health = await world.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
    const ready = await world.app.inject({ method: 'GET', url: '/ready' });
    expect(json(ready)).toEqual({ status: 'ready', store: backend.name });
  });

  it('submits a record as a furnisher and shows it in the public view', async () => {
    world = await apiWorld(store());
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: auth(world.keys.furnisher),
      payload: penalty(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` });
    expect(view.statusCode, view.body).toBe(200);
    const body = json<{ records: Array<{ type: string }> }>(view);
    expect(body.records.map((r) => r.type)).toEqual(['admin_penalty']);
  });

  it("masks a person's identifier in the public view", async () => {
    world = await apiWorld(store());
    const view = await world.app.inject({
      method: 'GET',
      url: `/v1/subjects/${PERSON}?name=${encodeURIComponent('张三')}`,
    });
    const body = json<{ subject: { identifiers: Array<{ value: string; masked: boolean }> } }>(
      view,
    );
    expect(body.subject.identifiers).toEqual([
      { scheme: 'ric', value: `${PERSON.slice(0, 6)}************`, masked: true },
    ]);
    expect(view.body).not.toContain(PERSON);
    expect(view.body).not.toContain(PERSON.slice(6, 14));
  });
});
