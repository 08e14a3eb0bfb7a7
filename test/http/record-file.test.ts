import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { findSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, loanDefault, SHANGHAI_BANK, SHANGHAI_FIRM } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface RecordReply {
  purpose: string;
  subject: { name: string; kind: string };
  item: { recordId: string; current: { id: string; type: string }; status: string };
  inquiry: { seq: number; purpose: string; accountName: string; read: { recordIds: string[] } };
}
interface ErrorReply {
  error: { code: string; field?: string; message: string; requestId?: string };
}

describe.each(BACKENDS)('an officer’s read of a record by id on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const read = (id: string, key: string, purpose = 'supervision') =>
    world.app.inject({
      method: 'GET',
      url: `/v1/records/${id}/file?purpose=${purpose}`,
      headers: auth(key),
    });
  const logged = async () => ({
    audit: (await world.deps.store.listAudit(0, 1000)).filter((a) => a.action === 'subject.inquire')
      .length,
    inquiries: await Promise.all(
      [BEIJING_FIRM, SHANGHAI_FIRM].map(async (identifier) => {
        const subject = await findSubject(world.deps, identifier).catch(() => null);
        return subject ? (await world.deps.store.listInquiries(subject.id, 0, 100)).length : 0;
      }),
    ),
  });

  /** The world with the Beijing regulator's penalty and a Shanghai bank's loan default. */
  async function withRecords() {
    world = await apiWorld(store());
    const penalty = await submit(world);
    expect(penalty.statusCode, penalty.body).toBe(201);
    const loan = await submit(world, loanDefault(), await bankKey());
    expect(loan.statusCode, loan.body).toBe(201);
    return {
      penalty: json<{ recordId: string }>(penalty).recordId,
      loan: json<{ recordId: string }>(loan).recordId,
    };
  }
  const bankKey = async () =>
    (
      await createAccount(
        world.deps,
        { name: 'bank furnisher', role: 'furnisher', authority: SHANGHAI_BANK },
        'test',
      )
    ).apiKey;

  it('reads a record in scope and logs the read as an inquiry, as a full-file read is', async () => {
    const { penalty } = await withRecords();
    const res = await read(penalty, world.keys.furnisher);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<RecordReply>(res);
    expect(body.purpose).toBe('supervision');
    expect(body.item).toMatchObject({ recordId: penalty, status: 'active' });
    expect(body.item.current.type).toBe('admin_penalty');
    expect(body.subject).toMatchObject({ name: '北京测试科技有限公司', kind: 'business' });
    expect(body.inquiry).toMatchObject({
      purpose: 'supervision',
      accountName: 'furnisher account',
    });
    expect(body.inquiry.read.recordIds).toEqual([body.item.current.id]);
    expect(await logged()).toEqual({ audit: 1, inquiries: [1, 0] });
    // the subject sees who read it, when and for what
    const log = await world.app.inject({
      method: 'GET',
      url: `/v1/subjects/${BEIJING_FIRM}/inquiries`,
      headers: auth(world.keys.subject),
    });
    expect(json<{ items: Array<{ purpose: string }> }>(log).items).toMatchObject([
      { purpose: 'supervision' },
    ]);
  });

  it('refuses a record outside the purpose’s reach and logs nothing', async () => {
    const { loan } = await withRecords();
    // the Beijing regulator: the Shanghai firm is outside its regions
    const beijing = await read(loan, world.keys.furnisher);
    // the national court: in its jurisdiction, but a loan default is of no judicial domain
    const court = await read(loan, world.keys.decider);
    for (const res of [beijing, court]) {
      expect(res.statusCode).toBe(404);
      expect(json<ErrorReply>(res).error).toMatchObject({ code: 'RECORD_NOT_FOUND', field: 'id' });
    }
    expect(await logged()).toEqual({ audit: 0, inquiries: [0, 0] });
  });

  it('answers a record that does not exist exactly as one out of scope', async () => {
    const { loan } = await withRecords();
    const outOfScope = await read(loan, world.keys.furnisher);
    const absent = await read('rec_00000000000000000000000000', world.keys.furnisher);
    expect(absent.statusCode).toBe(outOfScope.statusCode);
    // the same answer but for the request's own id
    const answer = (res: typeof absent) => ({ ...json<ErrorReply>(res).error, requestId: null });
    expect(answer(absent)).toEqual(answer(outOfScope));
    expect(await logged()).toEqual({ audit: 0, inquiries: [0, 0] });
  });

  it('refuses a purpose the reader may not state before reading anything', async () => {
    const { penalty } = await withRecords();
    const loanApproval = await read(penalty, world.keys.furnisher, 'loan_approval');
    expect(loanApproval.statusCode).toBe(403);
    expect(json<ErrorReply>(loanApproval).error.code).toBe('PURPOSE_FORBIDDEN');
    const none = await world.app.inject({
      method: 'GET',
      url: `/v1/records/${penalty}/file`,
      headers: auth(world.keys.furnisher),
    });
    expect(none.statusCode).toBe(400);
    // a bank's inquirer reads files by subject, not records by id
    const inquirer = await read(penalty, world.keys.inquirer, 'procurement_check');
    expect(inquirer.statusCode).toBe(403);
    expect(await logged()).toEqual({ audit: 0, inquiries: [0, 0] });
  });
});
