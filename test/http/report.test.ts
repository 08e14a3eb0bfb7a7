import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, PERSON, penalty } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface Report {
  items: Array<{ current: { type: string } }>;
  inquiries: Array<{ purpose: string; accountName: string }>;
}

describe.each(BACKENDS)('the own report over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const get = (url: string, key: string) =>
    world.app.inject({ method: 'GET', url, headers: auth(key) });

  it('gives the subject its whole file and everyone who looked, this read included', async () => {
    world = await apiWorld(store());
    await submit(world);
    await get(`/v1/subjects/${BEIJING_FIRM}/file?purpose=supervision`, world.keys.decider);
    const res = await get(`/v1/subjects/${BEIJING_FIRM}/report`, world.keys.subject);
    expect(res.statusCode, res.body).toBe(200);
    const report = json<Report>(res);
    expect(report.items.map((i) => i.current.type)).toEqual(['admin_penalty']);
    expect(report.inquiries.map((q) => `${q.purpose} ${q.accountName}`)).toEqual([
      'supervision decider account',
      'subject_own subject account',
    ]);
  });

  it('prints as an HTML page with every text escaped', async () => {
    world = await apiWorld(store());
    await submit(world, penalty({ facts: '<script>alert(1)</script>' }));
    const res = await get(
      `/v1/subjects/${BEIJING_FIRM}/report/printable?lang=en`,
      world.keys.subject,
    );
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html lang="en">/);
    expect(res.body).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(res.body).not.toContain('<script>');
    expect(res.body).toContain('Who looked at this file (1)');
  });

  it('prints in the reader’s language and declares it: Chinese by default, English when asked', async () => {
    world = await apiWorld(store());
    await submit(world);
    const zh = await get(`/v1/subjects/${BEIJING_FIRM}/report/printable`, world.keys.subject);
    expect(zh.body).toMatch(/<html lang="zh-CN">/);
    expect(zh.body).toContain('本人信用报告');
    expect(zh.body).toContain('行政处罚');
    expect(zh.body).not.toMatch(/Who looked|own credit report|admin_penalty/);
    const en = await world.app.inject({
      method: 'GET',
      url: `/v1/subjects/${BEIJING_FIRM}/report/printable`,
      headers: { ...auth(world.keys.subject), 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' },
    });
    expect(en.body).toMatch(/<html lang="en">/);
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toContain('Administrative penalty');
  });

  it('is the subject’s own: another subject may not read it, the operator may hand it over', async () => {
    world = await apiWorld(store());
    const other = await get(`/v1/subjects/${PERSON}/report`, world.keys.subject);
    expect(json<{ error: { code: string } }>(other).error.code).toBe('SUBJECT_NOT_FOUND');
    expect(await world.deps.store.listAudit(0, 1000)).not.toContainEqual(
      expect.objectContaining({ action: 'subject.inquire' }),
    );
    const counter = await get(`/v1/subjects/${PERSON}/report`, world.keys.operator);
    expect(json<Report>(counter).inquiries.map((q) => q.purpose)).toEqual(['subject_own']);
    const bank = await createAccount(
      world.deps,
      {
        name: 'bank',
        role: 'inquirer',
        authority: (await world.deps.store.listAuthorities())[0]!.id,
      },
      'test',
    );
    expect((await get(`/v1/subjects/${PERSON}/report`, bank.apiKey)).statusCode).toBe(403);
  });
});
