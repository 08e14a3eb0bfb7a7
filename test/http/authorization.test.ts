import { afterEach, describe, expect, it } from 'vitest';
import { ROLES, type AnyRole } from '../../src/domain/account.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, penalty } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

const ALL: AnyRole[] = ['public', ...ROLES];
const ACCOUNTS = ALL.filter((r) => r !== 'public');

interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** the route as the OpenAPI document names it */
  route: string;
  url: string;
  body?: unknown;
  /** who may call it: the rule of SPEC 1 and issue 6, written down independently of the code */
  may: AnyRole[];
}

const E = 'lst_does_not_exist';
const R = 'rec_does_not_exist';
const RUN = 'run_does_not_exist';
const reason = { reason: 'test' };

const CASES: Case[] = [
  { method: 'GET', route: '/health', url: '/health', may: ALL },
  { method: 'GET', route: '/ready', url: '/ready', may: ALL },
  { method: 'POST', route: '/v1/tokens', url: '/v1/tokens', may: ACCOUNTS },
  { method: 'GET', route: '/v1/accounts/me', url: '/v1/accounts/me', may: ACCOUNTS },
  {
    method: 'POST',
    route: '/v1/accounts',
    url: '/v1/accounts',
    body: { name: 'x', role: 'furnisher' },
    may: ['operator'],
  },
  { method: 'GET', route: '/v1/accounts', url: '/v1/accounts', may: ['operator'] },
  {
    method: 'POST',
    route: '/v1/accounts/{id}/disable',
    url: '/v1/accounts/acc_none/disable',
    may: ['operator'],
  },
  { method: 'GET', route: '/v1/catalog', url: '/v1/catalog', may: ALL },
  { method: 'GET', route: '/v1/catalog/{section}', url: '/v1/catalog/record-types', may: ALL },
  {
    method: 'GET',
    route: '/v1/catalog/{section}/{id}',
    url: '/v1/catalog/list-types/dishonest_judgment_debtors',
    may: ALL,
  },
  { method: 'GET', route: '/v1/authorities', url: '/v1/authorities', may: ALL },
  {
    method: 'PUT',
    route: '/v1/authorities/{id}',
    url: '/v1/authorities/91110000600037341N',
    body: { name: 'x', domains: ['market'], regions: ['110000'] },
    may: ['operator'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}',
    url: `/v1/subjects/${BEIJING_FIRM}`,
    may: ALL,
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/representatives',
    url: `/v1/subjects/${BEIJING_FIRM}/representatives`,
    may: ALL,
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/public-report',
    url: `/v1/subjects/${BEIJING_FIRM}/public-report`,
    may: ALL,
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/commitments',
    url: `/v1/subjects/${BEIJING_FIRM}/commitments`,
    body: { template: 'lawful_operation', term: 'P1Y' },
    may: ['subject'],
  },
  {
    method: 'GET',
    route: '/v1/reports/verify',
    url: '/v1/reports/verify?code=ABCDE-FGHJK-MNPQR-STVWX',
    may: ALL,
  },
  {
    method: 'POST',
    route: '/v1/reports/verify',
    url: '/v1/reports/verify',
    body: { code: 'ABCDE-FGHJK-MNPQR-STVWX', digest: '0'.repeat(64) },
    may: ALL,
  },
  { method: 'GET', route: '/v1/reconcile', url: '/v1/reconcile', may: ALL },
  {
    method: 'POST',
    route: '/v1/reconcile',
    url: '/v1/reconcile',
    body: { queries: '{"q0":{"query":"test"}}' },
    may: ALL,
  },
  {
    method: 'GET',
    route: '/v1/reconcile/preview',
    url: `/v1/reconcile/preview?id=${BEIJING_FIRM}`,
    may: ALL,
  },
  { method: 'GET', route: '/v1/search', url: '/v1/search?q=test', may: ALL },
  {
    method: 'POST',
    route: '/v1/screening',
    url: '/v1/screening',
    body: { queries: [{ name: 'x' }] },
    may: ACCOUNTS,
  },
  {
    method: 'POST',
    route: '/v1/subjects',
    url: '/v1/subjects',
    body: { subject_identifier: BEIJING_FIRM, subject_name: 'x' },
    may: ['operator', 'furnisher'],
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/relations',
    url: `/v1/subjects/${BEIJING_FIRM}/relations`,
    body: { kind: 'principal', other: '91110000600037341N' },
    may: ['operator', 'furnisher'],
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/names',
    url: `/v1/subjects/${BEIJING_FIRM}/names`,
    body: { name: '北京改名科技有限公司' },
    may: ['operator'],
  },
  {
    method: 'POST',
    route: '/v1/subjects/{identifier}/merges',
    url: `/v1/subjects/${BEIJING_FIRM}/merges`,
    body: { duplicate: BEIJING_FIRM, ...reason },
    may: ['operator'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/merges',
    url: `/v1/subjects/${BEIJING_FIRM}/merges`,
    may: ['operator'],
  },
  {
    method: 'POST',
    route: '/v1/subject-merges/{id}/undo',
    url: '/v1/subject-merges/mrg_none/undo',
    body: reason,
    may: ['operator'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/file',
    url: `/v1/subjects/${BEIJING_FIRM}/file?purpose=supervision`,
    may: ACCOUNTS,
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/inquiries',
    url: `/v1/subjects/${BEIJING_FIRM}/inquiries`,
    may: ['operator', 'subject'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/report',
    url: `/v1/subjects/${BEIJING_FIRM}/report`,
    may: ['operator', 'subject'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/report/printable',
    url: `/v1/subjects/${BEIJING_FIRM}/report/printable`,
    may: ['operator', 'subject'],
  },
  { method: 'POST', route: '/v1/records', url: '/v1/records', body: penalty(), may: ['furnisher'] },
  {
    method: 'POST',
    route: '/v1/records/batch',
    url: '/v1/records/batch',
    body: { records: [penalty({ source_ref: 'B-1' })] },
    may: ['furnisher'],
  },
  {
    method: 'GET',
    route: '/v1/records/{id}',
    url: `/v1/records/${R}`,
    may: ['operator', 'furnisher'],
  },
  {
    method: 'GET',
    route: '/v1/records/{id}/file',
    url: `/v1/records/${R}/file?purpose=supervision`,
    may: ['operator', 'furnisher', 'decider', 'implementer'],
  },
  {
    method: 'POST',
    route: '/v1/records/{id}/correction',
    url: `/v1/records/${R}/correction`,
    body: { ...reason, set: { facts: 'x' } },
    may: ['furnisher'],
  },
  {
    method: 'POST',
    route: '/v1/records/{id}/revocation',
    url: `/v1/records/${R}/revocation`,
    body: reason,
    may: ['furnisher'],
  },
  {
    method: 'POST',
    route: '/v1/imports',
    url: '/v1/imports',
    body: { not: 'a file' },
    may: ['furnisher'],
  },
  {
    method: 'GET',
    route: '/v1/imports/{id}',
    url: '/v1/imports/imp_none',
    may: ['operator', 'furnisher'],
  },
  {
    method: 'GET',
    route: '/v1/imports/{id}/errors',
    url: '/v1/imports/imp_none/errors',
    may: ['operator', 'furnisher'],
  },
  {
    method: 'GET',
    route: '/v1/lists/{listType}/entries',
    url: '/v1/lists/dishonest_judgment_debtors/entries',
    may: ALL,
  },
  {
    method: 'GET',
    route: '/v1/directory/list-entries',
    url: '/v1/directory/list-entries',
    may: ALL,
  },
  { method: 'GET', route: '/v1/directory/disclosures', url: '/v1/directory/disclosures', may: ALL },
  {
    method: 'GET',
    route: '/v1/list-entries',
    url: '/v1/list-entries',
    may: ['operator', 'furnisher', 'decider', 'implementer'],
  },
  {
    method: 'GET',
    route: '/v1/list-entries/{id}',
    url: `/v1/list-entries/${E}`,
    may: ['operator', 'furnisher', 'decider', 'implementer', 'subject'],
  },
  {
    method: 'POST',
    route: '/v1/list-entries',
    url: '/v1/list-entries',
    body: { subject: BEIJING_FIRM, list: 'abnormal_operations', ...reason },
    may: ['furnisher', 'decider'],
  },
  ...['notice', 'decision', 'rejection'].map((t): Case => ({
    method: 'POST',
    route: `/v1/list-entries/{id}/${t}`,
    url: `/v1/list-entries/${E}/${t}`,
    body: reason,
    may: ['decider'],
  })),
  {
    method: 'POST',
    route: '/v1/list-entries/{id}/extension',
    url: `/v1/list-entries/${E}/extension`,
    body: { ...reason, by: 'P1Y' },
    may: ['decider'],
  },
  {
    method: 'POST',
    route: '/v1/list-entries/{id}/removal',
    url: `/v1/list-entries/${E}/removal`,
    body: { ...reason, removal: 'performed' },
    may: ['decider'],
  },
  {
    method: 'POST',
    route: '/v1/list-entries/{id}/waiver',
    url: `/v1/list-entries/${E}/waiver`,
    body: reason,
    may: ['subject'],
  },
  {
    method: 'POST',
    route: '/v1/checks',
    url: '/v1/checks',
    body: { identifier: BEIJING_FIRM, action: 'rail.g_train_ticket' },
    may: ['operator', 'implementer'],
  },
  {
    method: 'POST',
    route: '/v1/checks/batch',
    url: '/v1/checks/batch',
    body: { checks: [{ identifier: BEIJING_FIRM, action: 'rail.g_train_ticket' }] },
    may: ['operator', 'implementer'],
  },
  {
    method: 'GET',
    route: '/v1/feed',
    url: '/v1/feed',
    may: ['operator', 'decider', 'implementer'],
  },
  {
    method: 'POST',
    route: '/v1/webhooks',
    url: '/v1/webhooks',
    body: { url: 'https://example.org/hook' },
    may: ['operator', 'decider', 'implementer'],
  },
  {
    method: 'GET',
    route: '/v1/webhooks',
    url: '/v1/webhooks',
    may: ['operator', 'decider', 'implementer'],
  },
  {
    method: 'GET',
    route: '/v1/webhooks/{id}',
    url: '/v1/webhooks/whk_none',
    may: ['operator', 'decider', 'implementer'],
  },
  {
    method: 'DELETE',
    route: '/v1/webhooks/{id}',
    url: '/v1/webhooks/whk_none',
    may: ['operator', 'decider', 'implementer'],
  },
  {
    method: 'POST',
    route: '/v1/objections',
    url: '/v1/objections',
    body: { item: 'record', itemId: R, grounds: 'x' },
    may: ['subject', 'operator'],
  },
  {
    method: 'GET',
    route: '/v1/objections',
    url: '/v1/objections',
    may: ['operator', 'furnisher', 'decider'],
  },
  {
    method: 'GET',
    route: '/v1/objections/{id}',
    url: '/v1/objections/obj_none',
    may: ['operator', 'furnisher', 'decider', 'subject'],
  },
  {
    method: 'POST',
    route: '/v1/objections/{id}/answer',
    url: '/v1/objections/obj_none/answer',
    body: { outcome: 'rejected', reasons: 'x' },
    may: ['operator', 'furnisher', 'decider'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/objections',
    url: `/v1/subjects/${BEIJING_FIRM}/objections`,
    may: ['subject', 'operator'],
  },
  {
    method: 'POST',
    route: '/v1/repairs',
    url: '/v1/repairs',
    body: { item: 'record', itemId: R, obligations: [], commitment: 'x' },
    may: ['subject', 'operator'],
  },
  {
    method: 'GET',
    route: '/v1/repairs',
    url: '/v1/repairs',
    may: ['operator', 'furnisher', 'decider'],
  },
  {
    method: 'GET',
    route: '/v1/repairs/{id}',
    url: '/v1/repairs/rep_none',
    may: ['operator', 'furnisher', 'decider', 'subject'],
  },
  {
    method: 'POST',
    route: '/v1/repairs/{id}/review',
    url: '/v1/repairs/rep_none/review',
    body: { outcome: 'forward' },
    may: ['operator'],
  },
  {
    method: 'POST',
    route: '/v1/repairs/{id}/decision',
    url: '/v1/repairs/rep_none/decision',
    body: { outcome: 'refuse', reasons: 'x' },
    may: ['furnisher', 'decider'],
  },
  {
    method: 'GET',
    route: '/v1/subjects/{identifier}/repairs',
    url: `/v1/subjects/${BEIJING_FIRM}/repairs`,
    may: ['subject', 'operator'],
  },
  {
    method: 'POST',
    route: '/v1/audit/checkpoints',
    url: '/v1/audit/checkpoints',
    may: ['operator'],
  },
  {
    method: 'GET',
    route: '/v1/audit/verification',
    url: '/v1/audit/verification',
    may: ['operator'],
  },
  {
    method: 'POST',
    route: '/v1/rating-runs',
    url: '/v1/rating-runs',
    body: { model: 'no_such_model' },
    may: ['operator'],
  },
  { method: 'GET', route: '/v1/rating-runs', url: '/v1/rating-runs', may: ['operator', 'decider'] },
  {
    method: 'GET',
    route: '/v1/rating-runs/{id}',
    url: `/v1/rating-runs/${RUN}`,
    may: ['operator', 'decider'],
  },
  {
    method: 'GET',
    route: '/v1/rating-runs/{id}/ratings',
    url: `/v1/rating-runs/${RUN}/ratings`,
    may: ['operator', 'decider'],
  },
  {
    method: 'GET',
    route: '/v1/rating-runs/{id}/migration',
    url: `/v1/rating-runs/${RUN}/migration?from=${RUN}`,
    may: ['operator', 'decider'],
  },
];

describe.each(BACKENDS)('the authorization matrix on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('names every route of the API', async () => {
    world = await apiWorld(store());
    const paths = (world.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const documented = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => m !== 'head')
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(CASES.map((c) => `${c.method} ${c.route}`).sort()).toEqual(documented.sort());
  });

  it('lets each role call exactly the routes its rule allows', { timeout: 120_000 }, async () => {
    world = await apiWorld(store());
    const outcomes: string[] = [];
    const expected: string[] = [];
    for (const c of CASES) {
      for (const role of ALL) {
        const res = await world.app.inject({
          method: c.method,
          url: c.url,
          headers: auth(role === 'public' ? undefined : world.keys[role]),
          ...(c.body !== undefined ? { payload: c.body as object } : {}),
        });
        const code =
          res.statusCode >= 400 ? json<{ error: { code: string } }>(res).error.code : 'ok';
        expect(res.statusCode, `${role} ${c.method} ${c.url}: ${res.body}`).toBeLessThan(500);
        const denied = code === 'AUTH_REQUIRED' || code === 'ROLE_FORBIDDEN';
        outcomes.push(`${c.method} ${c.route} ${role}: ${denied ? code : 'admitted'}`);
        const allowed = c.may.includes(role);
        expected.push(
          `${c.method} ${c.route} ${role}: ${allowed ? 'admitted' : role === 'public' ? 'AUTH_REQUIRED' : 'ROLE_FORBIDDEN'}`,
        );
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
