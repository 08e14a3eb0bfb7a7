import { describe, expect, it } from 'vitest';
import type { StoredRating } from '../../src/domain/rating-run.js';
import type { RecordVersion } from '../../src/domain/record.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  makeAuthority,
  makeListEntry,
  makeObjection,
  makeNextVersion,
  makePerson,
  makeRecordVersion,
  makeSubject,
  uniqueUscc,
} from '../support/factories.js';

let n = 0;
const makeRating = (overrides: Partial<StoredRating> & Pick<StoredRating, 'subjectId'>) =>
  ({
    id: `rtg_file_${String(++n).padStart(6, '0')}`,
    runId: null,
    modelId: 'tax_credit_rating',
    modelVersion: '2026.1',
    asOf: '2026-12-31',
    periodEnd: '2025-12-31',
    published: true,
    score: 89.99,
    grade: 'B',
    ratedAt: '2027-01-02T08:00:00.000Z',
    // characters JSON escapes, key order, and nesting must come back as they were
    result: { z: 1, a: [{ rule: 'start', points: 100.5 }], note: '中文\ttab\nline "q" \\' },
    ...overrides,
  }) satisfies StoredRating;

const byId = (versions: RecordVersion[]): RecordVersion[] =>
  [...versions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe.each(BACKENDS)('a subject file on $name', (backend) => {
  const store = storePerTest(backend);

  it('is the subject, its versions, entries and ratings as the separate reads give them', async () => {
    const sut = store();
    const authority = makeAuthority();
    const other = makePerson();
    const subject = makeSubject({
      identifiers: [
        { scheme: 'uscc', value: uniqueUscc(), validFrom: null, validTo: '2024-06-30' },
        { scheme: 'uscc', value: uniqueUscc(), validFrom: '2024-07-01', validTo: null },
      ],
      names: [
        { name: '旧名称有限公司', lang: 'zh', script: 'Hans', current: false },
        { name: 'New Name Ltd', lang: 'en', script: 'Latn', current: true },
      ],
      relations: [
        { kind: 'legal_representative', otherId: other.id, validFrom: '2020-01-01', validTo: null },
      ],
      createdAt: '2025-01-02T03:04:05.678Z',
    });
    const unrelated = makeSubject();
    const first = makeRecordVersion({ subjectId: subject.id, authorityId: authority.id });
    const versions = [
      first,
      makeNextVersion(first, { recordedAt: '2025-04-01T09:10:11.012Z', endDate: '2026-03-20' }),
      makeRecordVersion({
        subjectId: subject.id,
        authorityId: authority.id,
        type: 'tax_arrears',
        effectiveDate: null,
        severity: null,
        facts: null,
        documentNumber: null,
        disclosure: 'restricted',
        fields: { ratio: 2.5, listed: true, classes: ['b', 'a'], text: 'a\tb "q"' },
        amounts: [{ field: 'arrears', minor: 9_007_199_254_740_991, currency: 'CNY' }],
      }),
    ];
    const entries = [
      makeListEntry({ subjectId: subject.id, authorityId: authority.id, lastSeq: 3 }),
      makeListEntry({
        subjectId: subject.id,
        authorityId: authority.id,
        state: 'removed',
        removedOn: '2025-06-01',
        removal: 'expired',
        noticeWaived: true,
        noticeEnds: null,
        circumstance: '情节严重',
        recordIds: [],
      }),
    ];
    const ratings = [
      makeRating({ subjectId: subject.id }),
      makeRating({ subjectId: subject.id, ratedAt: '2027-02-01T09:30:00.000Z', score: null }),
      makeRating({
        subjectId: subject.id,
        modelId: 'other_model',
        published: false,
        periodEnd: null,
      }),
    ];
    const objections = [
      makeObjection({ subjectId: subject.id, itemId: versions[0]!.id }),
      makeObjection({ subjectId: subject.id, item: 'list_entry', itemId: entries[0]!.id }),
      makeObjection({
        subjectId: subject.id,
        state: 'rejected',
        decidedOn: '2026-06-20',
        reasons: '无误',
      }),
      makeObjection({ subjectId: unrelated.id }),
    ];
    await sut.transaction(async (tx) => {
      await tx.upsertAuthority(authority);
      await tx.insertSubjects([other, subject, unrelated]);
      await tx.insertRecordVersions([
        ...versions,
        makeRecordVersion({ subjectId: unrelated.id, authorityId: authority.id }),
      ]);
      for (const e of [
        ...entries,
        makeListEntry({ subjectId: unrelated.id, authorityId: authority.id }),
      ])
        await tx.insertListEntry(e);
      await tx.insertRatings([...ratings, makeRating({ subjectId: unrelated.id })]);
      for (const o of objections) await tx.insertObjection(o);
    });

    const open = objections.filter((o) => o.subjectId === subject.id && o.state === 'open');
    for (const identifier of subject.identifiers) {
      const file = await sut.readSubjectFile(identifier);
      expect(file!.openObjections).toEqual(open.sort((a, b) => (a.id < b.id ? -1 : 1)));
      expect(file!.openObjections).toEqual(
        (await sut.listObjectionsOf([subject.id])).filter((o) => o.state === 'open'),
      );
      expect(file).not.toBeNull();
      expect(file!.subject).toEqual(await sut.getSubject(subject.id));
      expect(file!.subject).toEqual(subject);
      expect(file!.versions).toEqual(byId(await sut.listRecordVersions(subject.id)));
      expect(file!.versions).toEqual(byId(versions));
      expect(file!.entries).toEqual(await sut.listEntriesOf([subject.id]));
      expect(file!.entries).toHaveLength(2);
      expect(file!.ratings).toEqual(await sut.listRatingsOf([subject.id]));
      expect(file!.ratings.map((r) => r.id)).toEqual([
        ratings[1]!.id,
        ratings[2]!.id,
        ratings[0]!.id,
      ]);
    }
  });

  it('is empty but for the subject when nothing else is stored of it', async () => {
    const sut = store();
    const subject = makePerson();
    await sut.transaction((tx) => tx.insertSubjects([subject]));
    expect(await sut.readSubjectFile(subject.identifiers[0]!)).toEqual({
      subject,
      versions: [],
      entries: [],
      ratings: [],
      openObjections: [],
    });
  });

  it('is null for an identifier no subject carries', async () => {
    const sut = store();
    await sut.transaction((tx) => tx.insertSubjects([makeSubject()]));
    expect(await sut.readSubjectFile({ scheme: 'uscc', value: uniqueUscc() })).toBeNull();
  });

  it('inside a transaction, sees what the transaction wrote', async () => {
    const sut = store();
    const subject = makeSubject();
    const seen = await sut.transaction(async (tx) => {
      await tx.insertSubjects([subject]);
      return tx.readSubjectFile(subject.identifiers[0]!);
    });
    expect(seen?.subject).toEqual(subject);
  });
});
