import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/domain/account.js';
import type { StoredRating } from '../../src/domain/rating-run.js';
import type { RepairApplication } from '../../src/domain/repair.js';
import type { MergePlan } from '../../src/domain/subject-merge.js';
import type { Subject } from '../../src/domain/subject.js';
import { searchKeyRows } from '../../src/store/search-keys.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  makeAuthority,
  makeListEntry,
  makeNextVersion,
  makeObjection,
  makePerson,
  makeRecordVersion,
  makeSubject,
  makeTransition,
} from '../support/factories.js';

let n = 0;
const seq = () => String(++n).padStart(6, '0');

const makeRating = (subjectId: string): StoredRating => ({
  id: `rtg_merge_${seq()}`,
  runId: null,
  subjectId,
  modelId: 'tax_credit_rating',
  modelVersion: '2026.1',
  asOf: '2026-12-31',
  periodEnd: '2025-12-31',
  published: true,
  score: 80,
  grade: 'B',
  ratedAt: '2027-01-02T08:00:00.000Z',
  result: { rules: [] },
});

const makeRepair = (subjectId: string, itemId: string): RepairApplication => ({
  id: `rep_merge_${seq()}`,
  subjectId,
  item: 'record',
  itemId,
  itemType: 'admin_penalty',
  authorityId: 'auth',
  rule: 'default',
  obligations: [{ id: 'fine_paid', evidence: ['收据'] }],
  commitment: '守法经营',
  filedBy: 'acc_subject',
  filedOn: '2026-06-15',
  answerBy: '2026-06-30',
  state: 'submitted',
  forwardedOn: null,
  decideBy: null,
  decidedOn: null,
  decidedBy: null,
  reasons: null,
  outcomeRef: null,
  commitmentRef: null,
});

const makeAccount = (subjectId: string): Account => ({
  id: `acc_merge_${seq()}`,
  name: 'own account',
  role: 'subject',
  authorityId: null,
  subjectId,
  keyHash: 'f'.repeat(64),
  createdAt: '2026-01-01T00:00:00.000Z',
  disabledAt: null,
});

