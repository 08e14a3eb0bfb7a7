import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, PERSON, TODAY } from '../support/registry.js';
import { apiWorld, json, submit, type ApiWorld } from './support.js';

interface Verification {
  issuedOn: string;
  organization: { name: string; identifier: string };
  digest: string;
  matches: boolean | null;
}

describe.each(BACKENDS)('public credit reports over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const issue = (identifier: string, query = '', headers: Record<string, string> = {}) =>
    world.app.inject({
      method: 'POST',
      url: `/v1/subjects/${identifier}/public-report${query}`,
      headers,
    });
  const verify = (code: string, digest?: string) =>
    world.app.inject({
      method: 'GET',
      url: `/v1/reports/verify?code=${encodeURIComponent(code)}${digest ? `&digest=${digest}` : ''}`,
    });
  const verifyDocument = (code: string, document: string) =>
    world.app.inject({ method: 'POST', url: '/v1/reports/verify', payload: { code, document } });
  const codeOf = (html: string) =>
    /<strong>([0-9A-Z]{5}(?:-[0-9A-Z]{5}){3})<\/strong>/.exec(html)?.[1] ?? '';

  it('issues an organization’s report to anyone and keeps its digest and date in the audit log', async () => {
    world = await apiWorld(store());
    await submit(world);
    const res = await issue(BEIJING_FIRM, '?lang=en');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/^<!doctype html>\s*<html lang="en">/);
    expect(res.body).toContain('北京测试科技有限公司: Public credit report');
    const code = codeOf(res.body);
    expect(code).toBe(res.headers['x-report-code']);
    const audit = await world.deps.store.listAudit(0, 1000);
    const entry = audit.find((e) => e.action === 'report.issued');
    expect(entry?.payload).toEqual({
      digest: res.headers['x-report-digest'],
      issuedOn: TODAY,
      lang: 'en',
      organization: { name: '北京测试科技有限公司', identifier: BEIJING_FIRM },
    });
    // the code itself is kept nowhere
    expect(JSON.stringify(audit)).not.toContain(code);
  });

  it('follows the reader’s language and declares it', async () => {
    world = await apiWorld(store());
    const zh = await issue(BEIJING_FIRM, '', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    expect(zh.body).toMatch(/<html lang="zh-CN">/);
    expect(zh.body).toContain('公共信用报告');
    expect(zh.body).not.toContain('Public credit report');
    const en = await issue(BEIJING_FIRM, '', { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.headers['content-language']).toBe('en');
  });

  it('sends the report with a strict policy, no framing, no sniffing and no caching', async () => {
    world = await apiWorld(store());
    const res = await issue(BEIJING_FIRM);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('verifies a code: issued, on what date, for whom, and whether the document matches', async () => {
    world = await apiWorld(store());
    await submit(world);
    const res = await issue(BEIJING_FIRM);
    const code = codeOf(res.body);
    const byCode = await verify(code);
    expect(byCode.statusCode, byCode.body).toBe(200);
    expect(json<Verification>(byCode)).toMatchObject({
      issuedOn: TODAY,
      organization: { name: '北京测试科技有限公司', identifier: BEIJING_FIRM },
      matches: null,
    });
    // typed by hand: lower case, without hyphens
    const typed = await verify(
      code.replace(/-/g, '').toLowerCase(),
      res.headers['x-report-digest'] as string,
    );
    expect(json<Verification>(typed).matches).toBe(true);
    // as saved on Windows: line ends change, the content does not
    const saved = await verifyDocument(code, res.body.replace(/\n/g, '\r\n'));
    expect(json<Verification>(saved).matches).toBe(true);
  });

  it('says a tampered document does not match', async () => {
    world = await apiWorld(store());
    await submit(world);
    const res = await issue(BEIJING_FIRM);
    const code = codeOf(res.body);
    const tampered = res.body.replace('北京测试科技有限公司', '北京另一家有限公司');
    expect(json<Verification>(await verifyDocument(code, tampered)).matches).toBe(false);
    const other = 'f'.repeat(64);
    expect(json<Verification>(await verify(code, other)).matches).toBe(false);
  });

  it('answers an unknown code and a code that cannot be one alike', async () => {
    world = await apiWorld(store());
    await issue(BEIJING_FIRM);
    const unknown = await verify('ABCDE-FGHJK-MNPQR-STVWX');
    const malformed = await verify('not a code');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    const strip = (body: string) => {
      const { error } = JSON.parse(body) as { error: Record<string, unknown> };
      delete error.requestId;
      return error;
    };
    expect(strip(malformed.body)).toEqual(strip(unknown.body));
    expect(strip(unknown.body)).toMatchObject({ code: 'REPORT_NOT_FOUND' });
  });

  it('throttles missed codes per address, as the public lookup does', async () => {
    world = await apiWorld(store(), { lookupThrottle: { misses: 2, windowSeconds: 600 } });
    const code = codeOf((await issue(BEIJING_FIRM)).body);
    expect((await verify('AAAAA-AAAAA-AAAAA-AAAAA')).statusCode).toBe(404);
    expect((await verify('BBBBB-BBBBB-BBBBB-BBBBB')).statusCode).toBe(404);
    // past the limit a right code waits as long as a wrong one
    const right = await verify(code);
    expect(right.statusCode).toBe(429);
    expect(json<{ error: { code: string } }>(right).error.code).toBe('LOOKUP_THROTTLED');
  });

  it('issues no public report of a person, and logs nothing', async () => {
    world = await apiWorld(store());
    const res = await issue(PERSON);
    expect(res.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(res).error.code).toBe('REPORT_PERSON');
    const audit = await world.deps.store.listAudit(0, 1000);
    expect(audit.some((e) => e.action === 'report.issued')).toBe(false);
  });
});
