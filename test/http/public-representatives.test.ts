import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, PERSON } from '../support/registry.js';
import { apiWorld, json, type ApiWorld } from './support.js';

/** PERSON is registered as 张三 (see public-lookup.test.ts). */
const NAME = '张三';

type Answer = { items: { kind: string; name: string; since: string | null }[] };

describe.each(BACKENDS)('an organization’s representatives in public on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => void (await world?.app.close()));

  const representatives = (identifier: string) =>
    world.app.inject({ method: 'GET', url: `/v1/subjects/${identifier}/representatives` });

  it('names the legal representative the registration authority recorded, never its number', async () => {
    world = await apiWorld(store());
    expect(json<Answer>(await representatives(BEIJING_FIRM)).items).toEqual([]);
    const related = await world.app.inject({
      method: 'POST',
      url: `/v1/subjects/${BEIJING_FIRM}/relations`,
      headers: { authorization: `Bearer ${world.keys.furnisher}` },
      payload: { kind: 'legal_representative', other: PERSON, basis: '京市监登字〔2026〕第0001号' },
    });
    expect(related.statusCode, related.body).toBe(204);
    const res = await representatives(BEIJING_FIRM);
    expect(res.statusCode).toBe(200);
    expect(json<Answer>(res).items).toEqual([
      { kind: 'legal_representative', name: NAME, since: expect.any(String) },
    ]);
    expect(res.body).not.toContain(PERSON);
    expect(res.body).not.toContain(PERSON.slice(6, 14));
  });

  it('answers a person’s number as one no one carries', async () => {
    world = await apiWorld(store());
    const person = await representatives(PERSON);
    expect(person.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(person).error.code).toBe('SUBJECT_NOT_FOUND');
    expect(person.body).not.toContain(NAME);
  });
});
