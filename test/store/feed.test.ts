import { describe, expect, it } from 'vitest';
import type { ListEntry, ListTransition } from '../../src/domain/list-entry.js';
import type { Store, StoreTx } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeAuthority, makeListEntry, makeSubject, makeTransition } from '../support/factories.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A stored subject and authority, and a factory of entries about them. */
async function seed(sut: Store): Promise<() => ListEntry> {
  const subject = makeSubject();
  const authority = makeAuthority();
  await sut.transaction(async (tx) => {
    await tx.insertSubjects([subject]);
    await tx.upsertAuthority(authority);
  });
  return () => makeListEntry({ subjectId: subject.id, authorityId: authority.id });
}

/** Appends `count` transitions of a new entry, then writes the entry, as a service does. */
async function appendFor(tx: StoreTx, entry: ListEntry, count: number): Promise<ListTransition[]> {
  const appended: ListTransition[] = [];
  for (let n = 0; n < count; n++) {
    appended.push(await tx.appendTransition(makeTransition(entry, { reason: `step ${n}` })));
  }
  await tx.insertListEntry({ ...entry, lastSeq: appended.at(-1)?.seq ?? 0 });
  return appended;
}

/** Every transition after `afterSeq`, read a page at a time with the seq cursor. */
async function readAll(sut: Store, pageSize: number, afterSeq = 0): Promise<ListTransition[]> {
  const read: ListTransition[] = [];
  for (;;) {
    const page = await sut.readFeed(read.at(-1)?.seq ?? afterSeq, pageSize);
    read.push(...page);
    if (page.length < pageSize) return read;
  }
}

describe.each(BACKENDS)('the list change feed on $name', (backend) => {
  const store = storePerTest(backend);

  it('starts at seq 1, counts up by exactly 1 and returns what the feed later reads', async () => {
    const sut = store();
    const entry = await seed(sut);
    const appended: ListTransition[] = [];
    for (let n = 0; n < 4; n++) {
      appended.push(...(await sut.transaction((tx) => appendFor(tx, entry(), 1 + (n % 2)))));
    }

    expect(appended.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await sut.readFeed(0, 100)).toEqual(appended);
    expect(await sut.readFeed(2, 3)).toEqual(appended.slice(2, 5));
    expect(await sut.readFeed(6, 10)).toEqual([]);
  });

  it('gives concurrent transactions seqs 1..100 with no gap and no duplicate, each its own run', async () => {
    const sut = store();
    const entry = await seed(sut);
    const entries = Array.from({ length: 20 }, () => entry());

    const appended = await Promise.all(
      entries.map((e) =>
        sut.transaction(async (tx) => {
          const own: ListTransition[] = [];
          for (let n = 0; n < 5; n++) {
            own.push(await tx.appendTransition(makeTransition(e, { reason: `step ${n}` })));
            await pause(1);
          }
          await tx.insertListEntry({ ...e, lastSeq: own.at(-1)!.seq });
          return own;
        }),
      ),
    );

    const read = await readAll(sut, 7);
    expect(read.map((t) => t.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(read).toEqual(appended.flat().sort((a, b) => a.seq - b.seq));
    // the lock is held to commit, so one transaction's transitions are never interleaved
    for (const own of appended) {
      expect(own.map((t) => t.seq - own[0]!.seq)).toEqual([0, 1, 2, 3, 4]);
    }
    for (const e of entries) {
      const stored = await sut.listTransitions(e.id);
      expect(stored.map((t) => t.reason)).toEqual([
        'step 0',
        'step 1',
        'step 2',
        'step 3',
        'step 4',
      ]);
      expect((await sut.getListEntry(e.id))?.lastSeq).toBe(stored.at(-1)?.seq);
    }
  });

  it('leaves no gap after a rollback: the next commit takes the seq', async () => {
    const sut = store();
    const entry = await seed(sut);
    await sut.transaction((tx) => appendFor(tx, entry(), 1));
    const abandoned = sut.transaction(async (tx) => {
      await appendFor(tx, entry(), 2);
      throw new Error('abandon');
    });
    await expect(abandoned).rejects.toThrow('abandon');

    const next = await sut.transaction((tx) => appendFor(tx, entry(), 2));

    expect(next.map((t) => t.seq)).toEqual([2, 3]);
    expect((await sut.readFeed(0, 10)).map((t) => t.seq)).toEqual([1, 2, 3]);
  });

  it('does not show a reader a transition whose transaction is still open', async () => {
    const sut = store();
    const entry = await seed(sut);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let appended!: () => void;
    const wasAppended = new Promise<void>((resolve) => (appended = resolve));
    const abandoned = sut.transaction(async (tx) => {
      await appendFor(tx, entry(), 1);
      appended();
      await released;
      throw new Error('abandon');
    });
    await wasAppended;

    // a reader that saw seq 1 now would move its cursor past the seq the next commit reuses
    const read = sut.readFeed(0, 10);
    release();
    await expect(abandoned).rejects.toThrow('abandon');
    expect(await read).toEqual([]);

    const next = await sut.transaction((tx) => appendFor(tx, entry(), 1));
    expect(await sut.readFeed(0, 10)).toEqual(next);
  });

  it('shows a transaction its own uncommitted transitions', async () => {
    const sut = store();
    const entry = await seed(sut);
    const seen = await sut.transaction(async (tx) => {
      const own = await appendFor(tx, entry(), 2);
      return { own, read: await tx.readFeed(0, 10) };
    });
    expect(seen.read).toEqual(seen.own);
  });
});
