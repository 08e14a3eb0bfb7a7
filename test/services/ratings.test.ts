import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredRating } from '../../src/domain/rating-run.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { compareRuns } from '../../src/services/ratings/compare.service.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import { latestRatings } from '../../src/services/ratings/subject-ratings.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import { mergeSubjects, undoMerge } from '../../src/services/subjects/subject-merge.service.js';
import { findSubject } from '../../src/services/subjects/subjects.service.js';
import { subjectOverview } from '../../src/services/subject-overview.service.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { copyDefaultCatalog } from '../catalog/fixtures.js';
import { BACKENDS, type Backend } from '../support/backends.js';
import { THIN_FILE_SCORECARD } from '../support/thin-file-scorecard.js';
import { NATIONAL_TAX, on, registerListAuthorities } from '../support/lists.js';
import { BEIJING_FIRM, registry, SHANGHAI_BANK, SHANGHAI_FIRM } from '../support/registry.js';

// the 2026 evaluation is run in April 2027, as the tax rules have it; a run as of the
// year's last day sees only what was recorded by then
const RUN_DAY = '2027-04-10';
const AS_OF = '2026-12-31';

const taxRating = (
  identifier: string,
  year: number,
  grade: string,
  ref: string,
): SubmissionInput => ({
  subject_identifier: identifier,
  subject_name: '北京某某科技有限公司',
  type: 'tax_rating',
  authority: NATIONAL_TAX,
  source_ref: ref,
  legal_basis: '纳税信用管理办法 第十五条',
  decision_date: `${year + 1}-04-01`,
  year: String(year),
  grade,
});

const evasion = (
  identifier: string,
  yuan: string,
  share: string,
  ref: string,
): SubmissionInput => ({
  subject_identifier: identifier,
  subject_name: '上海某某贸易有限公司',
  type: 'tax_violation',
  authority: NATIONAL_TAX,
  source_ref: ref,
  legal_basis: '税收征收管理法 第六十三条',
  document_number: `税稽罚〔2026〕${ref}号`,
  decision_date: '2026-09-01',
  violation_kind: 'evasion',
  evaded_amount: yuan,
  evaded_share_percent: share,
});

/** what must not differ between two runs over the same data, or between two backends */
const essence = (r: StoredRating) => ({
  subjectId: r.subjectId,
  modelId: r.modelId,
  asOf: r.asOf,
  score: r.score,
  grade: r.grade,
  result: r.result,
});

async function runOf(sut: ServiceDeps, runId: string): Promise<StoredRating[]> {
  return sut.store.listRunRatings(runId, null, 1000);
}

async function taxWorld(sut: ServiceDeps) {
  await registerListAuthorities(sut);
  const early = on(sut, '2026-05-01');
  await submitRecord(early, taxRating(BEIJING_FIRM, 2023, 'A', 'TR-23'), 'tax officer');
  await submitRecord(early, taxRating(BEIJING_FIRM, 2025, 'A', 'TR-25'), 'tax officer');
  await submitRecord(early, taxRating(SHANGHAI_FIRM, 2025, 'B', 'TS-25'), 'tax officer');
}

