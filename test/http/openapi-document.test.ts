import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { PERSON, SHANGHAI_FIRM } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Operation {
  description?: string;
  security?: unknown[];
  responses: Record<string, { description: string; content?: unknown }>;
}

const document = JSON.parse(readFileSync(`${PROJECT_ROOT}/docs/openapi.json`, 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
);

describe('the committed OpenAPI document', () => {
  it('says each operation’s description once', () => {
    for (const { name, op } of operations) {
      const paragraphs = (op.description ?? '').split('\n\n');
      expect(new Set(paragraphs).size, name).toBe(paragraphs.length);
    }
  });

  it('describes every response by what it means, never as "Default Response"', () => {
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${name} ${status}`).not.toBe('Default Response');
        expect(response.description.length, `${name} ${status}`).toBeGreaterThan(1);
      }
    }
  });

  it('documents 400, 401 and 431 on every operation, 403 where an account is needed, 429 where limited', () => {
    for (const { name, op } of operations) {
      const statuses = Object.keys(op.responses);
      expect(statuses, name).toEqual(expect.arrayContaining(['400', '401', '431']));
      if (op.security?.length) expect(statuses, name).toContain('403');
      if (!['GET /health', 'GET /ready'].includes(name)) expect(statuses, name).toContain('429');
    }
  });
});

describe.each(BACKENDS)('text the document requires on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('refuses white space alone where a text must not be empty, as the document’s pattern says', async () => {
    world = await apiWorld(store());
    const before = await world.deps.store.counts();
    const cases = [
      await world.app.inject({
        method: 'POST',
        url: '/v1/subjects',
        headers: auth(world.keys.operator),
        payload: { subject_identifier: SHANGHAI_FIRM, subject_name: ' \t ' },
      }),
      await world.app.inject({
        method: 'POST',
        url: '/v1/checks',
        headers: auth(world.keys.implementer),
        payload: { identifier: PERSON, action: '   ' },
      }),
      await world.app.inject({ method: 'GET', url: '/v1/search?q=%20%20' }),
    ];
    expect(cases.map((r) => json<{ error: { code: string; field: string } }>(r).error)).toEqual([
      expect.objectContaining({ code: 'REQUEST_INVALID', field: 'subject_name' }),
      expect.objectContaining({ code: 'REQUEST_INVALID', field: 'action' }),
      expect.objectContaining({ code: 'REQUEST_INVALID', field: 'query.q' }),
    ]);
    expect(await world.deps.store.counts()).toEqual(before);
    const name = (
      document.paths['/v1/subjects']!.post as unknown as {
        requestBody: {
          content: Record<string, { schema: { properties: Record<string, unknown> } }>;
        };
      }
    ).requestBody.content['application/json']!.schema.properties.subject_name;
    expect(name).toMatchObject({ minLength: 1, pattern: '\\S' });
  });
});
