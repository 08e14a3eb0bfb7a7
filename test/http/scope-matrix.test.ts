import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type AnyRole, type Role } from '../../src/domain/account.js';
import { ERRORS, type ErrorCode } from '../../src/errors.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, type OpenedStore } from '../support/backends.js';
import { uniqueUscc } from '../support/factories.js';
import { BEIJING_LABOUR, firmRecord, registerListAuthorities } from '../support/lists.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  penalty,
  PERSON,
  SHANGHAI_BANK,
  SHANGHAI_FIRM,
} from '../support/registry.js';
import { repairBody, scopeFixtures, type EntryState } from './scope-fixtures.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

/**
 * The role × route × scope matrix (issue 25): every write route and every read of restricted
 * data, called by each role in its scope and out of it (another region, another domain, another
 * subject, another account). Admitted calls in scope succeed; every other call is refused with its
 * code and leaves the store as it was. The app's own route list is the checklist: a write route
 * or a restricted read without a row fails the first test.
 */

const ALL: AnyRole[] = ['public', ...ROLES];
const ACCOUNTS: Role[] = [...ROLES];
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

interface Call {
  url: string;
  body?: unknown;
  /** another key of the same role (e.g. a furnisher of another authority) */
  key?: string;
  contentType?: string;
}

interface OutOfScope {
  /** what makes the call out of scope, for the failure message */
  why: string;
  call: () => Promise<Call>;
  code: ErrorCode;
}

interface Row {
  method: Method;
  /** the route as the OpenAPI document names it */
  route: string;
  /** the roles the route admits at all */
  may: readonly AnyRole[];
  /** the call in the role's scope */
  in: (role: AnyRole) => Promise<Call>;
  /** calls out of the role's scope, per admitted role */
  out?: Partial<Record<Role, OutOfScope[]>>;
  /** the refusal a 200 answer may carry (a batch reports its rows) */
  answer?: (res: LightMyRequestResponse) => string;
  /** waits for what an admitted call started in the background */
  settle?: (res: LightMyRequestResponse) => Promise<void>;
}

/** Reads outside the API document that return nothing restricted: the document's own pages, metrics, the portal. */
const UNDOCUMENTED_PUBLIC = /^GET (\/docs(\/.*)?|\/metrics|\/assets\/\*|\*)$/;

let world: ApiWorld;
let fx: ReturnType<typeof scopeFixtures>;
/** keys of accounts beside the world's one per role */
const extra = { courtFurnisher: '', labourFurnisher: '', implementer2: '' };
let runId = '';

const call = (c: Call) => c;
const reason = { reason: 'test' };
const withId = (url: (id: string) => string, make: () => Promise<string>) => async () =>
  call({ url: url(await make()) });

const rowsOfEntry = (): Row[] => {
  const transitions: Array<[string, EntryState, object]> = [
    ['notice', 'proposed', reason],
    ['decision', 'waived', reason],
    ['rejection', 'proposed', reason],
    ['extension', 'effective', { ...reason, by: 'P1Y' }],
    ['removal', 'effective', { ...reason, removal: 'performed' }],
  ];
  return transitions.map(([name, state, body]) => ({
    method: 'POST',
    route: `/v1/list-entries/{id}/${name}`,
    may: ['decider'],
    in: async () =>
      call({ url: `/v1/list-entries/${await fx.entry('court', state)}/${name}`, body }),
    out: {
      decider: [
        {
          why: 'an entry of a list of another domain (labour)',
          call: async () =>
            call({ url: `/v1/list-entries/${await fx.entry('labour', state)}/${name}`, body }),
          code: 'LIST_AUTHORITY_FORBIDDEN',
        },
      ],
    },
  }));
};

const ownFileReads = (route: string, suffix: string): Row => ({
  method: 'GET',
  route,
  may: ['operator', 'subject'],
  in: async () => call({ url: `/v1/subjects/${BEIJING_FIRM}${suffix}` }),
  out: {
    subject: [
      {
        why: 'another subject',
        call: async () => call({ url: `/v1/subjects/${PERSON}${suffix}` }),
        code: 'SUBJECT_NOT_FOUND',
      },
    ],
  },
});