describe.each(BACKENDS)('rating runs on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = on(await registry(opened.store), RUN_DAY);
    await taxWorld(sut);
  });
  afterEach(async () => cleanup());

  it('rates every subject the model applies to, stores the run, and gives the same results when re-run', async () => {
    const first = await runRating(sut, { modelId: 'tax_credit_rating', asOf: AS_OF, actor: 'op' });
    const again = await runRating(sut, { modelId: 'tax_credit_rating', asOf: AS_OF, actor: 'op' });

    expect(first).toMatchObject({
      modelId: 'tax_credit_rating',
      asOf: AS_OF,
      draft: false,
      rated: 2,
      finishedAt: `${RUN_DAY}T09:00:00.000Z`,
    });
    // the run's report comes with the run (and in its audit entry); the store keeps the run
    const { summary, ...run } = first;
    expect(summary).toEqual({ walked: 2, withoutRecords: 0, warnings: [] });
    expect(await sut.store.getRatingRun(first.id)).toEqual(run);
    const results = await runOf(sut, first.id);
    expect(results).toHaveLength(2);
    expect((await runOf(sut, again.id)).map(essence)).toEqual(results.map(essence));
    expect(again.grades).toEqual(first.grades);
    // every result explains itself: the contributions add up to the score
    for (const r of results) {
      const contributions = r.result.contributions as Array<{ points: number }>;
      expect(contributions.reduce((s, c) => s + c.points, 0)).toBeCloseTo(r.score!, 9);
    }
    const audit = await sut.store.listAudit(0, 1000);
    expect(audit.filter((a) => a.action.startsWith('ratings.run')).map((a) => a.action)).toEqual([
      'ratings.run.start',
      'ratings.run.finish',
      'ratings.run.start',
      'ratings.run.finish',
    ]);
  });

  it('gives a direct D for evasion over the thresholds, and shows the move in the migration matrix', async () => {
    const before = await runRating(sut, { modelId: 'tax_credit_rating', actor: 'op' });
    await submitRecord(
      on(sut, RUN_DAY),
      evasion(SHANGHAI_FIRM, '200000.00', '12.5', 'V-1'),
      'inspector',
    );
    const after = await runRating(sut, { modelId: 'tax_credit_rating', actor: 'op' });

    const shanghai = await findSubject(sut, SHANGHAI_FIRM);
    const rated = (await runOf(sut, after.id)).find((r) => r.subjectId === shanghai.id)!;
    expect(rated.grade).toBe('D');
    expect(rated.result).toMatchObject({ basis: 'direct', directGrade: { grade: 'D' } });
    const was = (await runOf(sut, before.id)).find((r) => r.subjectId === shanghai.id)!;
    expect(was.grade).not.toBe('D');

    const sutMatrix = await compareRuns(sut, before.id, after.id);
    const at = (from: string, to: string) =>
      sutMatrix.counts[sutMatrix.grades.indexOf(from)]![sutMatrix.grades.indexOf(to)];
    expect(at(was.grade, 'D')).toBe(1);
    expect(sutMatrix).toMatchObject({ unchanged: 1, changed: 1, onlyFrom: 0, onlyTo: 0 });
    expect(sutMatrix.counts.flat().reduce((s, n) => s + n, 0)).toBe(2);
    // the bands in the model's order, then the others it gives
    expect(sutMatrix.grades.indexOf('A') < sutMatrix.grades.indexOf('D')).toBe(true);
    await expect(compareRuns(sut, before.id, 'run_nobody')).rejects.toMatchObject({
      code: 'RATING_RUN_NOT_FOUND',
      field: 'run_b',
    });
  });

  it('rates as of a past date on what was recorded by then', async () => {
    await submitRecord(sut, evasion(SHANGHAI_FIRM, '200000.00', '12.5', 'V-4'), 'inspector');
    const then = await runRating(sut, { modelId: 'tax_credit_rating', asOf: AS_OF, actor: 'op' });
    const now = await runRating(sut, { modelId: 'tax_credit_rating', actor: 'op' });
    const shanghai = await findSubject(sut, SHANGHAI_FIRM);
    const gradeIn = async (runId: string) =>
      (await runOf(sut, runId)).find((r) => r.subjectId === shanghai.id)!.grade;
    // both evaluate 2026; only the later run knows of the violation recorded in April 2027
    expect(await gradeIn(now.id)).toBe('D');
    expect(await gradeIn(then.id)).not.toBe('D');
  });

  it('re-rates a subject when a record about it arrives, and shows the latest rating in its file', async () => {
    const shanghai = await findSubject(sut, SHANGHAI_FIRM);
    const before = await sut.store.listRatingsOf([shanghai.id], 'tax_credit_rating');
    await submitRecord(
      on(sut, RUN_DAY),
      evasion(SHANGHAI_FIRM, '200000.00', '12.5', 'V-2'),
      'inspector',
    );

    const after = await sut.store.listRatingsOf([shanghai.id], 'tax_credit_rating');
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ runId: null, published: true, grade: 'D' });
    const [latest] = (await latestRatings(sut, shanghai.id)).filter(
      (r) => r.rating.modelId === 'tax_credit_rating',
    );
    expect(latest!.rating.id).toBe(after[0]!.id);
    expect(latest!.explanation[0]).toMatch(
      /^tax_credit_rating 2026\.1 as of 2027-04-10 .*grade D, graded directly/,
    );
    const overview = await subjectOverview(sut, SHANGHAI_FIRM);
    expect(overview.ratings.map((r) => r.rating.id)).toContain(after[0]!.id);
  });

  it('rates the file kept again after a merge, over both, and each file again after the undo', async () => {
    // the Shanghai firm filed a second time, under another USCC, with an evasion on it
    const duplicate = makeUscc('91310104', 'MA00DUPT');
    await submitRecord(
      on(sut, RUN_DAY),
      { ...evasion(duplicate, '200000.00', '12.5', 'V-9'), subject_name: '上海某某贸易公司' },
      'inspector',
    );
    await runRating(sut, { modelId: 'tax_credit_rating', actor: 'op' });
    const shanghai = await findSubject(sut, SHANGHAI_FIRM);
    const twin = await findSubject(sut, duplicate);
    const latest = async (id: string) =>
      (await latestRatings(sut, id)).find((r) => r.rating.modelId === 'tax_credit_rating')!.rating;
    const alone = await latest(shanghai.id);
    expect(alone.grade).not.toBe('D');
    expect((await latest(twin.id)).grade).toBe('D');

    // a day after the run, and the undo a day after that
    const merge = await mergeSubjects(
      on(sut, '2027-04-11'),
      { subject: SHANGHAI_FIRM, duplicate, reason: 'one firm filed twice' },
      'op',
    );
    // rated on the one file, not the newest of the two results the run gave before
    const merged = await latest(shanghai.id);
    expect(merged).toMatchObject({ runId: null, subjectId: shanghai.id, grade: 'D' });
    expect(merged.result).toMatchObject({ basis: 'direct' });

    await undoMerge(on(sut, '2027-04-12'), merge.id, 'not the same firm after all', 'op');
    const [apart, twinApart] = [await latest(shanghai.id), await latest(twin.id)];
    expect(apart).toMatchObject({ runId: null, grade: alone.grade, score: alone.score });
    expect(apart.id).not.toBe(merged.id);
    expect(twinApart).toMatchObject({ runId: null, subjectId: twin.id, grade: 'D' });
  });

  it('carries a D by score into the next year as an 11-point deduction', async () => {
    const spring = on(sut, '2026-06-01');
    // rated since 2024, so not a new enterprise in 2025
    await submitRecord(spring, taxRating(SHANGHAI_FIRM, 2023, 'B', 'TS-23'), 'tax officer');
    for (const n of [1, 2, 3, 4, 5, 6])
      await submitRecord(
        spring,
        { ...evasion(SHANGHAI_FIRM, '5000.00', '1', `S-${n}`), decision_date: '2025-06-01' },
        'inspector',
      );
    const shanghai = await findSubject(sut, SHANGHAI_FIRM);
    const gradeOf = async (runId: string) =>
      (await runOf(sut, runId)).find((r) => r.subjectId === shanghai.id)!;

    const first = await runRating(on(sut, '2026-06-10'), {
      modelId: 'tax_credit_rating',
      actor: 'op',
    });
    const y2025 = await gradeOf(first.id);
    expect(y2025).toMatchObject({ grade: 'D', periodEnd: '2025-12-31' });
    expect(y2025.result).toMatchObject({ basis: 'score' });

    const next = await runRating(on(sut, '2027-04-10'), {
      modelId: 'tax_credit_rating',
      actor: 'op',
    });
    const y2026 = await gradeOf(next.id);
    expect(y2026.periodEnd).toBe('2026-12-31');
    const contributions = y2026.result.contributions as Array<{ source: string; points: number }>;
    expect(contributions.filter((c) => c.source === 'carry_over')).toEqual([
      expect.objectContaining({ points: -11 }),
    ]);
  });

  it('keeps the results of a draft run out of every published view', async () => {
    const draft = await runRating(sut, {
      modelId: 'tax_credit_rating',
      asOf: AS_OF,
      draft: true,
      actor: 'analyst',
    });
    expect(draft.draft).toBe(true);
    const results = await runOf(sut, draft.id);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => !r.published)).toBe(true);
    const beijing = await findSubject(sut, BEIJING_FIRM);
    const shown = await latestRatings(sut, beijing.id);
    expect(shown.some((r) => r.rating.runId === draft.id)).toBe(false);
  });

  it('refuses an unknown model, a date in the future and a date that does not exist, naming the field', async () => {
    await expect(runRating(sut, { modelId: 'nope', actor: 'op' })).rejects.toMatchObject({
      code: 'RATING_MODEL_UNKNOWN',
      field: 'model',
    });
    await expect(
      runRating(sut, { modelId: 'tax_credit_rating', asOf: '2027-04-11', actor: 'op' }),
    ).rejects.toMatchObject({ code: 'DATE_ORDER', field: 'as_of' });
    await expect(
      runRating(sut, { modelId: 'tax_credit_rating', asOf: '2026-02-30', actor: 'op' }),
    ).rejects.toMatchObject({ code: 'DATE_INVALID', field: 'as_of' });
    expect(await sut.store.listRatingRuns(10)).toEqual([]);
  });
});

