import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from '../../src/domain/audit.js';
import type { AuditEntry, NewAuditEntry } from '../../src/domain/audit.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeAuthority, makeRecordVersion, makeSubject } from '../support/factories.js';

const entry = (n: number, overrides: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: `2025-04-01T08:00:${String(n % 60).padStart(2, '0')}.000Z`,
  actor: `clerk-${n}`,
  action: 'record.submit',
  subjectIds: [`sub_${n}`],
  payload: { n, note: '备注\ttab\nline "quoted" \\', nested: { b: [1, 2.5, null], a: true } },
  ...overrides,
});

/** Whether each entry links to the one before and its hash is what chainHash gives. */
function verify(entries: AuditEntry[]): void {
  entries.forEach((e, i) => {
    expect(e.seq).toBe(i + 1);
    expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : entries[i - 1]!.hash);
    const { seq, prevHash, hash, ...content } = e;
    expect(hash).toBe(chainHash(prevHash, seq, content));
  });
}

describe.each(BACKENDS)('the audit log on $name', (backend) => {
  const store = storePerTest(backend);

  it('starts at seq 1 from the genesis hash and links each entry to the one before', async () => {
    const sut = store();
    const appended: AuditEntry[] = [];
    for (let n = 1; n <= 5; n++) {
      appended.push(await sut.transaction((tx) => tx.appendAudit(entry(n))));
    }

    const listed = await sut.listAudit(0, 100);

    expect(listed).toEqual(appended);
    verify(listed);
    expect(listed[2]).toMatchObject(entry(3));
  });

  it('pages by seq', async () => {
    const sut = store();
    await sut.transaction(async (tx) => {
      for (let n = 1; n <= 7; n++) await tx.appendAudit(entry(n));
    });
    expect((await sut.listAudit(2, 3)).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(await sut.listAudit(7, 10)).toEqual([]);
  });

  it('stores instants in toISOString form and a missing payload as null, so hashes verify', async () => {
    const sut = store();
    await sut.transaction(async (tx) => {
      await tx.appendAudit(entry(1, { at: '2025-04-01T16:00:00+08:00' }));
      await tx.appendAudit(entry(2, { payload: undefined }));
    });
    const listed = await sut.listAudit(0, 10);
    expect(listed[0]?.at).toBe('2025-04-01T08:00:00.000Z');
    expect(listed[1]?.payload).toBeNull();
    verify(listed);
  });

  it('makes one unbroken chain from concurrent transactions', async () => {
    const sut = store();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        sut.transaction(async (tx) => {
          await tx.appendAudit(entry(i * 2));
          await new Promise((resolve) => setTimeout(resolve, 2));
          await tx.appendAudit(entry(i * 2 + 1));
        }),
      ),
    );
    const listed = await sut.listAudit(0, 100);
    expect(listed).toHaveLength(20);
    verify(listed);
  });

  it('keeps the chain when one transaction appends in parallel', async () => {
    const sut = store();
    const subject = makeSubject();
    const authority = makeAuthority();
    const rows = Array.from({ length: 500 }, () =>
      makeRecordVersion({ subjectId: subject.id, authorityId: authority.id }),
    );
    await sut.transaction(async (tx) => {
      await Promise.all([tx.insertSubjects([subject]), tx.upsertAuthority(authority)]);
      await Promise.all([
        tx.insertRecordVersions(rows.slice(0, 250)),
        ...Array.from({ length: 5 }, (_, n) => tx.appendAudit(entry(n))),
        tx.insertRecordVersions(rows.slice(250)),
      ]);
    });
    const listed = await sut.listAudit(0, 100);
    expect(listed).toHaveLength(5);
    verify(listed);
    expect((await sut.counts()).versions).toBe(500);
  });

  it('forgets the entries of a rolled-back transaction', async () => {
    const sut = store();
    await sut.transaction((tx) => tx.appendAudit(entry(1)));
    await sut
      .transaction(async (tx) => {
        await tx.appendAudit(entry(2));
        throw new Error('abandon');
      })
      .catch(() => null);
    await sut.transaction((tx) => tx.appendAudit(entry(3)));

    const listed = await sut.listAudit(0, 10);
    expect(listed.map((e) => e.actor)).toEqual(['clerk-1', 'clerk-3']);
    verify(listed);
  });
});

describe.each(BACKENDS)('counts on $name', (backend) => {
  const store = storePerTest(backend);

  it('counts subjects, distinct records, versions and audit entries', async () => {
    const sut = store();
    const subjects = [makeSubject(), makeSubject()];
    const authority = makeAuthority();
    const first = makeRecordVersion({ subjectId: subjects[0]!.id, authorityId: authority.id });
    const second = makeRecordVersion({ subjectId: subjects[1]!.id, authorityId: authority.id });
    const correction = {
      ...first,
      id: 'rec_correction',
      version: 2,
      supersedes: first.id,
      action: 'correct' as const,
    };
    await sut.transaction(async (tx) => {
      await tx.insertSubjects(subjects);
      await tx.upsertAuthority(authority);
      await tx.insertRecordVersions([first, second, correction]);
      await tx.appendAudit(entry(1));
    });

    expect(await sut.counts()).toEqual({ subjects: 2, records: 2, versions: 3, audit: 1 });
  });
});
