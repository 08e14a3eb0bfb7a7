import { afterEach, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  firmRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
} from '../support/lists.js';
import { BEIJING_FIRM, PERSON, SHANGHAI_FIRM } from '../support/registry.js';
import { apiWorld, json, type ApiWorld } from './support.js';

interface Candidate {
  id: string;
  name: string;
  type: Array<{ id: string; name: string }>;
  score: number;
  match: boolean;
  features: Array<{ id: string; value: boolean }>;
}
type Results = Record<string, { result: Candidate[] }>;
interface Manifest {
  versions: string[];
  name: string;
  identifierSpace: string;
  schemaSpace: string;
  defaultTypes: Array<{ id: string; name: string }>;
  view: { url: string };
  preview: { url: string; width: number; height: number };
}
interface ErrorBody {
  error: { code: string; field?: string };
}

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

describe.each(BACKENDS)('the reconciliation service on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const text = (queries: unknown) =>
    encodeURIComponent(typeof queries === 'string' ? queries : JSON.stringify(queries));
  const byGet = (queries: unknown) =>
    world.app.inject({ method: 'GET', url: `/v1/reconcile?queries=${text(queries)}` });
  // as OpenRefine sends a batch: one form field holding the JSON
  const byForm = (queries: unknown) =>
    world.app.inject({
      method: 'POST',
      url: '/v1/reconcile',
      headers: { 'content-type': FORM },
      payload: `queries=${text(queries)}`,
    });
  const manifestFor = (host: string) =>
    world.app.inject({ method: 'GET', url: '/v1/reconcile', headers: { host } });
  const addFirm = (identifier: string, name: string) =>
    registerSubject(world.deps, { subject_identifier: identifier, subject_name: name }, 'test');

  it('serves the manifest with one type per kind of organization and absolute links', async () => {
    world = await apiWorld(store());
    const res = await manifestFor('registry.test:8080');
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const sut = json<Manifest>(res);
    expect(sut).toMatchObject({
      versions: ['0.2'],
      name: 'Credence',
      identifierSpace: 'https://credence.example/identifier/',
      schemaSpace: 'https://credence.example/schema/Subject',
      view: { url: 'http://registry.test:8080/v1/subjects/{{id}}' },
      preview: { url: 'http://registry.test:8080/v1/reconcile/preview?id={{id}}' },
    });
    expect(sut.defaultTypes.map((t) => t.id)).toEqual(['business', 'government', 'social_org']);
    expect(sut.preview.width).toBeGreaterThan(0);
    // the view template resolves a candidate's id to its public view
    const view = await world.app.inject({
      method: 'GET',
      url: new URL(sut.view.url.replace('{{id}}', BEIJING_FIRM)).pathname,
    });
    expect(view.statusCode).toBe(200);
  });

  it('refuses to echo a host header that is not a host name and port', async () => {
    world = await apiWorld(store());
    const res = await manifestFor('evil.test/"><script>');
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.field).toBe('header.host');
  });

  it('finds the firm by its Chinese name, its pinyin and its USCC, by GET and by form POST', async () => {
    world = await apiWorld(store());
    const batch = {
      q0: { query: '北京测试科技有限公司' },
      q1: { query: 'beijing ceshi keji' },
      q2: { query: BEIJING_FIRM },
    };
    for (const send of [byGet, byForm]) {
      const res = await send(batch);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const sut = json<Results>(res);
      const firm = { id: BEIJING_FIRM, name: '北京测试科技有限公司' };
      expect(sut.q0?.result[0]).toMatchObject({ ...firm, score: 100, match: true });
      expect(sut.q0?.result[0]?.type).toEqual([{ id: 'business', name: 'Business (企业)' }]);
      expect(sut.q1?.result[0]).toMatchObject({ ...firm, match: false });
      expect(sut.q1?.result[0]?.score).toBeGreaterThanOrEqual(90);
      expect(sut.q2?.result).toEqual([
        expect.objectContaining({
          ...firm,
          score: 100,
          match: true,
          features: [{ id: 'identifier_match', value: true }],
        }),
      ]);
    }
  });

  it('filters by type and region, keeps to the limit, and matches only an exact name no other shares', async () => {
    world = await apiWorld(store());
    await addFirm(SHANGHAI_FIRM, '上海测试科技有限公司');
    await addFirm(makeUscc('91440101', 'MA00TEXT'), '广州测试科技有限公司');
    const sut = json<Results>(
      await byGet({
        shared: { query: '测试科技' },
        one: { query: '测试科技', limit: 1 },
        shanghai: { query: '测试科技', properties: [{ pid: 'region', v: 31 }] },
        ignored: { query: '测试科技', properties: [{ pid: 'founded', v: '2001' }], limit: 30 },
        government: { query: '测试科技', type: 'government' },
        either: { query: '测试科技', type: ['social_org', 'business'], type_strict: 'any' },
      }),
    );
    expect(sut.shared?.result).toHaveLength(3);
    // three firms share the exact core name 测试科技: none is certain
    expect(sut.shared?.result.every((c) => c.score === 100)).toBe(true);
    expect(sut.shared?.result.some((c) => c.match)).toBe(false);
    expect(sut.one?.result).toHaveLength(1);
    expect(sut.shanghai?.result).toEqual([
      expect.objectContaining({ id: SHANGHAI_FIRM, score: 100, match: true }),
    ]);
    expect(sut.ignored?.result).toHaveLength(3);
    expect(sut.government?.result).toEqual([]);
    expect(sut.either?.result).toHaveLength(3);
  });

  it('never answers with a person, by name or by identifier', async () => {
    world = await apiWorld(store());
    const res = await byForm({
      name: { query: '张三' },
      pinyin: { query: 'zhang san' },
      identifier: { query: PERSON },
    });
    expect(res.statusCode).toBe(200);
    expect(json<Results>(res)).toEqual({
      name: { result: [] },
      pinyin: { result: [] },
      identifier: { result: [] },
    });
    expect(res.body).not.toContain(PERSON.slice(6, 14));
    const preview = await world.app.inject({
      method: 'GET',
      url: `/v1/reconcile/preview?id=${PERSON}`,
    });
    expect(preview.statusCode).toBe(404);
    expect(preview.body).not.toContain('张三');
  });

  it('previews an organization as escaped HTML: name, type, region and whether it is listed', async () => {
    world = await apiWorld(store());
    await registerListAuthorities(world.deps);
    // listed in April, so in force on the app's today (2026-06-15)
    await listThroughDecision(
      on(world.deps, '2026-04-02'),
      firmRecord('wage_arrears', {
        subject_name: '北京测试科技有限公司',
        authority: BEIJING_LABOUR,
        source_ref: 'W-1',
        decision_date: '2026-04-01',
        amount: '300000',
        workers_affected: 12,
      }),
      'wage_arrears_dishonest',
      BEIJING_LABOUR,
    );
    await addFirm(SHANGHAI_FIRM, '<script>alert(1)</script>有限公司');
    const preview = (id: string) =>
      world.app.inject({ method: 'GET', url: `/v1/reconcile/preview?id=${id}` });

    const listed = await preview(BEIJING_FIRM);
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(listed.headers['content-security-policy']).toContain("default-src 'none'");
    for (const text of ['北京测试科技有限公司', 'Business (企业)', '北京市', 'Listed'])
      expect(listed.body).toContain(text);

    const hostile = await preview(SHANGHAI_FIRM);
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain('<script>');
    expect(hostile.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;有限公司');
    expect(hostile.body).toContain('Not listed');

    const unknown = await preview(makeUscc('91440300', 'MA5NNNE1'));
    expect(unknown.statusCode).toBe(404);
    expect(json<ErrorBody>(unknown).error.code).toBe('SUBJECT_NOT_FOUND');
  });

  it('names the field of a bad batch', async () => {
    world = await apiWorld(store());
    const many = Object.fromEntries(
      Array.from({ length: 101 }, (_, i) => [`q${i}`, { query: 'x' }]),
    );
    const cases: Array<[unknown, string, string]> = [
      ['{"q0":', 'query.queries', 'RECONCILE_INVALID'],
      [[{ query: 'x' }], 'query.queries', 'RECONCILE_INVALID'],
      ['{"__proto__":{"query":"x"}}', 'query.queries', 'RECONCILE_INVALID'],
      [{ q0: { type: 'business' } }, 'query.queries.q0.query', 'RECONCILE_INVALID'],
      [{ q0: { query: ' ' } }, 'query.queries.q0.query', 'RECONCILE_INVALID'],
      [{ q0: { query: 'a\u0000b' } }, 'query.queries.q0.query', 'RECONCILE_INVALID'],
      [{ q0: { query: 'x', limit: 0 } }, 'query.queries.q0.limit', 'RECONCILE_INVALID'],
      [{ q0: { query: 'x', type: 'person' } }, 'query.queries.q0.type', 'RECONCILE_INVALID'],
      [
        { q0: { query: 'x', properties: [{ pid: 'region', v: 'Beijing' }] } },
        'query.queries.q0.properties.0.v',
        'RECONCILE_INVALID',
      ],
      [many, 'query.queries', 'BATCH_TOO_LARGE'],
    ];
    for (const [queries, field, code] of cases) {
      const res = await byGet(queries);
      const what = JSON.stringify(queries).slice(0, 80);
      expect(res.statusCode, what).toBe(code === 'BATCH_TOO_LARGE' ? 413 : 400);
      expect(json<ErrorBody>(res).error, what).toMatchObject({ code, field });
    }
    const form = await byForm({ q0: {} });
    expect(json<ErrorBody>(form).error).toMatchObject({ field: 'queries.q0.query' });
    const missing = await world.app.inject({
      method: 'POST',
      url: '/v1/reconcile',
      headers: { 'content-type': FORM },
      payload: 'query=x',
    });
    expect(missing.statusCode).toBe(400);
    expect(json<ErrorBody>(missing).error.field).toBe('queries');
  });
});
