import { describe, expect, it } from 'vitest';
import type { RatingRun, StoredRating } from '../../src/domain/rating-run.js';
import type { RecordFacts, RecordVersion } from '../../src/domain/record.js';
import type { RunRatingKey, Store } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeAuthority, makePerson, makeRecordVersion, makeSubject } from '../support/factories.js';

let n = 0;
const makeRun = (overrides: Partial<RatingRun> = {}): RatingRun => ({
  id: `run_${String(++n).padStart(4, '0')}`,
  modelId: 'tax_credit_rating',
  modelVersion: '2026.1',
  asOf: '2026-12-31',
  draft: false,
  startedAt: `2027-01-0${(n % 9) + 1}T08:00:00.000Z`,
  finishedAt: null,
  startedBy: 'operator',
  rated: 0,
  grades: {},
  ...overrides,
});

const makeRating = (
  overrides: Partial<StoredRating> & Pick<StoredRating, 'subjectId' | 'runId'>,
): StoredRating => ({
  id: `rtg_${String(++n).padStart(6, '0')}`,
  modelId: 'tax_credit_rating',
  modelVersion: '2026.1',
  asOf: '2026-12-31',
  periodEnd: '2025-12-31',
  published: true,
  score: 89.99,
  grade: 'B',
  ratedAt: '2027-01-02T08:00:00.000Z',
  // characters COPY escapes, and text JSON must keep as it is
  result: {
    contributions: [{ rule: 'start', points: 100, recordIds: [] }],
    note: '中文\ttab\nline \\ "quoted"',
  },
  ...overrides,
});