const byId = <T extends { id: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Everything the store holds of a subject, in a stable order. */
async function holdings(sut: Store, subject: Subject) {
  const id = subject.id;
  const keys = searchKeyRows([subject]).map((r) => r.key);
  return {
    subject: await sut.getSubject(id),
    versions: byId(await sut.listRecordVersions(id)),
    entries: await sut.listEntriesOf([id]),
    transitions: (await sut.readFeed(0, 1000)).filter((t) => t.subjectId === id),
    ratings: await sut.listRatingsOf([id]),
    objections: await sut.listObjectionsOf([id]),
    repairs: await sut.listRepairsOf([id]),
    inquiries: await sut.listInquiries(id, 0, 100),
    accounts: (await sut.listAccounts('', 100)).filter((a) => a.subjectId === id),
    keys: (await sut.matchSearchKeys(keys, {}, 1000))
      .filter((k) => k.subjectId === id)
      .map((k) => `${k.kind} ${k.key}`)
      .sort(),
  };
}

const plan = (kept: Subject, duplicate: Subject, names: MergePlan['names']): MergePlan => ({
  id: `mrg_test_${seq()}`,
  subjectId: kept.id,
  duplicateId: duplicate.id,
  reason: 'the same enterprise, registered twice',
  at: '2026-06-15T10:00:00.000Z',
  by: 'operator',
  names,
});

describe.each(BACKENDS)('subject renames and merges on $name', (backend) => {
  const store = storePerTest(backend);

  it('makes a name current, keeps the one it replaces as former, and revives a former name', async () => {
    const sut = store();
    const subject = makeSubject({
      names: [
        { name: '北京旧名有限公司', lang: 'zh', script: 'Hans', current: true },
        { name: 'Old Name Ltd', lang: 'en', script: 'Latn', current: true },
      ],
    });
    await sut.transaction((tx) => tx.insertSubjects([subject]));
    const renamed = { name: '北京新名有限公司', lang: 'zh', script: 'Hans', current: true };

    await sut.transaction((tx) => tx.setCurrentName(subject.id, renamed));
    expect((await sut.getSubject(subject.id))!.names).toEqual([
      { ...subject.names[0]!, current: false },
      subject.names[1],
      renamed,
    ]);

    await sut.transaction((tx) => tx.setCurrentName(subject.id, { ...subject.names[0]! }));
    expect((await sut.getSubject(subject.id))!.names).toEqual([
      subject.names[0],
      subject.names[1],
      { ...renamed, current: false },
    ]);
  });

  it("drops the search keys of the subjects named and no one else's", async () => {
    const sut = store();
    const [a, b] = [makeSubject(), makeSubject()];
    await sut.transaction((tx) => tx.insertSubjects([a, b]));
    const keys = searchKeyRows([a, b]).map((r) => r.key);

    await sut.transaction((tx) => tx.dropSearchKeys([a]));

    const left = new Set((await sut.matchSearchKeys(keys, {}, 1000)).map((k) => k.subjectId));
    expect([...left]).toEqual([b.id]);
  });

  /** A kept subject, a duplicate with one of everything, and a person related to the duplicate. */
  async function world(sut: Store) {
    const authority = makeAuthority();
    const rep = makePerson();
    const kept = makeSubject({
      names: [{ name: '北京某某科技有限公司', lang: 'zh', script: 'Hans', current: true }],
    });
    const duplicate = makeSubject({
      names: [
        { name: '北京某某科技有限公司', lang: 'zh', script: 'Hans', current: true },
        { name: '北京某某科技公司', lang: 'zh', script: 'Hans', current: false },
        { name: 'Mou Technology Co., Ltd.', lang: 'en', script: 'Latn', current: true },
      ],
      relations: [
        { kind: 'legal_representative', otherId: rep.id, validFrom: null, validTo: null },
      ],
    });
    const owner = makeSubject({
      relations: [{ kind: 'shareholder', otherId: duplicate.id, validFrom: null, validTo: null }],
    });
    const keptVersion = makeRecordVersion({ subjectId: kept.id, authorityId: authority.id });
    const version = makeRecordVersion({ subjectId: duplicate.id, authorityId: authority.id });
    const corrected = makeNextVersion(version);
    const entry = makeListEntry({ subjectId: duplicate.id, authorityId: authority.id });
    await sut.transaction(async (tx) => {
      await tx.upsertAuthority(authority);
      await tx.insertSubjects([rep, kept, duplicate, owner]);
      await tx.insertRecordVersions([keptVersion, version, corrected]);
      await tx.appendTransition(makeTransition(entry));
      await tx.insertListEntry(entry);
      await tx.insertRatings([makeRating(duplicate.id), makeRating(kept.id)]);
      await tx.insertObjection(makeObjection({ subjectId: duplicate.id, itemId: version.id }));
      await tx.insertRepair(makeRepair(duplicate.id, corrected.id));
      await tx.appendInquiry({
        subjectId: duplicate.id,
        accountId: 'acc_bank',
        accountName: 'bank',
        authorityId: authority.id,
        purpose: 'loan_approval',
        at: '2026-06-01T00:00:00.000Z',
        read: { recordIds: [version.id], restricted: [] },
        consent: { document: 'CONSENT-1', date: '2026-05-30', scope: 'a loan application' },
      });
      await tx.insertAccount(makeAccount(duplicate.id));
    });
    return { authority, rep, kept, duplicate, owner, keptVersion, version, corrected, entry };
  }

  it('moves every row of the duplicate to the subject kept and records what moved', async () => {
    const sut = store();
    const { kept, duplicate, owner, keptVersion, version, corrected, entry } = await world(sut);
    const before = await holdings(sut, duplicate);
    const subjectsBefore = (await sut.counts()).subjects;

    const merge = await sut.transaction((tx) =>
      tx.mergeSubject(
        plan(kept, duplicate, [
          { index: 1, current: false },
          { index: 2, current: true },
        ]),
      ),
    );

    const after = (await sut.getSubject(kept.id))!;
    expect(after.identifiers).toEqual([...kept.identifiers, ...duplicate.identifiers]);
    expect(after.names).toEqual([
      kept.names[0],
      duplicate.names[1],
      duplicate.names[2], // current: the kept subject had no English name
    ]);
    expect(after.relations).toEqual(duplicate.relations);
    expect((await sut.getSubject(owner.id))!.relations[0]!.otherId).toBe(kept.id);
    // the duplicate keeps only the name the subject kept already had
    expect(await sut.getSubject(duplicate.id)).toMatchObject({
      identifiers: [],
      names: [duplicate.names[0]],
      relations: [],
    });
    const found = await sut.findSubjects(duplicate.identifiers);
    expect([...found.values()].map((r) => r.id)).toEqual([kept.id]);
    const file = (await sut.readSubjectFile(duplicate.identifiers[0]!))!;
    expect(file.subject.id).toBe(kept.id);
    expect(file.versions.map((v) => v.id)).toEqual(
      [keptVersion.id, version.id, corrected.id].sort(),
    );
    expect(file.entries.map((e) => e.id)).toEqual([entry.id]);
    expect(file.ratings).toHaveLength(2);
    expect(file.openObjections.map((o) => o.itemId)).toEqual([version.id]);
    expect(await holdings(sut, duplicate)).toMatchObject({
      versions: [],
      entries: [],
      transitions: [],
      ratings: [],
      objections: [],
      repairs: [],
      inquiries: [],
      accounts: [],
    });

    expect(merge.moved).toEqual({
      identifiers: [{ from: 0, to: 1 }],
      names: [
        { from: 1, to: 1, current: false },
        { from: 2, to: 2, current: true },
      ],
      relations: [expect.any(Number)],
      relationsTo: [expect.any(Number)],
      ended: [],
      versions: [version.id, corrected.id].sort(),
      entries: [entry.id],
      transitions: before.transitions.map((t) => t.seq),
      ratings: before.ratings.map((r) => r.id),
      objections: before.objections.map((o) => o.id),
      repairs: before.repairs.map((r) => r.id),
      inquiries: before.inquiries.map((i) => i.seq),
      accounts: before.accounts.map((a) => a.id),
    });
    expect(merge).toMatchObject({ subjectId: kept.id, duplicateId: duplicate.id, undone: null });
    expect(await sut.getMerge(merge.id)).toEqual(merge);
    expect(await sut.listMerges(duplicate.id)).toEqual([merge]);
    expect(await sut.listMerges(kept.id)).toEqual([merge]);
    expect((await sut.counts()).subjects).toBe(subjectsBefore - 1);
    const scanned = await sut.scanSubjects(['business'], '', 100);
    expect(scanned.map((s) => s.id)).not.toContain(duplicate.id);
  });

  it('moves back exactly what moved, with rows joining a moved item since, and leaves the rest', async () => {
    const sut = store();
    const { authority, kept, duplicate, owner, rep, corrected } = await world(sut);
    const before = {
      kept: await holdings(sut, kept),
      duplicate: await holdings(sut, duplicate),
      owner: await holdings(sut, owner),
      rep: await holdings(sut, rep),
    };
    const merge = await sut.transaction((tx) =>
      tx.mergeSubject(plan(kept, duplicate, [{ index: 1, current: false }])),
    );
    // since the merge: a new record of the subject kept, a correction of a moved record
    const added = makeRecordVersion({ subjectId: kept.id, authorityId: authority.id });
    const recorrected = makeNextVersion(corrected, { subjectId: kept.id });
    const dispute = makeObjection({ subjectId: kept.id, itemId: recorrected.id });
    await sut.transaction(async (tx) => {
      await tx.insertRecordVersions([added, recorrected]);
      await tx.insertObjection(dispute);
    });

    const undone = await sut.transaction(async (tx) => {
      const result = await tx.undoMerge(merge, {
        at: '2026-06-16T10:00:00.000Z',
        by: 'operator',
        reason: 'two enterprises after all',
      });
      await tx.dropSearchKeys([kept, duplicate]);
      await tx.indexSearchKeys([kept, duplicate]);
      return result;
    });

    expect(undone.undone).toEqual({
      at: '2026-06-16T10:00:00.000Z',
      by: 'operator',
      reason: 'two enterprises after all',
      followers: {
        versions: [recorrected.id],
        transitions: [],
        objections: [dispute.id],
        repairs: [],
      },
    });
    expect(await sut.getMerge(merge.id)).toEqual(undone);
    const back = await holdings(sut, duplicate);
    expect(back).toEqual({
      ...before.duplicate,
      versions: byId([...before.duplicate.versions, { ...recorrected, subjectId: duplicate.id }]),
      objections: byId([...before.duplicate.objections, { ...dispute, subjectId: duplicate.id }]),
    });
    expect(await holdings(sut, kept)).toEqual({
      ...before.kept,
      versions: byId([...before.kept.versions, added]),
    });
    expect(await holdings(sut, owner)).toEqual(before.owner);
    expect(await holdings(sut, rep)).toEqual(before.rep);
    expect(
      (await sut.findSubjects(duplicate.identifiers)).get(`uscc:${duplicate.identifiers[0]!.value}`)
        ?.id,
    ).toBe(duplicate.id);
    expect((await sut.scanSubjects(['business'], '', 100)).map((s) => s.id)).toContain(
      duplicate.id,
    );
  });

  it('ends the moved relations it makes redundant on its day, and an undo gives each its end back', async () => {
    const sut = store();
    const rep = makePerson();
    const later = makePerson();
    const kept = makeSubject({
      relations: [
        { kind: 'legal_representative', otherId: rep.id, validFrom: null, validTo: null },
      ],
    });
    // the duplicate repeats the kept subject's legal representative, names the kept subject as
    // its principal (a relation of the subject to itself once merged), and has a relation of its
    // own that no one else holds, and an ended one
    const duplicate = makeSubject({
      relations: [
        { kind: 'legal_representative', otherId: rep.id, validFrom: '2020-01-01', validTo: null },
        { kind: 'principal', otherId: kept.id, validFrom: null, validTo: '2027-01-01' },
        { kind: 'shareholder', otherId: later.id, validFrom: null, validTo: null },
        { kind: 'legal_representative', otherId: later.id, validFrom: null, validTo: '2025-01-01' },
      ],
    });
    // another firm that holds shares in both: once merged, the same holding twice
    const owner = makeSubject({
      relations: [
        { kind: 'shareholder', otherId: kept.id, validFrom: null, validTo: null },
        { kind: 'shareholder', otherId: duplicate.id, validFrom: null, validTo: null },
      ],
    });
    await sut.transaction((tx) => tx.insertSubjects([rep, later, kept, duplicate, owner]));
    const before = {
      kept: (await sut.getSubject(kept.id))!,
      duplicate: (await sut.getSubject(duplicate.id))!,
      owner: (await sut.getSubject(owner.id))!,
    };

    const merge = await sut.transaction((tx) => tx.mergeSubject(plan(kept, duplicate, [])));

    const inForce = (s: Subject) =>
      s.relations
        .filter((r) => r.validTo === null || r.validTo > '2026-06-15')
        .map((r) => `${r.kind} ${r.otherId}`)
        .sort();
    const after = (await sut.getSubject(kept.id))!;
    expect(inForce(after)).toEqual(
      [`legal_representative ${rep.id}`, `shareholder ${later.id}`].sort(),
    );
    // ended on the merge's day, not deleted: the file keeps them
    expect(after.relations).toHaveLength(5);
    expect(after.relations.filter((r) => r.validTo === '2026-06-15')).toHaveLength(2);
    const ownerAfter = (await sut.getSubject(owner.id))!;
    expect(inForce(ownerAfter)).toEqual([`shareholder ${kept.id}`]);
    expect(merge.moved.ended).toHaveLength(3);
    expect(merge.moved.ended.map((e) => e.validTo).sort()).toEqual(['2027-01-01', null, null]);
    expect(await sut.getMerge(merge.id)).toEqual(merge);

    await sut.transaction((tx) =>
      tx.undoMerge(merge, { at: '2026-06-16T10:00:00.000Z', by: 'operator', reason: 'two firms' }),
    );
    expect(await sut.getSubject(kept.id)).toEqual(before.kept);
    expect(await sut.getSubject(duplicate.id)).toEqual(before.duplicate);
    expect(await sut.getSubject(owner.id)).toEqual(before.owner);
  });

  it('writes nothing of a merge whose transaction fails', async () => {
    const sut = store();
    const { kept, duplicate } = await world(sut);
    const before = [await holdings(sut, kept), await holdings(sut, duplicate), await sut.counts()];

    await expect(
      sut.transaction(async (tx) => {
        await tx.mergeSubject(plan(kept, duplicate, []));
        throw new Error('the audit append failed');
      }),
    ).rejects.toThrow('the audit append failed');

    expect([await holdings(sut, kept), await holdings(sut, duplicate), await sut.counts()]).toEqual(
      before,
    );
    expect(await sut.listMerges(kept.id)).toEqual([]);
  });
});
