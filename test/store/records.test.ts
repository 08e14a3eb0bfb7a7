import { describe, expect, it } from 'vitest';
import type { RecordVersion } from '../../src/domain/record.js';
import type { Store } from '../../src/store/store.js';
import { sourceKey } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import {
  makeAuthority,
  makeNextVersion,
  makeRecordVersion,
  makeSubject,
} from '../support/factories.js';

// every character COPY text format and CSV treat specially, and some that encodings break
const AWKWARD = [
  'tab\there',
  'line\nbreak',
  'carriage\r\nreturn',
  'back\\slash \\N \\t \\\\',
  'quotes " \' ""',
  'comma, semicolon; pipe|',
  '中文：违反《食品安全法》第三十四条，罚款人民币伍万元整。',
  'emoji 🏦 and ｆｕｌｌｗｉｄｔｈ',
  '',
  ' leading and trailing ',
];

async function seed(sut: Store): Promise<{ subjectId: string; authorityId: string }> {
  const subject = makeSubject();
  const authority = makeAuthority();
  await sut.transaction(async (tx) => {
    await tx.insertSubjects([subject]);
    await tx.upsertAuthority(authority);
  });
  return { subjectId: subject.id, authorityId: authority.id };
}

/** Versions carrying the awkward strings in every text column, nulls and JSON. */
function awkwardVersions(owner: { subjectId: string; authorityId: string }): RecordVersion[] {
  return AWKWARD.map((text, i) =>
    makeRecordVersion({
      ...owner,
      sourceRef: `ref ${text} ${i}`,
      legalBasis: text,
      documentNumber: i % 2 ? null : text,
      effectiveDate: i % 2 ? null : '2024-02-29',
      endDate: i % 3 ? null : '2030-12-31',
      facts: i % 4 ? text : null,
      severity: i % 5 ? 'serious' : null,
      reason: text,
      fields: { text, list: [text, 'b'], n: i, ratio: 0.15, flag: i % 2 === 0, [text]: 'key' },
      amounts: [
        { field: 'fine_amount', minor: 123_456_789_012, currency: 'CNY' },
        { field: text, minor: 0, currency: 'USD' },
      ],
      recordedBy: text,
    }),
  );
}

describe.each(BACKENDS)('record versions on $name', (backend) => {
  const store = storePerTest(backend);

  it.each([
    ['one at a time', 1],
    ['as one batch', AWKWARD.length],
    ['padded to a bulk batch', 100],
  ])('round-trips every column exactly, %s', async (_, batch) => {
    const sut = store();
    const owner = await seed(sut);
    const awkward = awkwardVersions(owner);
    const rows = [
      ...awkward,
      ...Array.from({ length: Math.max(0, batch - awkward.length) }, () =>
        makeRecordVersion(owner),
      ),
    ];

    await sut.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += batch) {
        await tx.insertRecordVersions(rows.slice(i, i + batch));
      }
    });

    for (const row of awkward) expect(await sut.getRecordVersion(row.id)).toEqual(row);
    const listed = await sut.listRecordVersions(owner.subjectId);
    expect(listed).toHaveLength(rows.length);
    expect(new Map(listed.map((v) => [v.id, v]))).toEqual(new Map(rows.map((v) => [v.id, v])));
  });

  it('answers null and empty for what is not stored', async () => {
    const sut = store();
    expect(await sut.getRecordVersion('rec_nothing')).toBeNull();
    expect(await sut.listRecordVersions('sub_nobody')).toEqual([]);
  });

  it('bulk-inserts 5,000 versions in one call', async () => {
    const sut = store();
    const owner = await seed(sut);
    const rows = Array.from({ length: 5000 }, () => makeRecordVersion(owner));

    await sut.transaction((tx) => tx.insertRecordVersions(rows));

    expect(await sut.counts()).toMatchObject({ records: 5000, versions: 5000 });
    const last = rows[4999]!;
    expect(await sut.getRecordVersion(last.id)).toEqual(last);
  });

  it('finds the newest version per source reference, in a single batch of keys', async () => {
    const sut = store();
    const owner = await seed(sut);
    const firsts = Array.from({ length: 40 }, () => makeRecordVersion(owner));
    const seconds = firsts.slice(0, 20).map((v) => makeNextVersion(v));
    const thirds = seconds.slice(0, 10).map((v) => makeNextVersion(v, { action: 'revoke' }));
    await sut.transaction(async (tx) => {
      await tx.insertRecordVersions(firsts);
      await tx.insertRecordVersions(seconds);
      await tx.insertRecordVersions(thirds);
    });
    const missing = { authorityId: owner.authorityId, sourceRef: 'never sent' };

    const heads = await sut.findRecordHeads([...firsts, missing]);

    expect(heads.size).toBe(40);
    expect(heads.has(sourceKey(missing))).toBe(false);
    firsts.forEach((first, i) => {
      const newest = thirds[i] ?? seconds[i] ?? first;
      expect(heads.get(sourceKey(first))).toEqual({
        id: newest.id,
        recordId: first.id,
        subjectId: owner.subjectId,
        version: newest.version,
        contentHash: newest.contentHash,
        action: newest.action,
      });
    });
    expect(await sut.counts()).toMatchObject({ records: 40, versions: 70 });
    expect((await sut.findRecordHeads([])).size).toBe(0);
  });

  it.each([
    ['a small batch', 3],
    ['a bulk batch', 200],
  ])(
    'rejects a version already stored for the source reference (%s) and rolls back',
    async (_, n) => {
      const sut = store();
      const owner = await seed(sut);
      const stored = makeRecordVersion(owner);
      await sut.transaction((tx) => tx.insertRecordVersions([stored]));
      const fresh = Array.from({ length: n - 1 }, () => makeRecordVersion(owner));
      const clash = makeRecordVersion({ ...owner, sourceRef: stored.sourceRef, id: 'rec_other' });
      const subject = makeSubject();

      const attempt = sut.transaction(async (tx) => {
        await tx.insertSubjects([subject]);
        await tx.insertRecordVersions([...fresh, clash]);
      });

      await expect(attempt).rejects.toMatchObject({
        code: 'SOURCE_REF_CONFLICT',
        detail: { authorityId: owner.authorityId, sourceRef: stored.sourceRef, version: 1 },
      });
      expect(await sut.counts()).toMatchObject({ subjects: 1, versions: 1 });
      expect(await sut.getRecordVersion(fresh[0]?.id ?? clash.id)).toBeNull();
    },
  );

  it('refuses a version about a subject or from an authority that is not stored', async () => {
    const sut = store();
    const owner = await seed(sut);
    for (const row of [
      makeRecordVersion({ ...owner, subjectId: 'sub_nobody' }),
      makeRecordVersion({ ...owner, authorityId: 'nobody' }),
    ]) {
      await expect(sut.transaction((tx) => tx.insertRecordVersions([row]))).rejects.toThrow();
    }
    expect((await sut.counts()).versions).toBe(0);
  });
});
