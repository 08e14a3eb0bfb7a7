import { afterEach, describe, expect, it } from 'vitest';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import { findSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, PERSON, SHANGHAI_BANK, SHANGHAI_FIRM } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface FileReply {
  purpose: string;
  withheld: number;
  items: Array<{ current: { type: string }; visibility: string }>;
  inquiry: { seq: number; consent: unknown };
}
interface ErrorReply {
  error: { code: string; field?: string };
}
interface InquiryRow {
  purpose: string;
  accountName: string;
  consent: { document: string; date: string; scope: string } | null;
  read: { restricted: string[] };
}

/** Authorities beside the test world's: Shanghai's market regulator, its financial supervisor, an employer. */
const SHANGHAI_MARKET = makeUscc('11310000', 'MB000002');
const SHANGHAI_FINANCE = makeUscc('11310000', 'MB000003');
const EMPLOYER = makeUscc('91310000', 'MA000004');

const CONSENT = {
  consentDocument: 'SQ-2026-0042',
  consentDate: '2026-06-10',
  consentScope: 'personal loan application, 2026',
};
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

describe.each(BACKENDS)(
  'inquiry purposes: domains, jurisdictions and consent on $name',
  (backend) => {
    const store = storePerTest(backend);
    let world: ApiWorld;
    afterEach(async () => world?.app.close());

    const get = (url: string, key?: string) =>
      world.app.inject({ method: 'GET', url, headers: auth(key) });
    const file = (identifier: string, params: Record<string, string>, key: string) =>
      get(`/v1/subjects/${identifier}/file?${query(params)}`, key);
    const keyOf = async (role: 'furnisher' | 'decider' | 'inquirer', authority: string) =>
      (
        await createAccount(
          world.deps,
          { name: `${role} of ${authority}`, role, authority },
          'test',
        )
      ).apiKey;
    const inquiries = async (identifier: string) =>
      (await world.deps.store.listInquiries((await findSubject(world.deps, identifier)).id, 0, 100))
        .length;

    /** The world with a loan default about the Shanghai firm (restricted, finance). */
    async function withLoanDefault() {
      world = await apiWorld(store());
      const authorities = [
        { id: SHANGHAI_MARKET, name: '上海市市场监督管理局', domains: ['market'] },
        { id: SHANGHAI_FINANCE, name: '上海市地方金融监督管理局', domains: ['finance'] },
        { id: EMPLOYER, name: '上海某人力资源公司', domains: ['labour'] },
      ];
      for (const a of authorities)
        await registerAuthority(world.deps, { ...a, regions: ['310000'] }, 'test');
      const bank = await keyOf('furnisher', SHANGHAI_BANK);
      const res = await world.app.inject({
        method: 'POST',
        url: '/v1/records',
        headers: auth(bank),
        payload: {
          subject_identifier: SHANGHAI_FIRM,
          subject_name: '上海测试贸易有限公司',
          type: 'loan_default',
          source_ref: 'L-1',
          legal_basis: '征信业管理条例 第十四条',
          decision_date: '2026-05-01',
          lender: '上海某商业银行',
          amount: '120000.00',
          days_past_due: 95,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const readsLogged = async () =>
      (await world.deps.store.listAudit(0, 1000)).filter((a) => a.action === 'subject.inquire')
        .length;

    it('refuses supervision of a subject outside the reader’s regions, and logs nothing', async () => {
      await withLoanDefault();
      // the Beijing market regulator and a Beijing decider of any domain: not about Shanghai
      const beijing = await file(SHANGHAI_FIRM, { purpose: 'supervision' }, world.keys.furnisher);
      expect(beijing.statusCode).toBe(403);
      expect(json<ErrorReply>(beijing).error).toMatchObject({
        code: 'PURPOSE_OUT_OF_SCOPE',
        field: 'purpose',
      });
      expect(await readsLogged()).toBe(0);
      expect(await inquiries(SHANGHAI_FIRM)).toBe(0);
      // in its own region it reads
      const own = await file(BEIJING_FIRM, { purpose: 'supervision' }, world.keys.furnisher);
      expect(own.statusCode, own.body).toBe(200);
      expect(await readsLogged()).toBe(1);
    });

    it('answers supervision of a person outside the reader’s regions as of a number no one carries', async () => {
      world = await apiWorld(store());
      // PERSON (Guangzhou) is on file, the other Guangzhou number is not: to Beijing, alike
      const absent = makeRic('440113', '1987-05-05', 23);
      const answers = [];
      for (const person of [PERSON, absent]) {
        const res = await file(person, { purpose: 'supervision' }, world.keys.furnisher);
        answers.push([res.statusCode, json<ErrorReply>(res).error]);
      }
      expect(answers[0]).toEqual([
        404,
        expect.objectContaining({ code: 'SUBJECT_NOT_FOUND', field: 'identifier' }),
      ]);
      expect(answers[1]).toEqual([404, expect.objectContaining({ code: 'SUBJECT_NOT_FOUND' })]);
      expect(await readsLogged()).toBe(0);
    });

    it('shows under supervision only the restricted records of the reader’s own domains', async () => {
      await withLoanDefault();
      const read = async (key: string) => {
        const res = await file(SHANGHAI_FIRM, { purpose: 'supervision' }, key);
        expect(res.statusCode, res.body).toBe(200);
        const body = json<FileReply>(res);
        return { withheld: body.withheld, types: body.items.map((i) => i.current.type) };
      };
      // a court (national, judicial) and Shanghai's market regulator: in jurisdiction, wrong domain
      expect(await read(world.keys.decider)).toEqual({ withheld: 1, types: [] });
      expect(await read(await keyOf('furnisher', SHANGHAI_MARKET))).toEqual({
        withheld: 1,
        types: [],
      });
      // Shanghai's financial supervisor: its region, its domain
      expect(await read(await keyOf('decider', SHANGHAI_FINANCE))).toEqual({
        withheld: 0,
        types: ['loan_default'],
      });
      const subject = await createAccount(
        world.deps,
        { name: 'the firm', role: 'subject', subject: SHANGHAI_FIRM },
        'test',
      );
      const log = json<{ items: InquiryRow[] }>(
        await get(`/v1/subjects/${SHANGHAI_FIRM}/inquiries`, subject.apiKey),
      );
      // what was withheld was not read
      expect(log.items.map((q) => q.read.restricted.length)).toEqual([0, 0, 1]);
    });

    it('refuses a purpose to an authority outside the domains it serves, and logs nothing', async () => {
      await withLoanDefault();
      const employer = await keyOf('inquirer', EMPLOYER);
      const res = await file(SHANGHAI_FIRM, { purpose: 'loan_approval', ...CONSENT }, employer);
      expect(res.statusCode).toBe(403);
      expect(json<ErrorReply>(res).error).toMatchObject({
        code: 'PURPOSE_OUT_OF_SCOPE',
        field: 'purpose',
      });
      expect(await readsLogged()).toBe(0);
      // employment screening serves employers of any domain
      const hired = await file(
        SHANGHAI_FIRM,
        { purpose: 'employment_consent', ...CONSENT },
        employer,
      );
      expect(hired.statusCode, hired.body).toBe(200);
    });

    it('refuses a consent-based read without a whole, valid consent, naming the field, and logs nothing', async () => {
      await withLoanDefault();
      const bank = world.keys.inquirer;
      const outcome = async (params: Record<string, string>) => {
        const res = await file(SHANGHAI_FIRM, { purpose: 'loan_approval', ...params }, bank);
        const { error } = json<ErrorReply>(res);
        return `${res.statusCode} ${error?.code} ${error?.field}`;
      };
      const { consentDocument, consentDate, consentScope } = CONSENT;
      expect(await outcome({})).toBe('400 CONSENT_REQUIRED consentDocument');
      expect(await outcome({ consentDocument, consentScope })).toBe(
        '400 CONSENT_REQUIRED consentDate',
      );
      expect(await outcome({ consentDocument, consentDate })).toBe(
        '400 CONSENT_REQUIRED consentScope',
      );
      expect(await outcome({ ...CONSENT, consentDocument: '  ' })).toBe(
        '400 CONSENT_REQUIRED consentDocument',
      );
      for (const date of ['2026-02-30', '2026-13-01', '10/06/2026', '2026-06-16'])
        expect(await outcome({ ...CONSENT, consentDate: date })).toBe(
          '400 CONSENT_INVALID consentDate',
        );
      // consent goes only with a purpose that asks for it
      const stray = await file(
        SHANGHAI_FIRM,
        { purpose: 'procurement_check', ...CONSENT },
        world.keys.implementer,
      );
      expect(json<ErrorReply>(stray).error).toMatchObject({ code: 'CONSENT_INVALID' });
      expect(await readsLogged()).toBe(0);
      expect(await inquiries(SHANGHAI_FIRM)).toBe(0);
    });

    it('records the consent with the inquiry and shows it in the subject’s log and own report', async () => {
      await withLoanDefault();
      const res = await file(
        SHANGHAI_FIRM,
        { purpose: 'loan_approval', ...CONSENT },
        world.keys.inquirer,
      );
      expect(res.statusCode, res.body).toBe(200);
      const consent = {
        document: CONSENT.consentDocument,
        date: CONSENT.consentDate,
        scope: CONSENT.consentScope,
      };
      expect(json<FileReply>(res).inquiry.consent).toEqual(consent);
      const subject = await createAccount(
        world.deps,
        { name: 'the firm', role: 'subject', subject: SHANGHAI_FIRM },
        'test',
      );
      const log = json<{ items: InquiryRow[] }>(
        await get(`/v1/subjects/${SHANGHAI_FIRM}/inquiries`, subject.apiKey),
      );
      expect(log.items.map((q) => [q.purpose, q.consent])).toEqual([['loan_approval', consent]]);
      const report = json<{ inquiries: InquiryRow[] }>(
        await get(`/v1/subjects/${SHANGHAI_FIRM}/report`, subject.apiKey),
      );
      expect(report.inquiries.map((q) => [q.purpose, q.consent])).toEqual([
        ['loan_approval', consent],
        ['subject_own', null],
      ]);
      const printable = await get(`/v1/subjects/${SHANGHAI_FIRM}/report/printable`, subject.apiKey);
      expect(printable.body).toContain('SQ-2026-0042');
      expect(printable.body).toContain('personal loan application, 2026');
      const [entry] = (await world.deps.store.listAudit(0, 1000)).filter(
        (a) => a.action === 'subject.inquire',
      );
      expect(entry?.payload).toMatchObject({ purpose: 'loan_approval', consent });
    });
  },
);
