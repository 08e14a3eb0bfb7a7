import { afterEach, describe, expect, it } from 'vitest';
import { makeRic } from '../../src/domain/identifiers/index.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, BEIJING_MARKET, PERSON, SHANGHAI_FIRM, TODAY } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface PublicView {
  records: Array<{ type: string; authority: string; fields: Record<string, unknown> }>;
}

describe.each(BACKENDS)('credit commitments over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const commit = (key: string, identifier = BEIJING_FIRM, body: object = {}) =>
    world.app.inject({
      method: 'POST',
      url: `/v1/subjects/${identifier}/commitments`,
      headers: auth(key),
      payload: { template: 'lawful_operation', term: 'P2Y', ...body },
    });
  const codeOf = (res: { json: () => unknown }) =>
    (res.json() as { error: { code: string } }).error.code;

  it('publishes an organization’s commitment as a public credit_commitment record', async () => {
    world = await apiWorld(store());
    const res = await commit(world.keys.subject);
    expect(res.statusCode, res.body).toBe(201);
    const made = json<{ recordId: string; authority: string; dueDate: string; status: string }>(
      res,
    );
    expect(made).toMatchObject({
      status: 'created',
      authority: BEIJING_MARKET,
      dueDate: '2028-06-15',
    });
    const view = json<PublicView>(
      await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` }),
    );
    const record = view.records.find((r) => r.type === 'credit_commitment');
    expect(record?.authority).toBe(BEIJING_MARKET);
    expect(record?.fields).toMatchObject({
      context: 'other',
      due_date: '2028-06-15',
      promise: expect.stringContaining('依法诚信经营'),
    });
    // made twice the same day, it is one commitment
    const again = await commit(world.keys.subject);
    expect(json<{ recordId: string; status: string }>(again)).toMatchObject({
      recordId: made.recordId,
      status: 'unchanged',
    });
    const audit = await world.deps.store.listAudit(0, 1000);
    expect(audit.some((e) => e.action === 'records.submit' && e.at.startsWith(TODAY))).toBe(true);
  });

  it('answers a number no one carries exactly as another subject’s, so that it confirms no one is on file', async () => {
    world = await apiWorld(store());
    const unknown = makeRic('440113', '1985-03-02', 19);
    const other = await commit(world.keys.subject, PERSON);
    const absent = await commit(world.keys.subject, unknown);
    expect(other.statusCode).toBe(403);
    expect({ status: absent.statusCode, code: codeOf(absent) }).toEqual({
      status: other.statusCode,
      code: codeOf(other),
    });
    expect(absent.body).not.toContain(unknown);
  });

  it('lets no one commit for an organization but the organization itself', async () => {
    world = await apiWorld(store());
    await registerSubject(
      world.deps,
      { subject_identifier: SHANGHAI_FIRM, subject_name: '上海测试有限公司' },
      'test',
    );
    const other = (
      await createAccount(
        world.deps,
        { name: 'other firm', role: 'subject', subject: SHANGHAI_FIRM },
        'test',
      )
    ).apiKey;
    expect(codeOf(await commit(world.personKey))).toBe('COMMITMENT_FORBIDDEN');
    expect(codeOf(await commit(world.personKey, PERSON))).toBe('COMMITMENT_FORBIDDEN');
    expect(codeOf(await commit(other))).toBe('COMMITMENT_FORBIDDEN');
    expect(codeOf(await commit(world.keys.furnisher))).toBe('ROLE_FORBIDDEN');
    expect(codeOf(await commit(world.keys.operator))).toBe('ROLE_FORBIDDEN');
    const view = json<PublicView>(
      await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` }),
    );
    expect(view.records.filter((r) => r.type === 'credit_commitment')).toEqual([]);
  });

  it('takes only a catalog template and one of its terms', async () => {
    world = await apiWorld(store());
    const unknown = await commit(world.keys.subject, BEIJING_FIRM, { template: 'anything' });
    expect(unknown.statusCode).toBe(400);
    expect(codeOf(unknown)).toBe('COMMITMENT_TEMPLATE_UNKNOWN');
    const term = await commit(world.keys.subject, BEIJING_FIRM, { term: 'P9Y' });
    expect(codeOf(term)).toBe('COMMITMENT_TERM_INVALID');
  });

  it('takes a broken commitment from an authority with jurisdiction, as a public adverse record', async () => {
    world = await apiWorld(store());
    const res = await submit(world, {
      type: 'commitment_broken',
      authority: BEIJING_MARKET,
      source_ref: 'broken-1',
      subject_identifier: BEIJING_FIRM,
      legal_basis: '国办发〔2019〕35号',
      document_number: '京市监信〔2026〕1号',
      decision_date: TODAY,
      facts: '承诺持续符合许可条件，经核查不符合',
      commitment: '行政许可告知承诺',
      breach: 'conditions_not_met',
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = json<PublicView>(
      await world.app.inject({ method: 'GET', url: `/v1/subjects/${BEIJING_FIRM}` }),
    );
    expect(view.records.map((r) => r.type)).toContain('commitment_broken');
  });
});