const byKey = <T>(rows: T[], key: (row: T) => string): T[] =>
  [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

async function seedSubjects(sut: Store, businesses: number, persons: number) {
  const subjects = [
    ...Array.from({ length: businesses }, () => makeSubject()),
    ...Array.from({ length: persons }, () => makePerson()),
  ];
  await sut.transaction((tx) => tx.insertSubjects(subjects));
  return subjects;
}

describe.each(BACKENDS)('ratings on $name', (backend) => {
  const store = storePerTest(backend);

  it('round-trips runs and results exactly: booleans, nulls, decimals and JSON', async () => {
    const sut = store();
    const [subject] = await seedSubjects(sut, 1, 0);
    const run = makeRun({ draft: true });
    const ratings = [
      makeRating({ subjectId: subject!.id, runId: run.id, published: false }),
      makeRating({
        subjectId: subject!.id,
        runId: null,
        score: null,
        grade: 'M',
        ratedAt: '2027-02-01T09:30:00.000Z',
      }),
    ];
    await sut.transaction(async (tx) => {
      await tx.insertRatingRun(run);
      await tx.insertRatings(ratings);
    });
    const finished = { ...run, finishedAt: '2027-01-02T08:05:00.000Z', rated: 1, grades: { B: 1 } };
    await sut.transaction((tx) => tx.updateRatingRun(finished));

    expect(await sut.getRatingRun(run.id)).toEqual(finished);
    expect(await sut.getRatingRun('run_nobody')).toBeNull();
    // newest first
    expect(await sut.listRatingsOf([subject!.id, 'sub_nobody'])).toEqual([ratings[1], ratings[0]]);
    expect(await sut.listRatingsOf(['sub_nobody'])).toEqual([]);
    expect(await sut.listRatingsOf([])).toEqual([]);
  });

  it('refuses to update a run that is not stored, and rolls the transaction back', async () => {
    const sut = store();
    const [subject] = await seedSubjects(sut, 1, 0);
    const kept = makeRun();
    const write = sut.transaction(async (tx) => {
      await tx.insertRatingRun(kept);
      await tx.insertRatings([makeRating({ subjectId: subject!.id, runId: kept.id })]);
      await tx.updateRatingRun(makeRun());
    });
    await expect(write).rejects.toMatchObject({ code: 'RATING_RUN_NOT_FOUND' });
    expect(await sut.getRatingRun(kept.id)).toBeNull();
    expect(await sut.listRatingsOf([subject!.id])).toEqual([]);
  });

  it('lists runs newest first, of one model when asked', async () => {
    const sut = store();
    const runs = [
      makeRun({ startedAt: '2027-01-01T00:00:00.000Z' }),
      makeRun({ startedAt: '2027-01-03T00:00:00.000Z', modelId: 'city_personal_score' }),
      makeRun({ startedAt: '2027-01-02T00:00:00.000Z' }),
    ];
    await sut.transaction(async (tx) => {
      for (const r of runs) await tx.insertRatingRun(r);
    });
    expect((await sut.listRatingRuns(10)).map((r) => r.id)).toEqual(
      [runs[1], runs[2], runs[0]].map((r) => r!.id),
    );
    expect((await sut.listRatingRuns(10, 'tax_credit_rating')).map((r) => r.id)).toEqual(
      [runs[2], runs[0]].map((r) => r!.id),
    );
    expect(await sut.listRatingRuns(1)).toHaveLength(1);
  });

  it("pages through a run's results in subject order (a page of results is bulk-loaded)", async () => {
    const sut = store();
    const subjects = await seedSubjects(sut, 40, 0);
    const run = makeRun();
    const other = makeRun();
    const rows = subjects.map((s) => makeRating({ subjectId: s.id, runId: run.id }));
    // a subject with two results of the run, as a merge leaves one, on either side of a page's end
    const ordered = byKey(rows, (r) => r.subjectId);
    const twice = makeRating({ subjectId: ordered[6]!.subjectId, runId: run.id });
    await sut.transaction(async (tx) => {
      await tx.insertRatingRun(run);
      await tx.insertRatingRun(other);
      await tx.insertRatings([...rows, twice]);
      await tx.insertRatings([makeRating({ subjectId: subjects[0]!.id, runId: other.id })]);
    });
    const pages: StoredRating[] = [];
    for (let after: RunRatingKey | null = null; ;) {
      const page = await sut.listRunRatings(run.id, after, 7);
      pages.push(...page);
      if (page.length < 7) break;
      after = page.at(-1)!;
    }
    expect(pages).toEqual(byKey([...rows, twice], (r) => `${r.subjectId} ${r.id}`));
    expect(pages.filter((r) => r.subjectId === twice.subjectId)).toHaveLength(2);
  });

  it('walks subjects of the given kinds in id order, and reads the records of many at once', async () => {
    const sut = store();
    const subjects = await seedSubjects(sut, 12, 9);
    const authority = makeAuthority();
    const versions = subjects
      .slice(0, 15)
      .flatMap((s, i) =>
        Array.from({ length: i % 3 }, () =>
          makeRecordVersion({ subjectId: s.id, authorityId: authority.id }),
        ),
      );
    await sut.transaction(async (tx) => {
      await tx.upsertAuthority(authority);
      await tx.insertRecordVersions(versions);
    });
    const walked = [];
    for (let after = ''; ;) {
      const page = await sut.scanSubjects(['business'], after, 5);
      walked.push(...page);
      if (page.length < 5) break;
      after = page.at(-1)!.id;
    }
    const businesses = byKey(
      subjects.filter((s) => s.kind === 'business'),
      (s) => s.id,
    );
    expect(walked).toEqual(
      businesses.map((s) => ({ id: s.id, kind: s.kind, region: s.region, createdAt: s.createdAt })),
    );
    expect(await sut.scanSubjects(['business', 'person'], '', 100)).toHaveLength(21);
    expect(await sut.scanSubjects([], '', 100)).toEqual([]);

    const asked = subjects.slice(0, 10).map((s) => s.id);
    const read = await sut.listRecordFactsOf([...asked, asked[0]!, 'sub_nobody']);
    // the facts of each version a rating looks at, exactly, and none of its texts
    const facts = (v: RecordVersion): RecordFacts => ({
      id: v.id,
      recordId: v.recordId,
      subjectId: v.subjectId,
      version: v.version,
      action: v.action,
      type: v.type,
      severity: v.severity,
      fields: v.fields,
      amounts: v.amounts,
      decisionDate: v.decisionDate,
      effectiveDate: v.effectiveDate,
      endDate: v.endDate,
      recordedAt: v.recordedAt,
    });
    expect(byKey(read, (v) => v.id)).toEqual(
      byKey(versions.filter((v) => asked.includes(v.subjectId)).map(facts), (v) => v.id),
    );
    expect(await sut.listRecordFactsOf([])).toEqual([]);
  });
});

describe.each(BACKENDS)('ratings of many subjects on $name', (backend) => {
  const store = storePerTest(backend);

  it('reads the ratings of many subjects, of one model when asked, newest first', async () => {
    const sut = store();
    const subjects = await seedSubjects(sut, 120, 0);
    const rows = subjects.flatMap((s, i) => [
      makeRating({
        subjectId: s.id,
        runId: null,
        ratedAt: `2027-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`,
      }),
      makeRating({ subjectId: s.id, runId: null, modelId: 'city_personal_score' }),
    ]);
    await sut.transaction((tx) => tx.insertRatings(rows));
    const asked = subjects.slice(0, 110).map((s) => s.id);

    const tax = await sut.listRatingsOf(asked, 'tax_credit_rating');
    expect(tax).toHaveLength(110);
    expect(tax.every((r) => r.modelId === 'tax_credit_rating')).toBe(true);
    const times = tax.map((r) => r.ratedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(await sut.listRatingsOf(asked)).toHaveLength(220);
  });
});

describe.each(BACKENDS)('previous ratings on $name', (backend) => {
  const store = storePerTest(backend);

  it("finds each subject's latest published rating of an earlier period under the model", async () => {
    const sut = store();
    const [a, b, c] = await seedSubjects(sut, 3, 0);
    const at = (day: string) => `${day}T08:00:00.000Z`;
    const wanted = makeRating({
      subjectId: a!.id,
      runId: null,
      periodEnd: '2024-12-31',
      ratedAt: at('2025-06-01'),
    });
    const rows = [
      makeRating({
        subjectId: a!.id,
        runId: null,
        periodEnd: '2024-12-31',
        ratedAt: at('2025-04-10'),
      }),
      wanted,
      // a draft, another model, the current period and a model without periods do not count
      makeRating({
        subjectId: a!.id,
        runId: null,
        periodEnd: '2024-12-31',
        ratedAt: at('2025-07-01'),
        published: false,
      }),
      makeRating({
        subjectId: a!.id,
        runId: null,
        periodEnd: '2024-12-31',
        ratedAt: at('2025-08-01'),
        modelId: 'other',
      }),
      makeRating({
        subjectId: a!.id,
        runId: null,
        periodEnd: '2025-12-31',
        ratedAt: at('2026-04-10'),
      }),
      makeRating({ subjectId: b!.id, runId: null, periodEnd: null }),
      makeRating({
        subjectId: c!.id,
        runId: null,
        periodEnd: '2023-12-31',
        ratedAt: at('2024-04-10'),
      }),
    ];
    await sut.transaction((tx) => tx.insertRatings(rows));

    const found = await sut.previousRatings(
      [a!.id, b!.id, c!.id, a!.id],
      'tax_credit_rating',
      '2025-01-01',
    );

    expect(byKey(found, (r) => r.subjectId)).toEqual(byKey([wanted, rows[6]!], (r) => r.subjectId));
    expect(await sut.previousRatings([], 'tax_credit_rating', '2025-01-01')).toEqual([]);
  });
});
