import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { uniqueRic } from '../support/factories.js';
import {
  BEIJING_FIRM,
  loanDefault as loanDefaultOf,
  penalty,
  PERSON,
  SHANGHAI_BANK,
  SHANGHAI_FIRM,
} from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface FileReply {
  purpose: string;
  withheld: number;
  items: Array<{ current: { type: string }; visibility: string }>;
  inquiry: { seq: number; purpose: string };
}
interface ErrorReply {
  error: { code: string; field?: string };
}

/** The borrower's written consent a loan approval read carries (a consent-based purpose). */
const CONSENT = 'consentDocument=SQ-1&consentDate=2026-06-01&consentScope=loan%20application';

/** A loan default about the Shanghai firm: restricted financial data. */
const loanDefault = loanDefaultOf();

describe.each(BACKENDS)('subject routes on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const get = (url: string, key?: string) =>
    world.app.inject({ method: 'GET', url, headers: auth(key) });

  async function withLoanDefault() {
    world = await apiWorld(store());
    const bank = await createAccount(
      world.deps,
      { name: 'bank desk', role: 'furnisher', authority: SHANGHAI_BANK },
      'test',
    );
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: auth(bank.apiKey),
      payload: loanDefault,
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  it('keeps restricted records out of the public view', async () => {
    await withLoanDefault();
    const view = json<{ records: unknown[]; subject: { identifiers: Array<{ value: string }> } }>(
      await get(`/v1/subjects/${SHANGHAI_FIRM}`),
    );
    expect(view.records).toEqual([]);
    expect(view.subject.identifiers[0]?.value).toBe(SHANGHAI_FIRM);
  });

  it('shows restricted records only for a purpose that covers them, and logs every read', async () => {
    await withLoanDefault();
    const loan = await get(
      `/v1/subjects/${SHANGHAI_FIRM}/file?purpose=loan_approval&${CONSENT}`,
      world.keys.inquirer,
    );
    expect(loan.statusCode, loan.body).toBe(200);
    const covered = json<FileReply>(loan);
    expect(covered).toMatchObject({ purpose: 'loan_approval', withheld: 0 });
    expect(covered.items.map((i) => [i.current.type, i.visibility])).toEqual([
      ['loan_default', 'restricted'],
    ]);

    const procurement = json<FileReply>(
      await get(
        `/v1/subjects/${SHANGHAI_FIRM}/file?purpose=procurement_check`,
        world.keys.implementer,
      ),
    );
    expect(procurement).toMatchObject({ withheld: 1, items: [] });

    const subject = await createAccount(
      world.deps,
      { name: 'the firm', role: 'subject', subject: SHANGHAI_FIRM },
      'test',
    );
    const log = json<{
      items: Array<{ purpose: string; accountName: string; read: { restricted: string[] } }>;
    }>(await get(`/v1/subjects/${SHANGHAI_FIRM}/inquiries`, subject.apiKey));
    expect(log.items.map((i) => [i.purpose, i.accountName, i.read.restricted.length])).toEqual([
      ['loan_approval', 'inquirer account', 1],
      ['procurement_check', 'implementer account', 0],
    ]);
    // the subject's own read is logged too, as its own purpose
    const own = json<FileReply>(await get(`/v1/subjects/${SHANGHAI_FIRM}/file`, subject.apiKey));
    expect(own).toMatchObject({ purpose: 'subject_own', withheld: 0 });
    const audit = await world.deps.store.listAudit(0, 1000);
    expect(audit.filter((a) => a.action === 'subject.inquire')).toHaveLength(3);
  });

  it('refuses a read without a catalog purpose, and the subject’s purpose to anyone else', async () => {
    await withLoanDefault();
    const none = await get(`/v1/subjects/${SHANGHAI_FIRM}/file`, world.keys.inquirer);
    expect(json<ErrorReply>(none).error).toMatchObject({
      code: 'PURPOSE_UNKNOWN',
      field: 'query.purpose',
    });
    const unknown = await get(
      `/v1/subjects/${SHANGHAI_FIRM}/file?purpose=marketing`,
      world.keys.inquirer,
    );
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorReply>(unknown).error).toMatchObject({
      code: 'PURPOSE_UNKNOWN',
      field: 'purpose',
    });
    const borrowed = await get(
      `/v1/subjects/${SHANGHAI_FIRM}/file?purpose=subject_own`,
      world.keys.inquirer,
    );
    expect(json<ErrorReply>(borrowed).error.code).toBe('PURPOSE_FORBIDDEN');
    // a regulator cannot claim a bank's purpose to read financial records
    const claimed = await get(
      `/v1/subjects/${SHANGHAI_FIRM}/file?purpose=loan_approval`,
      world.keys.furnisher,
    );
    expect(claimed.statusCode).toBe(403);
    expect(json<ErrorReply>(claimed).error).toMatchObject({
      code: 'PURPOSE_FORBIDDEN',
      field: 'purpose',
    });
    const audit = await world.deps.store.listAudit(0, 1000);
    expect(audit.filter((a) => a.action === 'subject.inquire')).toEqual([]);
  });

  it('lets a subject read only its own file and its own inquiry log', async () => {
    world = await apiWorld(store());
    const other = await get(`/v1/subjects/${PERSON}/file`, world.keys.subject);
    expect(other.statusCode).toBe(404);
    expect(json<ErrorReply>(other).error.code).toBe('SUBJECT_NOT_FOUND');
    const log = await get(`/v1/subjects/${PERSON}/inquiries`, world.keys.subject);
    expect(json<ErrorReply>(log).error.code).toBe('SUBJECT_NOT_FOUND');
    const mine = await get(`/v1/subjects/${PERSON}/file`, world.personKey);
    expect(mine.statusCode).toBe(200);
  });

  it('answers a subject asking for another person’s file exactly as for a number no one carries', async () => {
    world = await apiWorld(store());
    // a 403 for a number on file and a 404 for one that is not would confirm the number
    const unknown = uniqueRic('110105');
    for (const suffix of ['/file', '/inquiries', '/report', '/objections', '/repairs']) {
      const answers = [];
      for (const number of [PERSON, unknown]) {
        const res = await get(`/v1/subjects/${number}${suffix}`, world.keys.subject);
        const error = { ...json<{ error: Record<string, unknown> }>(res).error };
        // the request id differs on every answer; the message echoes the number asked
        delete error.requestId;
        error.message = String(error.message).replace(number, 'N');
        answers.push({ status: res.statusCode, error });
      }
      expect(answers[0], suffix).toEqual(answers[1]);
      expect(answers[0]!.status, suffix).toBe(404);
    }
  });

  it('registers a subject and a relation; a taken identifier is a conflict', async () => {
    world = await apiWorld(store());
    const post = (url: string, payload: object) =>
      world.app.inject({ method: 'POST', url, headers: auth(world.keys.operator), payload });
    const created = await post('/v1/subjects', {
      subject_identifier: SHANGHAI_FIRM,
      subject_name: '上海测试贸易有限公司',
    });
    expect(created.statusCode).toBe(201);
    expect(json<{ kind: string; region: string }>(created)).toMatchObject({
      kind: 'business',
      region: '310115',
    });
    const taken = await post('/v1/subjects', {
      subject_identifier: SHANGHAI_FIRM,
      subject_name: 'x',
    });
    expect(taken.statusCode).toBe(409);
    const related = await post(`/v1/subjects/${BEIJING_FIRM}/relations`, {
      kind: 'legal_representative',
      other: PERSON,
      basis: '京市监登字〔2026〕第0001号',
    });
    expect(related.statusCode).toBe(204);
    const subject = await world.deps.store.getSubject(json<{ id: string }>(created).id);
    expect(subject?.names[0]?.name).toBe('上海测试贸易有限公司');
  });

  it('refuses a name of control characters or of nothing visible, and stores nothing', async () => {
    world = await apiWorld(store());
    const post = (url: string, payload: object) =>
      world.app.inject({ method: 'POST', url, headers: auth(world.keys.operator), payload });
    const before = await world.deps.store.counts();
    // an escape sequence a terminal would run when the CLI prints the name; zero-width spaces
    for (const [field, name] of [
      ['subject_name', '上海\u001b[2J测试有限公司'],
      ['subject_name', '\u200b\u200b'],
      ['subject_name_en', 'Shanghai\u0007 Test Co., Ltd.'],
    ]) {
      const res = await post('/v1/subjects', {
        subject_identifier: SHANGHAI_FIRM,
        subject_name: '上海测试贸易有限公司',
        [field!]: name,
      });
      expect(res.statusCode, name).toBe(400);
      expect(json<ErrorReply>(res).error).toMatchObject({ code: 'NAME_INVALID', field });
    }
    const record = await submit(world, penalty({ subject_name: '\u2060\ufeff' }));
    expect(json<ErrorReply>(record).error).toMatchObject({
      code: 'NAME_INVALID',
      field: 'subject_name',
    });
    expect(await world.deps.store.counts()).toEqual(before);
    const renamed = await post(`/v1/subjects/${BEIJING_FIRM}/names`, { name: '\u200d' });
    expect(json<ErrorReply>(renamed).error).toMatchObject({ code: 'NAME_INVALID', field: 'name' });
  });

  it('gives the public view as of a past date', async () => {
    world = await apiWorld(store());
    await submit(world);
    const now = json<{ records: unknown[] }>(await get(`/v1/subjects/${BEIJING_FIRM}`));
    const before = json<{ records: unknown[]; asOf: string }>(
      await get(`/v1/subjects/${BEIJING_FIRM}?asOf=2026-01-01`),
    );
    expect(now.records).toHaveLength(1);
    expect(before).toMatchObject({ asOf: '2026-01-01', records: [] });
    const bad = await get(`/v1/subjects/${BEIJING_FIRM}?asOf=01/01/2026`);
    expect(json<ErrorReply>(bad).error).toMatchObject({
      code: 'DATE_INVALID',
      field: 'query.asOf',
    });
  });

  it('drops a financial record from every view 5 years after the conduct ended', async () => {
    world = await apiWorld(store());
    const bank = await createAccount(
      world.deps,
      { name: 'bank desk', role: 'furnisher', authority: SHANGHAI_BANK },
      'test',
    );
    const old = {
      ...loanDefault,
      source_ref: 'L-OLD',
      decision_date: '2019-06-01',
      end_date: '2021-06-16',
    };
    const posted = await world.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: auth(bank.apiKey),
      payload: old,
    });
    expect(posted.statusCode).toBe(201);
    const { recordId } = json<{ recordId: string }>(posted);
    const types = async (asOf: string) =>
      json<FileReply>(
        await get(
          `/v1/subjects/${SHANGHAI_FIRM}/file?purpose=loan_approval&asOf=${asOf}&${CONSENT}`,
          world.keys.inquirer,
        ),
      ).items.map((i) => i.current.type);
    // retained until 2026-06-16 (exclusive): today, the 15th, is its last day in view
    expect(await types('2026-06-15')).toEqual(['loan_default']);
    expect(await types('2026-06-16')).toEqual([]);
    const subject = await createAccount(
      world.deps,
      { name: 'the firm', role: 'subject', subject: SHANGHAI_FIRM },
      'test',
    );
    const report = json<FileReply>(
      await get(`/v1/subjects/${SHANGHAI_FIRM}/report?asOf=2026-06-16`, subject.apiKey),
    );
    expect(report.items).toEqual([]);
    const audit = await world.deps.store.listAudit(0, 1000);
    expect(
      audit.some(
        (a) => a.action === 'records.submit' && JSON.stringify(a.payload).includes(recordId),
      ),
    ).toBe(true);
  });
});
