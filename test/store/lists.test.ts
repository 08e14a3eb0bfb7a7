import { describe, expect, it } from 'vitest';
import type { ListEntry, ListTransition } from '../../src/domain/list-entry.js';
import type { Subject, SubjectRelation } from '../../src/domain/subject.js';
import type { ListEntryQuery, Store } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  makeAuthority,
  makeListEntry,
  makePerson,
  makeRecordVersion,
  makeSubject,
  makeTransition,
} from '../support/factories.js';

const byId = <T extends { id: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Stores `count` subjects and an authority; entries and versions need both. */
async function seed(sut: Store, count = 1): Promise<{ subjects: Subject[]; authorityId: string }> {
  const subjects = Array.from({ length: count }, () => makeSubject());
  const authority = makeAuthority();
  await sut.transaction(async (tx) => {
    await tx.insertSubjects(subjects);
    await tx.upsertAuthority(authority);
  });
  return { subjects, authorityId: authority.id };
}

/** Reads every page of a query with the id cursor. */
async function allPages(sut: Store, query: ListEntryQuery, limit: number): Promise<ListEntry[]> {
  const found: ListEntry[] = [];
  for (;;) {
    const page = await sut.findListEntries(query, limit, found.at(-1)?.id);
    found.push(...page);
    if (page.length < limit) return found;
  }
}

describe.each(BACKENDS)('list entries on $name', (backend) => {
  const store = storePerTest(backend);

  it('round-trips entries exactly: nulls, booleans, dates, arrays and large seqs', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut);
    const subjectId = subjects[0]!.id;
    const entries = [
      makeListEntry({ subjectId, authorityId }),
      makeListEntry({
        subjectId,
        authorityId: 'system',
        listType: 'court_dishonest_debtor',
        state: 'proposed',
        recordIds: [],
        noticeEnds: null,
        effectiveFrom: null,
        endsOn: null,
      }),
      makeListEntry({
        subjectId,
        authorityId,
        state: 'removed',
        recordIds: ['rec_a', 'rec_b', 'rec_c'],
        circumstance: '能履行而拒不履行 "1"\ttab\\',
        noticeWaived: true,
        removedOn: '2024-02-29',
        removal: 'performed',
        lastSeq: 2 ** 40,
      }),
    ];

    await sut.transaction(async (tx) => {
      for (const entry of entries) await tx.insertListEntry(entry);
    });

    for (const entry of entries) expect(await sut.getListEntry(entry.id)).toEqual(entry);
    expect(await sut.listEntriesOf([subjectId])).toEqual(byId(entries));
  });

  it('answers null and empty for what is not stored', async () => {
    const sut = store();
    expect(await sut.getListEntry('lst_nothing')).toBeNull();
    expect(await sut.listEntriesOf([])).toEqual([]);
    expect(await sut.listEntriesOf(['sub_nobody'])).toEqual([]);
    expect(await sut.findListEntries({}, 10)).toEqual([]);
    expect(await sut.listTransitions('lst_nothing')).toEqual([]);
  });

  it('replaces every column of an entry on update', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut);
    const entry = makeListEntry({
      subjectId: subjects[0]!.id,
      authorityId,
      state: 'noticed',
      effectiveFrom: null,
      endsOn: null,
    });
    const other = makeListEntry({ subjectId: subjects[0]!.id, authorityId });
    await sut.transaction(async (tx) => {
      await tx.insertListEntry(entry);
      await tx.insertListEntry(other);
    });
    const changed: ListEntry = {
      ...entry,
      listType: 'wage_arrears',
      state: 'removed',
      authorityId: 'system',
      recordIds: ['rec_x'],
      circumstance: '2',
      proposedOn: '2025-01-01',
      noticeEnds: null,
      noticeWaived: true,
      effectiveFrom: '2025-02-01',
      endsOn: '2028-02-01',
      removedOn: '2025-06-30',
      removal: 'early_removal',
      lastSeq: 7,
    };

    await sut.transaction((tx) => tx.updateListEntry(changed));

    expect(await sut.getListEntry(entry.id)).toEqual(changed);
    expect(await sut.getListEntry(other.id)).toEqual(other);
  });

  it('refuses to update an entry that is not stored, and rolls the transaction back', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut, 2);
    const stored = makeListEntry({ subjectId: subjects[0]!.id, authorityId });
    await sut.transaction((tx) => tx.insertListEntry(stored));
    const fresh = makeListEntry({ subjectId: subjects[0]!.id, authorityId });

    for (const missing of [
      makeListEntry({ subjectId: subjects[0]!.id, authorityId }),
      { ...stored, subjectId: subjects[1]!.id, state: 'removed' as const },
    ]) {
      const attempt = sut.transaction(async (tx) => {
        await tx.insertListEntry(fresh);
        await tx.updateListEntry(missing);
      });
      await expect(attempt).rejects.toMatchObject({
        code: 'LIST_ENTRY_NOT_FOUND',
        status: 404,
        detail: { id: missing.id },
      });
    }
    expect(await sut.getListEntry(fresh.id)).toBeNull();
    expect(await sut.getListEntry(stored.id)).toEqual(stored);
  });

  it('finds entries by every condition of a query, in id order, a page at a time', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut, 3);
    const types = ['market_serious_violation', 'wage_arrears'];
    const states = ['proposed', 'noticed', 'effective', 'removed', 'rejected'] as const;
    const entries = Array.from({ length: 40 }, (_, i) => {
      const state = states[i % states.length]!;
      const effective = state === 'effective' || state === 'removed';
      return makeListEntry({
        subjectId: subjects[i % subjects.length]!.id,
        authorityId,
        listType: types[i % types.length]!,
        state,
        effectiveFrom: effective ? `2025-0${1 + (i % 9)}-15` : null,
        // every third effective entry is open-ended (until performed)
        endsOn: effective && i % 3 !== 0 ? `202${6 + (i % 4)}-04-01` : null,
      });
    });
    await sut.transaction(async (tx) => {
      for (const entry of entries) await tx.insertListEntry(entry);
    });
    const queries: [ListEntryQuery, (e: ListEntry) => boolean][] = [
      [{}, () => true],
      [{ listType: 'wage_arrears' }, (e) => e.listType === 'wage_arrears'],
      [{ states: ['effective'] }, (e) => e.state === 'effective'],
      [{ states: ['proposed', 'noticed'] }, (e) => e.state === 'proposed' || e.state === 'noticed'],
      [{ states: [] }, () => false],
      [{ endsOnOrBefore: '2027-04-01' }, (e) => e.endsOn !== null && e.endsOn <= '2027-04-01'],
      [
        { effectiveFromOnOrBefore: '2025-04-15' },
        (e) => e.effectiveFrom !== null && e.effectiveFrom <= '2025-04-15',
      ],
      [
        {
          listType: 'market_serious_violation',
          states: ['effective', 'removed'],
          endsOnOrBefore: '2028-04-01',
          effectiveFromOnOrBefore: '2025-06-15',
        },
        (e) =>
          e.listType === 'market_serious_violation' &&
          (e.state === 'effective' || e.state === 'removed') &&
          e.endsOn !== null &&
          e.endsOn <= '2028-04-01' &&
          e.effectiveFrom !== null &&
          e.effectiveFrom <= '2025-06-15',
      ],
    ];

    for (const [query, holds] of queries) {
      const expected = byId(entries.filter(holds));
      expect(await sut.findListEntries(query, 100)).toEqual(expected);
      expect(await allPages(sut, query, 3)).toEqual(expected);
    }
    const sorted = byId(entries);
    expect(await sut.findListEntries({}, 5, sorted[9]!.id)).toEqual(sorted.slice(10, 15));
  });

  it('lists the entries of many subjects at once, each entry once', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut, 250);
    const entries = subjects.flatMap((s, i) =>
      Array.from({ length: i % 3 }, () => makeListEntry({ subjectId: s.id, authorityId })),
    );
    await sut.transaction(async (tx) => {
      for (const entry of entries) await tx.insertListEntry(entry);
    });
    const asked = subjects.slice(0, 240).map((s) => s.id);
    const wanted = new Set(asked);

    const listed = await sut.listEntriesOf([...asked, ...asked.slice(0, 30), 'sub_nobody']);

    expect(byId(listed)).toEqual(byId(entries.filter((e) => wanted.has(e.subjectId))));
  });
});

