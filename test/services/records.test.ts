import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/domain/audit.js';
import { fixedClock } from '../../src/domain/clock.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  correctRecord,
  revokeRecord,
  submitRecord,
} from '../../src/services/records/records.service.js';
import { subjectFile } from '../../src/services/records/subject-file.service.js';
import { findSubject, registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import {
  BEIJING_FIRM,
  NATIONAL_COURT,
  PERSON,
  penalty,
  registry,
  SHANGHAI_FIRM,
} from '../support/registry.js';

/** A loan default about the Beijing firm, which a market regulator may not write. */
const loanDefault = () =>
  penalty({
    type: 'loan_default',
    severity: '',
    violation_type: '',
    penalty_classes: '',
    fine_amount: '',
    basis_provision: '',
    lender: '某银行',
    amount: '1000',
    days_past_due: 90,
  });

describe.each(BACKENDS)('records on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
  });
  afterEach(async () => cleanup());

  const expectCode = async (promise: Promise<unknown>, code: string, field?: string) => {
    await expect(promise).rejects.toMatchObject({ code, ...(field ? { field } : {}) });
  };

  it('creates the subject on first sight and files the record', async () => {
    const result = await submitRecord(sut, penalty(), 'officer-1');
    expect(result.status).toBe('created');
    const subject = await findSubject(sut, BEIJING_FIRM);
    expect(subject).toMatchObject({ kind: 'business', region: '110000' });
    expect(subject.names[0]).toMatchObject({ name: '北京某某科技有限公司', lang: 'zh' });
    const file = await subjectFile(sut, BEIJING_FIRM);
    expect(file.items).toHaveLength(1);
    expect(file.items[0]).toMatchObject({ status: 'active', visibility: 'public' });
    expect(file.items[0]!.current.amounts).toEqual([
      { field: 'fine_amount', minor: 5_000_000, currency: 'CNY' },
    ]);
  });

  it('changes nothing when the same source reference is submitted again with the same content', async () => {
    await submitRecord(sut, penalty(), 'officer-1');
    const before = await sut.store.counts();
    const again = await submitRecord(sut, penalty(), 'officer-1');
    expect(again.status).toBe('unchanged');
    expect(await sut.store.counts()).toEqual(before);
  });

  it('refuses other content under a source reference already used', async () => {
    await submitRecord(sut, penalty(), 'officer-1');
    await expectCode(
      submitRecord(sut, penalty({ fine_amount: '1.00' }), 'officer-1'),
      'SOURCE_REF_CONFLICT',
      'source_ref',
    );
  });

  it('refuses a record type that is not in the catalog', async () => {
    await expectCode(
      submitRecord(sut, penalty({ type: 'social_media_post' }), 'x'),
      'RECORD_TYPE_UNKNOWN',
      'type',
    );
  });

  it('refuses a record without a legal basis', async () => {
    await expectCode(
      submitRecord(sut, penalty({ legal_basis: '' }), 'x'),
      'LEGAL_BASIS_REQUIRED',
      'legal_basis',
    );
  });

  it("refuses a type outside the authority's domains", async () => {
    await expectCode(submitRecord(sut, loanDefault(), 'x'), 'RECORD_DOMAIN_FORBIDDEN', 'type');
  });

  it("refuses a subject outside the authority's regions", async () => {
    await expectCode(
      submitRecord(sut, penalty({ subject_identifier: SHANGHAI_FIRM, source_ref: 'P-2' }), 'x'),
      'RECORD_REGION_FORBIDDEN',
    );
  });

  it('lets a national authority write about any region', async () => {
    const result = await submitRecord(
      sut,
      penalty({
        authority: NATIONAL_COURT,
        subject_identifier: PERSON,
        subject_name: '张三',
        source_ref: 'C-1',
        legal_basis: '民事诉讼法',
      }),
      'judge',
    );
    expect(result.status).toBe('created');
  });

  it('refuses an invalid subject identifier, naming the kind of error', async () => {
    await expectCode(
      submitRecord(sut, penalty({ subject_identifier: '91110000600037341N' }), 'x'),
      'USCC_CHECKSUM',
      'subject_identifier',
    );
  });

  it('leaves the store as it was when a request fails', async () => {
    const before = await sut.store.counts();
    await expect(submitRecord(sut, penalty({ fine_amount: '12.345' }), 'x')).rejects.toMatchObject({
      code: 'AMOUNT_INVALID',
      field: 'fine_amount',
    });
    expect(await sut.store.counts()).toEqual(before);
  });

  it('corrects a record as a new version that supersedes the old one', async () => {
    const first = await submitRecord(sut, penalty(), 'officer-1');
    const corrected = await correctRecord(
      sut,
      first.recordId,
      { fine_amount: '30000' },
      'amount mistyped',
      'officer-2',
    );
    expect(corrected).toMatchObject({
      version: 2,
      supersedes: first.recordId,
      action: 'correct',
      reason: 'amount mistyped',
    });
    const old = await sut.store.getRecordVersion(first.recordId);
    expect(old!.amounts[0]!.minor).toBe(5_000_000);
    const [item] = (await subjectFile(sut, BEIJING_FIRM)).items;
    expect(item!.current.amounts[0]!.minor).toBe(3_000_000);
    expect(item!.history).toMatchObject([{ version: 1, action: 'submit' }]);
  });

  it('refuses to correct a superseded version or without a reason', async () => {
    const first = await submitRecord(sut, penalty(), 'o');
    await expectCode(
      correctRecord(sut, first.recordId, { facts: 'x' }, '  ', 'o'),
      'REASON_REQUIRED',
      'reason',
    );
    await correctRecord(sut, first.recordId, { facts: 'x' }, 'typo', 'o');
    await expectCode(
      correctRecord(sut, first.recordId, { facts: 'y' }, 'again', 'o'),
      'RECORD_STALE_VERSION',
    );
  });

  it('validates a correction like a submission', async () => {
    const first = await submitRecord(sut, penalty(), 'o');
    await expectCode(
      correctRecord(sut, first.recordId, { severity: 'catastrophic' }, 'r', 'o'),
      'FIELD_ENUM',
      'severity',
    );
  });

  it('revokes a record, which then shows as revoked and cannot change again', async () => {
    const first = await submitRecord(sut, penalty(), 'o');
    const revoked = await revokeRecord(sut, first.recordId, 'decision annulled by court', 'o');
    expect(revoked.action).toBe('revoke');
    const [item] = (await subjectFile(sut, BEIJING_FIRM)).items;
    expect(item!.status).toBe('revoked');
    await expectCode(revokeRecord(sut, revoked.id, 'again', 'o'), 'RECORD_REVOKED');
  });

  it('answers the file as of a past date with what was true then', async () => {
    const first = await submitRecord(sut, penalty(), 'o');
    const later = { ...sut, clock: fixedClock('2026-09-01T00:00:00.000Z') };
    await revokeRecord(later, first.recordId, 'annulled', 'o');
    expect((await subjectFile(later, BEIJING_FIRM, '2026-07-01')).items[0]!.status).toBe('active');
    expect((await subjectFile(later, BEIJING_FIRM, '2026-09-01')).items[0]!.status).toBe('revoked');
    expect((await subjectFile(later, BEIJING_FIRM, '2026-01-01')).items).toHaveLength(0);
  });

  it('shows a general-tier penalty as past its window after one year', async () => {
    await submitRecord(sut, penalty(), 'o');
    const file = await subjectFile(sut, BEIJING_FIRM, '2027-03-02');
    expect(file.items[0]).toMatchObject({ status: 'expired', visibility: 'not_public' });
  });

  it('registers a subject once and refuses a second registration of the identifier', async () => {
    const s = await registerSubject(
      sut,
      { subject_identifier: PERSON, subject_name: '李四' },
      'operator',
    );
    expect(s).toMatchObject({ kind: 'person', region: '440113' });
    await expectCode(
      registerSubject(sut, { subject_identifier: PERSON, subject_name: '李四' }, 'operator'),
      'SUBJECT_IDENTIFIER_TAKEN',
    );
  });

  it('appends every write to a hash-chained audit log in the same transaction', async () => {
    await submitRecord(sut, penalty(), 'officer-1');
    const entries = await sut.store.listAudit(0, 100);
    // three authorities, then the submission
    expect(entries.map((e) => e.action)).toEqual([
      'authority.register',
      'authority.register',
      'authority.register',
      'records.submit',
    ]);
    let prev = GENESIS_HASH;
    for (const e of entries) {
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toBe(
        chainHash(prev, e.seq, {
          at: e.at,
          actor: e.actor,
          action: e.action,
          subjectIds: e.subjectIds,
          payload: e.payload,
        }),
      );
      prev = e.hash;
    }
  });
});