describe.each(BACKENDS)('scorecard runs on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;
  let catalogCopy: Awaited<ReturnType<typeof copyDefaultCatalog>>;

  beforeEach(async () => {
    const opened = await backend.open();
    catalogCopy = await copyDefaultCatalog();
    await catalogCopy.write('rating-models/thin_file_score.yaml', THIN_FILE_SCORECARD);
    cleanup = async () => {
      await opened.cleanup();
      await catalogCopy.remove();
    };
    const deps = on(await registry(opened.store), RUN_DAY);
    sut = { ...deps, catalog: await loadCatalog(catalogCopy.dir) };
  });
  afterEach(async () => cleanup());

  it('scores persons from their records with the points of each characteristic and reason codes', async () => {
    const borrower = makeRic('310115', '1988-01-01', 5);
    const clean = makeRic('310115', '1990-02-02', 7);
    await registerSubject(sut, { subject_identifier: clean, subject_name: '李四' }, 'registrar');
    await submitRecord(
      sut,
      {
        subject_identifier: borrower,
        subject_name: '张三',
        type: 'loan_default',
        authority: SHANGHAI_BANK,
        source_ref: 'L-1',
        legal_basis: '征信业管理条例 第十四条',
        decision_date: '2026-11-20',
        lender: '上海某商业银行',
        loan_kind: 'consumer',
        amount: '12000.00',
        days_past_due: '95',
      },
      'bank',
    );

    const run = await runRating(sut, { modelId: 'thin_file_score', actor: 'op' });

    expect(run.grades).toEqual({ 'high risk': 1, 'low risk': 1 });
    const results = await runOf(sut, run.id);
    const of = async (id: string) => {
      const subject = await findSubject(sut, id);
      return results.find((r) => r.subjectId === subject.id)!;
    };
    expect(await of(clean)).toMatchObject({ score: 620, grade: 'low risk' });
    const risky = await of(borrower);
    expect(risky).toMatchObject({ score: 490, grade: 'high risk' });
    expect(risky.result.reasons).toEqual([
      expect.objectContaining({ rank: 1, characteristic: 'worst_days_past_due', shortfall: 80 }),
      expect.objectContaining({ rank: 2, characteristic: 'loan_defaults_24m', shortfall: 50 }),
    ]);
    const characteristics = risky.result.characteristics as Array<{
      name: string;
      recordIds: string[];
    }>;
    expect(characteristics.every((c) => c.recordIds.length === 1)).toBe(true);
    const shown = (await latestRatings(sut, risky.subjectId)).find(
      (r) => r.rating.modelId === 'thin_file_score',
    );
    expect(shown!.explanation).toContain(
      '  reason 1: Worst days past due (90 or more), 80.00 below the best',
    );
  });
});

describe('rating runs on both backends', () => {
  it('give identical results on SQLite and PostgreSQL', async () => {
    const results = [];
    for (const backend of BACKENDS as Backend[]) {
      const opened = await backend.open();
      try {
        const sut = on(await registry(opened.store), RUN_DAY);
        await taxWorld(sut);
        await submitRecord(sut, evasion(SHANGHAI_FIRM, '50000.00', '3', 'V-3'), 'inspector');
        const run = await runRating(sut, {
          modelId: 'tax_credit_rating',
          asOf: AS_OF,
          actor: 'op',
        });
        results.push((await runOf(sut, run.id)).map(essence));
      } finally {
        await opened.cleanup();
      }
    }
    expect(results[0]!.length).toBeGreaterThan(0);
    expect(results[1]).toEqual(results[0]);
  });
});