describe.each(BACKENDS)('list transitions on $name', (backend) => {
  const store = storePerTest(backend);

  it('round-trips transitions and lists those of an entry in seq order', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut);
    const entry = makeListEntry({ subjectId: subjects[0]!.id, authorityId });
    const other = makeListEntry({ subjectId: subjects[0]!.id, authorityId });
    const news = [
      makeTransition(entry, {
        kind: 'propose',
        fromState: null,
        toState: 'proposed',
        effectiveDate: '2024-02-29',
        recordIds: [],
        data: {},
      }),
      makeTransition(other),
      makeTransition(entry, {
        kind: 'notice',
        fromState: 'proposed',
        toState: 'noticed',
        reason: 'quotes " \' ""\ttab\nline \\N 🏦',
        data: {
          noticeEnds: '2025-03-17',
          rights: ['state a case', '陈述申辩'],
          nested: { n: 1.5, flag: false, none: null, big: 123_456_789_012 },
        },
      }),
      makeTransition(entry, { at: '2025-04-01T16:00:00+08:00' }),
    ];

    const stored: ListTransition[] = await sut.transaction(async (tx) => {
      const appended: ListTransition[] = [];
      for (const t of news) appended.push(await tx.appendTransition(t));
      await tx.insertListEntry({ ...entry, lastSeq: 4 });
      await tx.insertListEntry({ ...other, lastSeq: 2 });
      return appended;
    });

    expect(stored.map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    expect(stored.slice(0, 3)).toEqual(news.slice(0, 3).map((t, i) => ({ seq: i + 1, ...t })));
    expect(stored[3]!.at).toBe('2025-04-01T08:00:00.000Z');
    expect(await sut.listTransitions(entry.id)).toEqual([stored[0], stored[2], stored[3]]);
    expect(await sut.listTransitions(other.id)).toEqual([stored[1]]);
  });

  it('refuses a transition whose entry is never written', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut);
    const ghost = makeListEntry({ subjectId: subjects[0]!.id, authorityId });

    const attempt = sut.transaction((tx) => tx.appendTransition(makeTransition(ghost)));

    await expect(attempt).rejects.toThrow();
    expect(await sut.readFeed(0, 10)).toEqual([]);
  });
});

