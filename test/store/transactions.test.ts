import { describe, expect, it } from 'vitest';
import type { StoreTx } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeAuthority, makeRecordVersion, makeSubject } from '../support/factories.js';

const EMPTY = { subjects: 0, records: 0, versions: 0, audit: 0 };

describe.each(BACKENDS)('transactions on $name', (backend) => {
  const store = storePerTest(backend);

  it('commits every write and returns what the function returns', async () => {
    const sut = store();
    const subject = makeSubject();
    const result = await sut.transaction(async (tx) => {
      await tx.insertSubjects([subject]);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await sut.getSubject(subject.id)).toEqual(subject);
  });

  it('rolls back everything written when the function throws', async () => {
    const sut = store();
    const subject = makeSubject();
    const authority = makeAuthority();
    const failure = new Error('the import was cancelled');

    const attempt = sut.transaction(async (tx) => {
      await tx.insertSubjects([subject]);
      await tx.upsertAuthority(authority);
      await tx.insertRecordVersions(
        Array.from({ length: 100 }, () =>
          makeRecordVersion({ subjectId: subject.id, authorityId: authority.id }),
        ),
      );
      await tx.appendAudit({
        at: subject.createdAt,
        actor: 't',
        action: 'x',
        subjectIds: [],
        payload: {},
      });
      throw failure;
    });

    await expect(attempt).rejects.toBe(failure);
    expect(await sut.counts()).toEqual(EMPTY);
    expect(await sut.listAuthorities()).toEqual([]);
  });

  it('does not commit after a failed write even when the function catches the error', async () => {
    const sut = store();
    const holder = makeSubject();
    await sut.transaction((tx) => tx.insertSubjects([holder]));
    const before = makeSubject();

    const attempt = sut.transaction(async (tx) => {
      await tx.insertSubjects([before]);
      await tx.insertSubjects([makeSubject({ identifiers: holder.identifiers })]).catch(() => null);
      return 'swallowed';
    });

    await expect(attempt).rejects.toMatchObject({ code: 'SUBJECT_IDENTIFIER_TAKEN' });
    expect(await sut.getSubject(before.id)).toBeNull();
  });

  it('refuses further work in a transaction after a failed write', async () => {
    const sut = store();
    const holder = makeSubject();
    await sut.transaction((tx) => tx.insertSubjects([holder]));

    const attempt = sut.transaction(async (tx) => {
      await tx.insertSubjects([makeSubject({ identifiers: holder.identifiers })]).catch(() => null);
      await tx.insertSubjects([makeSubject()]);
    });

    await expect(attempt).rejects.toThrow(/failed earlier/);
    expect((await sut.counts()).subjects).toBe(1);
  });

  it('refuses a transaction handle used after the transaction ended', async () => {
    const sut = store();
    let leaked: StoreTx | undefined;
    await sut.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.insertSubjects([makeSubject()])).rejects.toThrow(/finished/);
    expect((await sut.counts()).subjects).toBe(0);
  });

  it('keeps concurrent transactions apart: one failing does not undo the others', async () => {
    const sut = store();
    const subjects = Array.from({ length: 10 }, () => makeSubject());

    const results = await Promise.allSettled(
      subjects.map((subject, i) =>
        sut.transaction(async (tx) => {
          await tx.insertSubjects([subject]);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (i % 3 === 0) throw new Error(`abandon ${i}`);
          return (await tx.getSubject(subject.id))?.id;
        }),
      ),
    );

    expect(results.map((r) => r.status)).toEqual(
      subjects.map((_, i) => (i % 3 === 0 ? 'rejected' : 'fulfilled')),
    );
    for (const [i, subject] of subjects.entries()) {
      expect(await sut.getSubject(subject.id)).toEqual(i % 3 === 0 ? null : subject);
    }
  });
});
