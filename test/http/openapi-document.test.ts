import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

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