describe.each(BACKENDS)('record scans on $name', (backend) => {
  const store = storePerTest(backend);

  it('pages through the versions of the given types in id order', async () => {
    const sut = store();
    const { subjects, authorityId } = await seed(sut);
    const types = ['court_enforcement', 'admin_penalty', 'wage_arrears', 'tax_rating'];
    const versions = Array.from({ length: 60 }, (_, i) =>
      makeRecordVersion({ subjectId: subjects[0]!.id, authorityId, type: types[i % 4]! }),
    );
    await sut.transaction((tx) => tx.insertRecordVersions(versions));
    const wanted = ['court_enforcement', 'wage_arrears'];
    const expected = byId(versions.filter((v) => wanted.includes(v.type)));

    const scanned = [];
    for (;;) {
      const page = await sut.scanRecordVersions({
        types: [...wanted, 'court_enforcement'],
        afterId: scanned.at(-1)?.id,
        limit: 7,
      });
      scanned.push(...page);
      if (page.length < 7) break;
    }

    expect(scanned).toEqual(expected);
    expect(await sut.scanRecordVersions({ types: ['tax_rating'], limit: 100 })).toEqual(
      byId(versions.filter((v) => v.type === 'tax_rating')),
    );
    expect(await sut.scanRecordVersions({ types: [], limit: 10 })).toEqual([]);
    expect(await sut.scanRecordVersions({ types: wanted, limit: 0 })).toEqual([]);
    expect(
      await sut.scanRecordVersions({ types: wanted, afterId: expected.at(-1)!.id, limit: 10 }),
    ).toEqual([]);
  });
});

describe.each(BACKENDS)('what reaches a subject on $name', (backend) => {
  const store = storePerTest(backend);

  it('finds each identified subject with its own entries and those of subjects related to it', async () => {
    const sut = store();
    const authority = makeAuthority();
    const [rep, bystander] = [makePerson(), makePerson()];
    const represents: SubjectRelation = {
      kind: 'legal_representative',
      otherId: rep.id,
      validFrom: '2020-01-01',
      validTo: null,
    };
    const controls: SubjectRelation = {
      kind: 'actual_controller',
      otherId: rep.id,
      validFrom: null,
      validTo: '2024-12-31',
    };
    const firm = makeSubject({ relations: [represents] });
    const other = makeSubject({ relations: [controls] });
    const own = makeListEntry({ subjectId: rep.id, authorityId: authority.id, state: 'removed' });
    const firmEntries = [0, 1].map(() =>
      makeListEntry({ subjectId: firm.id, authorityId: authority.id }),
    );
    const otherEntry = makeListEntry({ subjectId: other.id, authorityId: authority.id });
    await sut.transaction(async (tx) => {
      await tx.upsertAuthority(authority);
      await tx.insertSubjects([rep, bystander, firm, other]);
      for (const e of [own, ...firmEntries, otherEntry]) await tx.insertListEntry(e);
    });
    const keyOf = (s: Subject) => s.identifiers[0]!;
    const key = (s: Subject) => `${keyOf(s).scheme}:${keyOf(s).value}`;

    const found = await sut.findReach([
      keyOf(rep),
      keyOf(bystander),
      keyOf(firm),
      { scheme: 'uscc', value: '91110000600037341L' },
    ]);

    expect([...found.keys()].sort()).toEqual([key(rep), key(bystander), key(firm)].sort());
    const related = [
      ...byId(firmEntries).map((entry) => ({ entry, relation: represents })),
      { entry: otherEntry, relation: controls },
    ].sort((a, b) => (a.entry.subjectId < b.entry.subjectId ? -1 : 1));
    expect(found.get(key(rep))).toEqual({
      subjectId: rep.id,
      entries: [{ entry: own, relation: null }, ...related],
    });
    expect(found.get(key(bystander))).toEqual({ subjectId: bystander.id, entries: [] });
    expect(found.get(key(firm))).toEqual({
      subjectId: firm.id,
      entries: byId(firmEntries).map((entry) => ({ entry, relation: null })),
    });
    expect(await sut.findReach([])).toEqual(new Map());
  });
});