const csv = (rows: Array<Record<string, unknown>>): string => {
  const columns = Object.keys(rows[0]!);
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join(
    '\n',
  );
};

async function importAs(key: string): Promise<string> {
  const res = await world.app.inject({
    method: 'POST',
    url: '/v1/imports',
    headers: { ...auth(key), 'content-type': 'text/csv' },
    payload: csv([penalty({ source_ref: fx.ref('I') })]),
  });
  await settleImport(res);
  return json<{ id: string }>(res).id;
}

async function settleImport(res: LightMyRequestResponse): Promise<void> {
  const { id } = json<{ id: string }>(res);
  for (let i = 0; i < 200; i++) {
    const job = await world.app.inject({
      method: 'GET',
      url: `/v1/imports/${id}`,
      headers: auth(world.keys.operator),
    });
    if (json<{ status: string }>(job).status !== 'running') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`import ${id} did not finish`);
}

async function settleRun(res: LightMyRequestResponse): Promise<void> {
  const { id } = json<{ id: string }>(res);
  for (let i = 0; i < 500; i++) {
    const run = await world.deps.store.getRatingRun(id);
    if (run?.finishedAt) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`rating run ${id} did not finish`);
}

const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/v1/tokens',
    may: ACCOUNTS,
    in: async () => call({ url: '/v1/tokens' }),
  },
  {
    method: 'GET',
    route: '/v1/accounts/me',
    may: ACCOUNTS,
    in: async () => call({ url: '/v1/accounts/me' }),
  },
  {
    method: 'POST',
    route: '/v1/accounts',
    may: ['operator'],
    in: async () =>
      call({
        url: '/v1/accounts',
        body: { name: 'new', role: 'inquirer', authority: SHANGHAI_BANK },
      }),
  },
  {
    method: 'GET',
    route: '/v1/accounts',
    may: ['operator'],
    in: async () => call({ url: '/v1/accounts' }),
  },
  {
    method: 'POST',
    route: '/v1/accounts/{id}/disable',
    may: ['operator'],
    in: withId(
      (id) => `/v1/accounts/${id}/disable`,
      () => fx.account(),
    ),
  },
  {
    method: 'PUT',
    route: '/v1/authorities/{id}',
    may: ['operator'],
    in: async () =>
      call({
        url: `/v1/authorities/${uniqueUscc('11310000')}`,
        body: { name: '上海市某局', domains: ['market'], regions: ['310000'], ...reason },
      }),
  },
  {
    method: 'POST',
    route: '/v1/subjects',
    may: ['operator', 'furnisher'],
    in: async () =>
      call({
        url: '/v1/subjects',
        body: { subject_identifier: uniqueUscc('91110105'), subject_name: '北京新设公司' },
      }),
    out: {
      furnisher: [
        {
          why: 'a firm of another region',
          call: async () =>
            call({
              url: '/v1/subjects',
              body: { subject_identifier: uniqueUscc('91310115'), subject_name: '上海新设公司' },
            }),
          code: 'SUBJECT_REGION_FORBIDDEN',
        },
        {
          why: 'a firm of another region claimed to be in its own',
          call: async () =>
            call({
              url: '/v1/subjects',
              body: {
                subject_identifier: uniqueUscc('91310115'),
                subject_name: '上海新设公司',
                subject_region: '110105',
              },
            }),
          code: 'SUBJECT_REGION_IMPLIED',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/relations',
    may: ['operator', 'furnisher'],
    in: async () =>
      call({
        url: `/v1/subjects/${await fx.firm()}/relations`,
        body: { kind: 'legal_representative', other: PERSON, basis: '京市监登字〔2026〕1号' },
      }),
    out: {
      furnisher: [
        {
          why: 'a firm of another region',
          call: async () =>
            call({
              url: `/v1/subjects/${await fx.firm('91310115')}/relations`,
              body: { kind: 'legal_representative', other: PERSON, basis: '沪市监登字1号' },
            }),
          code: 'RELATION_SCOPE',
        },
        {
          why: 'a legal representative from another domain (a court)',
          call: async () =>
            call({
              url: `/v1/subjects/${await fx.firm()}/relations`,
              body: { kind: 'legal_representative', other: PERSON, basis: '（2026）京执1号' },
              key: extra.courtFurnisher,
            }),
          code: 'RELATION_SCOPE',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/names',
    may: ['operator'],
    in: async () =>
      call({
        url: `/v1/subjects/${await fx.firm()}/names`,
        body: { name: '北京改名科技有限公司' },
      }),
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/merges',
    may: ['operator'],
    in: async () =>
      call({
        url: `/v1/subjects/${await fx.firm()}/merges`,
        body: { duplicate: await fx.firm(), ...reason },
      }),
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/merges',
    may: ['operator'],
    in: async () => call({ url: `/v1/subjects/${BEIJING_FIRM}/merges` }),
  },
  {
    method: 'POST',
    route: '/v1/subject-merges/{id}/undo',
    may: ['operator'],
    in: async () => call({ url: `/v1/subject-merges/${await fx.merge()}/undo`, body: reason }),
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/file',
    may: ACCOUNTS,
    in: async (role) => {
      const purpose =
        role === 'subject'
          ? 'subject_own'
          : role === 'implementer' || role === 'inquirer'
            ? 'procurement_check'
            : 'supervision';
      return call({ url: `/v1/subjects/${BEIJING_FIRM}/file?purpose=${purpose}` });
    },
    out: {
      subject: [
        {
          why: 'another subject',
          call: async () => call({ url: `/v1/subjects/${PERSON}/file` }),
          code: 'SUBJECT_NOT_FOUND',
        },
      ],
    },
  },
  ownFileReads('/v1/subjects/{identifier}/inquiries', '/inquiries'),
  ownFileReads('/v1/subjects/{identifier}/report', '/report'),
  ownFileReads('/v1/subjects/{identifier}/report/printable', '/report/printable'),
  ownFileReads('/v1/subjects/{identifier}/objections', '/objections'),
  ownFileReads('/v1/subjects/{identifier}/repairs', '/repairs'),
  {
    method: 'POST',
    route: '/v1/screening',
    may: ACCOUNTS,
    in: async () => call({ url: '/v1/screening', body: { queries: [{ name: '北京测试科技' }] } }),
  },
  {
    method: 'POST',
    route: '/v1/records',
    may: ['furnisher'],
    in: async () => call({ url: '/v1/records', body: penalty({ source_ref: fx.ref('R') }) }),
    out: {
      furnisher: [
        {
          why: 'a firm of another region',
          call: async () =>
            call({
              url: '/v1/records',
              body: penalty({ subject_identifier: SHANGHAI_FIRM, source_ref: fx.ref('R') }),
            }),
          code: 'RECORD_REGION_FORBIDDEN',
        },
        {
          why: 'a new firm of another region claimed to be in its own',
          call: async () =>
            call({
              url: '/v1/records',
              body: penalty({
                subject_identifier: uniqueUscc('91350102'),
                subject_region: '110000',
                source_ref: fx.ref('R'),
              }),
            }),
          code: 'SUBJECT_REGION_IMPLIED',
        },
        {
          why: 'a record type of another domain',
          call: async () =>
            call({
              url: '/v1/records',
              body: {
                subject_identifier: BEIJING_FIRM,
                type: 'tax_rating',
                source_ref: fx.ref('R'),
                legal_basis: '纳税信用管理办法',
                decision_date: '2026-04-01',
                year: 2025,
                grade: 'A',
              },
            }),
          code: 'RECORD_DOMAIN_FORBIDDEN',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/records/batch',
    may: ['furnisher'],
    in: async () =>
      call({ url: '/v1/records/batch', body: { records: [penalty({ source_ref: fx.ref('B') })] } }),
    answer: (res) => {
      const rows = json<{ rows: Array<{ problems?: Array<{ code: string }> }> }>(res).rows;
      return rows[0]?.problems?.[0]?.code ?? 'ok';
    },
    out: {
      furnisher: [
        {
          why: 'a firm of another region',
          call: async () =>
            call({
              url: '/v1/records/batch',
              body: {
                records: [penalty({ subject_identifier: SHANGHAI_FIRM, source_ref: fx.ref('B') })],
              },
            }),
          code: 'RECORD_REGION_FORBIDDEN',
        },
      ],
    },
  },
  {
    method: 'GET',
    route: '/v1/records/{id}',
    may: ['operator', 'furnisher'],
    in: withId(
      (id) => `/v1/records/${id}`,
      () => fx.marketRecord(),
    ),
    out: {
      furnisher: [
        {
          why: "another authority's record",
          call: withId(
            (id) => `/v1/records/${id}`,
            () => fx.courtRecordOn(PERSON),
          ),
          code: 'AUTHORITY_MISMATCH',
        },
      ],
    },
  },
  {
    method: 'GET',
    route: '/v1/records/{id}/file',
    may: ['operator', 'furnisher', 'decider', 'implementer'],
    in: async (role) =>
      call({
        url: `/v1/records/${await fx.marketRecord()}/file?purpose=${role === 'implementer' ? 'procurement_check' : 'supervision'}`,
      }),
    out: {
      furnisher: [
        {
          why: 'a record about a subject outside its regions, read for supervision',
          call: async () =>
            call({ url: `/v1/records/${await fx.courtRecordOn(PERSON)}/file?purpose=supervision` }),
          code: 'RECORD_NOT_FOUND',
        },
      ],
    },
  },
  ...(['correction', 'revocation'] as const).map((change): Row => ({
    method: 'POST',
    route: `/v1/records/{id}/${change}`,
    may: ['furnisher'],
    in: async () =>
      call({
        url: `/v1/records/${await fx.marketRecord()}/${change}`,
        body: change === 'correction' ? { ...reason, set: { facts: '更正' } } : reason,
      }),
    out: {
      furnisher: [
        {
          why: "another authority's record",
          call: async () =>
            call({
              url: `/v1/records/${await fx.courtRecordOn(PERSON)}/${change}`,
              body: change === 'correction' ? { ...reason, set: { facts: '更正' } } : reason,
            }),
          code: 'AUTHORITY_MISMATCH',
        },
      ],
    },
  })),
  {
    method: 'POST',
    route: '/v1/imports',
    may: ['furnisher'],
    in: async () =>
      call({
        url: '/v1/imports',
        body: csv([penalty({ source_ref: fx.ref('I') })]),
        contentType: 'text/csv',
      }),
    settle: settleImport,
  },
  ...(['', '/errors'] as const).map((suffix): Row => ({
    method: 'GET',
    route: `/v1/imports/{id}${suffix}`,
    may: ['operator', 'furnisher'],
    in: async () => call({ url: `/v1/imports/${await importAs(world.keys.furnisher)}${suffix}` }),
    out: {
      furnisher: [
        {
          why: "another account's import",
          call: async () =>
            call({ url: `/v1/imports/${await importAs(extra.labourFurnisher)}${suffix}` }),
          code: 'IMPORT_NOT_FOUND',
        },
      ],
    },
  })),
  {
    method: 'GET',
    route: '/v1/list-entries',
    may: ['operator', 'furnisher', 'decider', 'implementer'],
    in: async () => call({ url: '/v1/list-entries' }),
  },
  {
    method: 'GET',
    route: '/v1/list-entries/{id}',
    may: ['operator', 'furnisher', 'decider', 'implementer', 'subject'],
    in: withId(
      (id) => `/v1/list-entries/${id}`,
      () => firmEntry(),
    ),
    out: {
      subject: [
        {
          why: "another subject's entry",
          call: withId(
            (id) => `/v1/list-entries/${id}`,
            () => fx.entry('court', 'proposed'),
          ),
          code: 'LIST_ENTRY_NOT_FOUND',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/list-entries',
    may: ['furnisher', 'decider'],
    in: async (role) => {
      if (role === 'decider') {
        const person = await fx.person();
        await fx.courtRecordOn(person);
        return call({
          url: '/v1/list-entries',
          body: { subject: person, list: 'dishonest_judgment_debtors', ...reason },
        });
      }
      const firm = await fx.firm();
      await wageRecord(firm);
      return call({
        url: '/v1/list-entries',
        body: { subject: firm, list: 'wage_arrears_dishonest', ...reason },
        key: extra.labourFurnisher,
      });
    },
    out: {
      furnisher: [
        {
          // any authority may propose a candidate in its regions; the owning domain decides
          why: 'a subject of another region',
          call: async () => {
            const person = await fx.person('440113');
            await fx.courtRecordOn(person);
            return call({
              url: '/v1/list-entries',
              body: { subject: person, list: 'dishonest_judgment_debtors', ...reason },
            });
          },
          // answered as a number no one carries: a refusal would confirm the person's number
          code: 'SUBJECT_NOT_FOUND',
        },
      ],
    },
  },
  ...rowsOfEntry(),
  {
    method: 'POST',
    route: '/v1/list-entries/{id}/waiver',
    may: ['subject'],
    in: async () => call({ url: `/v1/list-entries/${await firmEntry()}/waiver`, body: reason }),
    out: {
      subject: [
        {
          why: "another subject's entry",
          call: async () =>
            call({
              url: `/v1/list-entries/${await fx.entry('court', 'noticed')}/waiver`,
              body: reason,
            }),
          code: 'LIST_ENTRY_NOT_FOUND',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/checks',
    may: ['operator', 'implementer'],
    in: async () =>
      call({ url: '/v1/checks', body: { identifier: BEIJING_FIRM, action: 'procurement.bid' } }),
  },
  {
    method: 'POST',
    route: '/v1/checks/batch',
    may: ['operator', 'implementer'],
    in: async () =>
      call({
        url: '/v1/checks/batch',
        body: { checks: [{ identifier: BEIJING_FIRM, action: 'procurement.bid' }] },
      }),
  },
  {
    method: 'GET',
    route: '/v1/feed',
    may: ['operator', 'decider', 'implementer'],
    in: async () => call({ url: '/v1/feed' }),
  },
  {
    method: 'POST',
    route: '/v1/webhooks',
    may: ['operator', 'decider', 'implementer'],
    in: async () => call({ url: '/v1/webhooks', body: { url: 'https://93.184.215.14/credence' } }),
  },
  {
    method: 'GET',
    route: '/v1/webhooks',
    may: ['operator', 'decider', 'implementer'],
    in: async () => call({ url: '/v1/webhooks' }),
  },
  ...(['GET', 'DELETE'] as const).map((method): Row => ({
    method,
    route: '/v1/webhooks/{id}',
    may: ['operator', 'decider', 'implementer'],
    in: async (role) =>
      call({
        url: `/v1/webhooks/${await fx.webhook(role === 'public' ? world.keys.operator : world.keys[role])}`,
      }),
    out: Object.fromEntries(
      (['operator', 'decider', 'implementer'] as const).map((role) => [
        role,
        [
          {
            why: "another account's webhook",
            call: withId(
              (id) => `/v1/webhooks/${id}`,
              () => fx.webhook(extra.implementer2),
            ),
            code: 'WEBHOOK_NOT_FOUND' as ErrorCode,
          },
        ],
      ]),
    ),
  })),
  {
    method: 'POST',
    route: '/v1/rating-runs',
    may: ['operator'],
    in: async () =>
      call({
        url: '/v1/rating-runs',
        body: { model: 'public_comprehensive_evaluation', draft: true },
      }),
    settle: settleRun,
  },
  {
    method: 'GET',
    route: '/v1/rating-runs',
    may: ['operator', 'decider'],
    in: async () => call({ url: '/v1/rating-runs' }),
  },
  ...(['', '/ratings', '/migration'] as const).map((suffix): Row => ({
    method: 'GET',
    route: `/v1/rating-runs/{id}${suffix}`,
    may: ['operator', 'decider'],
    in: async () =>
      call({
        url: `/v1/rating-runs/${runId}${suffix}${suffix === '/migration' ? `?from=${runId}` : ''}`,
      }),
  })),
  {
    method: 'POST',
    route: '/v1/objections',
    may: ['subject', 'operator'],
    in: async () =>
      call({
        url: '/v1/objections',
        body: { item: 'record', itemId: await fx.marketRecord(), grounds: '金额有误' },
      }),
    out: {
      subject: [
        {
          why: "another subject's record",
          call: async () =>
            call({
              url: '/v1/objections',
              body: { item: 'record', itemId: await fx.courtRecordOn(PERSON), grounds: '有误' },
            }),
          code: 'RECORD_NOT_FOUND',
        },
      ],
    },
  },
  {
    method: 'GET',
    route: '/v1/objections',
    may: ['operator', 'furnisher', 'decider'],
    in: async () => call({ url: '/v1/objections' }),
  },
  ...caseRows('objections', 'OBJECTION_NOT_FOUND', (authority, subject) =>
    fx.objection(authority, subject),
  ),
  {
    method: 'POST',
    route: '/v1/objections/{id}/answer',
    may: ['operator', 'furnisher', 'decider'],
    in: async (role) =>
      call({
        url: `/v1/objections/${await fx.objection(answererOf(role))}/answer`,
        body: { outcome: 'rejected', reasons: '依据充分' },
      }),
    out: {
      furnisher: [
        {
          why: "another authority's objection",
          call: async () =>
            call({
              url: `/v1/objections/${await fx.objection(NATIONAL_COURT)}/answer`,
              body: { outcome: 'rejected', reasons: '依据充分' },
            }),
          code: 'AUTHORITY_MISMATCH',
        },
      ],
      decider: [
        {
          why: "another authority's objection",
          call: async () =>
            call({
              url: `/v1/objections/${await fx.objection(BEIJING_MARKET)}/answer`,
              body: { outcome: 'rejected', reasons: '依据充分' },
            }),
          code: 'AUTHORITY_MISMATCH',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/repairs',
    may: ['subject', 'operator'],
    in: async () => call({ url: '/v1/repairs', body: repairBody(await fx.marketRecord()) }),
    out: {
      subject: [
        {
          why: "another subject's record",
          call: async () =>
            call({
              url: '/v1/repairs',
              body: repairBody(await fx.marketRecord(await personInBeijing())),
            }),
          code: 'RECORD_NOT_FOUND',
        },
      ],
    },
  },
  {
    method: 'GET',
    route: '/v1/repairs',
    may: ['operator', 'furnisher', 'decider'],
    in: async () => call({ url: '/v1/repairs' }),
  },
  ...caseRows('repairs', 'REPAIR_NOT_FOUND', (authority, subject) =>
    fx.repair(authority, 'submitted', subject),
  ),
  {
    method: 'POST',
    route: '/v1/repairs/{id}/review',
    may: ['operator'],
    in: async () =>
      call({
        url: `/v1/repairs/${await fx.repair(BEIJING_MARKET, 'submitted')}/review`,
        body: { outcome: 'forward' },
      }),
  },
  {
    method: 'POST',
    route: '/v1/repairs/{id}/decision',
    may: ['furnisher', 'decider'],
    in: async (role) =>
      call({
        url: `/v1/repairs/${await fx.repair(answererOf(role), 'forwarded')}/decision`,
        body: { outcome: 'refuse', reasons: '义务未履行' },
      }),
    out: {
      furnisher: [
        {
          why: "another authority's application",
          call: async () =>
            call({
              url: `/v1/repairs/${await fx.repair(NATIONAL_COURT, 'forwarded')}/decision`,
              body: { outcome: 'refuse', reasons: '义务未履行' },
            }),
          code: 'AUTHORITY_MISMATCH',
        },
      ],
      decider: [
        {
          why: "another authority's application",
          call: async () =>
            call({
              url: `/v1/repairs/${await fx.repair(BEIJING_MARKET, 'forwarded')}/decision`,
              body: { outcome: 'refuse', reasons: '义务未履行' },
            }),
          code: 'AUTHORITY_MISMATCH',
        },
      ],
    },
  },
  {
    method: 'POST',
    route: '/v1/audit/checkpoints',
    may: ['operator'],
    in: async () => call({ url: '/v1/audit/checkpoints' }),
  },
  {
    method: 'GET',
    route: '/v1/audit/verification',
    may: ['operator'],
    in: async () => call({ url: '/v1/audit/verification' }),
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/commitments',
    may: ['subject'],
    in: async () =>
      call({
        url: `/v1/subjects/${BEIJING_FIRM}/commitments`,
        body: { template: 'lawful_operation', term: 'P1Y' },
      }),
    out: {
      subject: [
        {
          why: 'another subject (a person, committing for itself)',
          call: async () =>
            call({
              url: `/v1/subjects/${PERSON}/commitments`,
              body: { template: 'lawful_operation', term: 'P1Y' },
            }),
          code: 'COMMITMENT_FORBIDDEN',
        },
      ],
    },
  },
  // public and unscoped: anyone may have an organization's report issued, and check a code
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/public-report',
    may: ALL,
    in: async () => call({ url: `/v1/subjects/${BEIJING_FIRM}/public-report` }),
  },
  {
    method: 'POST',
    route: '/v1/reports/verify',
    may: ALL,
    in: async () => {
      const issued = await world.app.inject({
        method: 'POST',
        url: `/v1/subjects/${BEIJING_FIRM}/public-report`,
      });
      return call({
        url: '/v1/reports/verify',
        body: { code: issued.headers['x-report-code'], document: issued.body },
      });
    },
  },
  {
    method: 'POST',
    route: '/v1/reconcile',
    may: ALL,
    in: async () =>
      call({
        url: '/v1/reconcile',
        body: { queries: JSON.stringify({ q0: { query: '北京测试' } }) },
      }),
  },
];

/** The authority whose officers answer a case for the role: the world's furnisher's or decider's. */
function answererOf(role: AnyRole): string {
  return role === 'decider' ? NATIONAL_COURT : BEIJING_MARKET;
}

/** GET /v1/{objections,repairs}/{id}: the answering authority's officers and the subject see it. */
function caseRows(
  kind: 'objections' | 'repairs',
  code: ErrorCode,
  make: (authority: string, subject?: string) => Promise<string>,
): Row[] {
  const url = (id: string) => `/v1/${kind}/${id}`;
  return [
    {
      method: 'GET',
      route: `/v1/${kind}/{id}`,
      may: ['operator', 'furnisher', 'decider', 'subject'],
      in: async (role) => call({ url: url(await make(answererOf(role))) }),
      out: {
        furnisher: [
          { why: "another authority's case", call: withId(url, () => make(NATIONAL_COURT)), code },
        ],
        decider: [
          { why: "another authority's case", call: withId(url, () => make(BEIJING_MARKET)), code },
        ],
        subject: [
          {
            why: "another subject's case",
            call: withId(url, () => make(BEIJING_MARKET, PERSON)),
            code,
          },
        ],
      },
    },
  ];
}

let firmEntryId: string | undefined;
/** one noticed entry about the Beijing firm (its subject account's own), made once */
async function firmEntry(): Promise<string> {
  firmEntryId ??= await fx.entry('labour', 'noticed', BEIJING_FIRM);
  return firmEntryId;
}
async function wageRecord(firm: string): Promise<void> {
  await submitRecord(
    world.deps,
    firmRecord('wage_arrears', {
      subject_identifier: firm,
      authority: BEIJING_LABOUR,
      source_ref: fx.ref('W'),
      amount: '300000',
      workers_affected: 12,
    }),
    'test',
  );
}
let beijingPerson: string | undefined;
async function personInBeijing(): Promise<string> {
  beijingPerson ??= await fx.person('110105');
  return beijingPerson;
}

/** What a response says: ok, or the code of the refusal (a batch's, from its row). */
function outcomeOf(row: Row, res: LightMyRequestResponse): string {
  if (res.statusCode >= 400) return json<{ error: { code: string } }>(res).error.code;
  return row.answer ? row.answer(res) : 'ok';
}

/** Everything a refused call must leave as it was: the audit chain's head and the row counts. */
async function fingerprint(): Promise<string> {
  const { store } = world.deps;
  return JSON.stringify([await store.auditHead(), await store.counts()]);
}

/** The routes the app registered, from its router: `METHOD /path/{param}`. */
function registeredRoutes(): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of world.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const [, segment, methods] = /^[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line.slice(at))!;
    stack[depth] = segment!;
    stack.length = depth + 1;
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const m of (methods ?? '').split(', ').filter((x) => x && x !== 'HEAD'))
      out.push(`${m} ${path}`);
  }
  return out;
}

describe.each(BACKENDS)('the role × route × scope matrix on $name', (backend) => {
  let opened: OpenedStore;
  beforeAll(async () => {
    firmEntryId = undefined;
    beijingPerson = undefined;
    opened = await backend.open();
    world = await apiWorld(opened.store);
    fx = scopeFixtures(world);
    await registerListAuthorities(world.deps);
    await registerSubject(
      world.deps,
      { subject_identifier: SHANGHAI_FIRM, subject_name: '上海测试贸易有限公司' },
      'test',
    );
    const key = async (role: Role, authority: string) =>
      (await createAccount(world.deps, { name: `${role} 2`, role, authority }, 'test')).apiKey;
    extra.courtFurnisher = await key('furnisher', NATIONAL_COURT);
    extra.labourFurnisher = await key('furnisher', BEIJING_LABOUR);
    extra.implementer2 = await key('implementer', BEIJING_MARKET);
    await fx.marketRecord();
    runId = (
      await runRating(world.deps, { modelId: 'public_comprehensive_evaluation', actor: 'test' })
    ).id;
  });
  afterAll(async () => {
    await world?.app.close();
    await opened?.cleanup();
  });

  it('has a row for every write route and every read of restricted data', () => {
    const documented = (
      world.app.swagger() as {
        paths: Record<string, Record<string, { security?: unknown[] }>>;
      }
    ).paths;
    const isPublic = (route: string) => {
      const [method, path] = route.split(' ') as [string, string];
      const op = documented[path]?.[method.toLowerCase()];
      if (op) return Array.isArray(op.security) && op.security.length === 0;
      return UNDOCUMENTED_PUBLIC.test(route);
    };
    const needed = registeredRoutes().filter((r) => !r.startsWith('GET ') || !isPublic(r));
    const rows = ROWS.map((r) => `${r.method} ${r.route}`);
    expect(
      needed.filter((r) => !rows.includes(r)),
      'routes without a row',
    ).toEqual([]);
    expect(
      rows.filter((r) => !needed.includes(r)),
      'rows without a route',
    ).toEqual([]);
    expect(new Set(rows).size).toBe(rows.length);
  });

  it.each(ROWS.map((row) => [`${row.method} ${row.route}`, row] as const))(
    '%s: each role in and out of scope',
    async (_name, row) => {
      const send = (c: Call, role: AnyRole) => {
        // another key of the role stands in only for a role the route admits
        const own = role === 'public' ? undefined : world.keys[role];
        const key = row.may.includes(role) ? (c.key ?? own) : own;
        const headers = {
          ...auth(key),
          ...(c.contentType ? { 'content-type': c.contentType } : {}),
        };
        return world.app.inject({
          method: row.method,
          url: c.url,
          headers,
          ...(c.body !== undefined ? { payload: c.body as string } : {}),
        });
      };
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const role of ALL) {
        const admitted = row.may.includes(role);
        const inCall = await row.in(role);
        const before = await fingerprint();
        const res = await send(inCall, role);
        expect(res.statusCode, `${role}: ${res.body}`).toBeLessThan(500);
        if (admitted && row.settle && res.statusCode < 300) await row.settle(res);
        seen.push(`${role} in scope: ${outcomeOf(row, res)}`);
        const refusal = role === 'public' ? 'AUTH_REQUIRED' : 'ROLE_FORBIDDEN';
        wanted.push(`${role} in scope: ${admitted ? 'ok' : refusal}`);
        if (!admitted) {
          expect(await fingerprint(), `${role} refused, store unchanged`).toBe(before);
          continue;
        }
        for (const out of (role !== 'public' && row.out?.[role]) || []) {
          const c = await out.call();
          const prior = await fingerprint();
          const refused = await send(c, role);
          const outcome = outcomeOf(row, refused);
          seen.push(`${role} out of scope (${out.why}): ${outcome} ${refused.statusCode}`);
          const status = row.answer ? 200 : ERRORS[out.code].status;
          wanted.push(`${role} out of scope (${out.why}): ${out.code} ${status}`);
          expect(await fingerprint(), `${role} ${out.why}: store unchanged`).toBe(prior);
        }
      }
      expect(seen).toEqual(wanted);
    },
  );
});
