import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  publicView,
  publicViewJson,
  viewStamp,
  type PublicView,
} from '../../src/services/disclosure/public-view.service.js';
import {
  buildPublicViews,
  viewsPassDue,
} from '../../src/services/disclosure/public-views-build.service.js';
import { removeEntry } from '../../src/services/lists/entries.service.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import {
  correctRecord,
  revokeRecord,
  submitRecord,
} from '../../src/services/records/records.service.js';
import { mergeSubjects, undoMerge } from '../../src/services/subjects/subject-merge.service.js';
import { registerSubject, subjectKey } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  courtRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
  wageArrearsListing,
} from '../support/lists.js';
import {
  BEIJING_FIRM,
  NATIONAL_COURT,
  penalty,
  PERSON,
  registryPerTest,
} from '../support/registry.js';

const DUPLICATE = makeUscc('91110108', 'MA00DUP4');

/** The view as served today, after checking it is, byte for byte, the live computation's. */
async function served(deps: ServiceDeps, identifier = BEIJING_FIRM): Promise<PublicView> {
  const text = await publicViewJson(deps, identifier);
  expect(text).toBe(JSON.stringify(await publicView(deps, identifier)));
  return JSON.parse(text) as PublicView;
}

describe.each(BACKENDS)('the public view after each kind of write on $name', (backend) => {
  const sut = registryPerTest(backend);

  it('shows a new record, its correction and its revocation at once', async () => {
    await registerSubject(
      sut(),
      { subject_identifier: BEIJING_FIRM, subject_name: '北京某某科技有限公司' },
      'test',
    );
    expect((await served(sut())).records).toEqual([]);
    const { subjectId } = await submitRecord(sut(), penalty(), 'officer');
    const [version] = await sut().store.listRecordVersions(subjectId);
    expect((await served(sut())).records).toMatchObject([{ corrected: false }]);

    const corrected = await correctRecord(
      sut(),
      version!.id,
      { fine_amount: '6000.00' },
      'typo',
      'officer',
    );
    expect((await served(sut())).records).toMatchObject([{ corrected: true }]);
    await revokeRecord(sut(), corrected.id, 'issued in error', 'officer');
    expect((await served(sut())).records).toEqual([]);
  });

  it('names the registration authority an organization’s USCC encodes, and none for a person', async () => {
    await registerSubject(
      sut(),
      { subject_identifier: BEIJING_FIRM, subject_name: '北京某某科技有限公司' },
      'test',
    );
    await registerSubject(sut(), { subject_identifier: PERSON, subject_name: '张三' }, 'test');
    expect((await served(sut())).subject.registrationAuthority).toEqual({
      zh: '工商',
      en: 'market regulation',
    });
    expect((await publicView(sut(), PERSON)).subject.registrationAuthority).toBeNull();
  });

  it('shows a list entry and its removal at once', async () => {
    await registerListAuthorities(sut());
    const { entry, decidedOn } = await wageArrearsListing(sut());
    const that = on(sut(), decidedOn);
    expect((await served(that)).listEntries).toMatchObject([{ entryId: entry.id }]);
    await removeEntry(that, entry.id, {
      actor: 'inspector',
      authorityId: BEIJING_LABOUR,
      reason: 'decided in error',
      removal: 'revoked',
    });
    expect((await served(that)).listEntries).toEqual([]);
  });

  it('shows a court case published while listed for as long as the listing it rests on is in force', async () => {
    const firmCase = courtRecord({
      subject_identifier: BEIJING_FIRM,
      subject_name: '北京某某科技有限公司',
    });
    const { entry, decidedOn } = await listThroughDecision(
      sut(),
      firmCase,
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
    // before the decision the case is not public: nothing lists the firm yet
    expect((await served(sut())).records).toEqual([]);
    const that = on(sut(), decidedOn);
    expect((await served(that)).records).toMatchObject([
      {
        type: 'court_enforcement',
        fields: {
          case_number: firmCase.case_number,
          basis_document: firmCase.basis_document,
          basis_issuer: firmCase.basis_issuer,
          obligation: firmCase.obligation,
          performance: 'none',
        },
      },
    ]);
    await removeEntry(that, entry.id, {
      actor: 'judge',
      authorityId: NATIONAL_COURT,
      reason: 'listed in error',
      removal: 'revoked',
    });
    expect((await served(that)).records).toEqual([]);
  });

  it('explains a grade set directly by a listing, step by step, naming the list and not internal ids', async () => {
    await registerListAuthorities(sut());
    const { decidedOn } = await wageArrearsListing(sut());
    const [rating] = (await served(on(sut(), decidedOn))).ratings;
    expect(rating).toMatchObject({ grade: 'D', reason: { basis: 'direct' } });
    expect(rating!.reason.scoreGrade).not.toBe('D');
    const direct = rating!.reason.steps.find((s) => s.kind === 'direct');
    expect(direct).toMatchObject({
      grade: 'D',
      label: { zh: '列入严重失信主体名单', en: 'On a blacklist' },
      evidence: [{ kind: 'list_entry', type: 'wage_arrears_dishonest', date: decidedOn }],
    });
    const arrears = rating!.reason.steps.find((s) => s.rule === 'wage_arrears');
    expect(arrears).toMatchObject({
      points: -10,
      evidence: [{ kind: 'record', type: 'wage_arrears', date: '2026-06-01', factor: 1 }],
    });
    // the record behind it is public (in its window): the table links it by the view's id
    const records = (await served(on(sut(), decidedOn))).records.map((r) => r.recordId);
    expect(records).toContain(arrears!.evidence[0]!.recordId);
  });

  it('shows a new published rating at once', async () => {
    await registerSubject(
      sut(),
      { subject_identifier: BEIJING_FIRM, subject_name: '北京某某科技有限公司' },
      'test',
    );
    expect((await served(sut())).ratings).toEqual([]);
    await runRating(sut(), { modelId: 'public_comprehensive_evaluation', actor: 'op' });
    expect((await served(sut())).ratings).toMatchObject([
      { modelId: 'public_comprehensive_evaluation' },
    ]);
  });

  it('shows a merge and its undo at once, under either identifier', async () => {
    await submitRecord(sut(), penalty(), 'officer');
    await submitRecord(
      sut(),
      penalty({
        subject_identifier: DUPLICATE,
        subject_name: '北京蓝海星辰商贸有限公司',
        source_ref: 'P-2',
      }),
      'officer',
    );
    expect((await served(sut())).records).toHaveLength(1);
    expect((await served(sut(), DUPLICATE)).records).toHaveLength(1);
    const merge = await mergeSubjects(
      sut(),
      { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason: 'twice' },
      'op',
    );
    expect((await served(sut())).records).toHaveLength(2);
    const viaDuplicate = await served(sut(), DUPLICATE);
    expect(viaDuplicate.subject.identifiers.map((i) => i.value)).toEqual([BEIJING_FIRM, DUPLICATE]);

    await undoMerge(sut(), merge.id, 'two firms', 'op');
    expect((await served(sut())).records).toHaveLength(1);
    expect((await served(sut(), DUPLICATE)).subject.name).toBe('北京蓝海星辰商贸有限公司');
  });

  it('computes a view as of another day live, and saves nothing', async () => {
    await submitRecord(sut(), penalty(), 'officer');
    const past = JSON.parse(await publicViewJson(sut(), BEIJING_FIRM, '2026-01-01')) as PublicView;
    expect(past).toMatchObject({ asOf: '2026-01-01', records: [] });
    const key = subjectKey(sut(), BEIJING_FIRM);
    expect(await sut().store.readPublicView(key, viewStamp(sut()))).toBeNull();
    expect(await sut().store.readPublicView(key, viewStamp(sut(), '2026-01-01'))).toBeNull();
  });
});

describe.each(BACKENDS)('saved public views on $name', (backend) => {
  const sut = registryPerTest(backend);
  const key = () => subjectKey(sut(), BEIJING_FIRM);

  beforeEach(async () => {
    await submitRecord(sut(), penalty(), 'officer');
  });

  it("saves today's view with the read of its file and serves it after", async () => {
    expect(await sut().store.readPublicView(key(), viewStamp(sut()))).toBeNull();
    const first = await publicViewJson(sut(), BEIJING_FIRM);
    expect(await sut().store.readPublicView(key(), viewStamp(sut()))).toBe(first);
    expect(await publicViewJson(sut(), BEIJING_FIRM)).toBe(first);
    expect(first).toBe(JSON.stringify(await publicView(sut(), BEIJING_FIRM)));
  });

  it("does not serve yesterday's view today, nor one of another catalog", async () => {
    await publicViewJson(sut(), BEIJING_FIRM);
    const tomorrow = on(sut(), '2026-06-16');
    expect((await served(tomorrow)).asOf).toBe('2026-06-16');
    expect(await sut().store.readPublicView(key(), viewStamp(sut()))).toBeNull();

    const edited = { ...tomorrow, catalog: { ...tomorrow.catalog, version: 'edited' } };
    expect(viewStamp(edited).catalog).not.toBe(viewStamp(tomorrow).catalog);
    expect(await sut().store.readPublicView(key(), viewStamp(edited))).toBeNull();
    await served(edited);
    expect(await sut().store.readPublicView(key(), viewStamp(edited))).not.toBeNull();
  });

  it('builds the views every subject lacks, a batch a transaction, and none twice', async () => {
    await registerSubject(sut(), { subject_identifier: PERSON, subject_name: '张三' }, 'test');
    await registerSubject(
      sut(),
      { subject_identifier: DUPLICATE, subject_name: '北京蓝海星辰商贸有限公司' },
      'test',
    );
    const { subjects } = await sut().store.counts();
    const progress: number[] = [];
    const built = await buildPublicViews(sut(), {
      batch: 2,
      onProgress: (p) => progress.push(p.scanned),
    });
    expect(built).toEqual({ scanned: subjects, built: subjects });
    expect(progress.at(-1)).toBe(subjects);
    for (const identifier of [BEIJING_FIRM, PERSON, DUPLICATE]) {
      const saved = await sut().store.readPublicView(
        subjectKey(sut(), identifier),
        viewStamp(sut()),
      );
      expect(saved).toBe(JSON.stringify(await publicView(sut(), identifier)));
    }
    expect(await buildPublicViews(sut(), { batch: 2 })).toEqual({ scanned: subjects, built: 0 });
  });

  it('records a pass that reached the last subject, for its day and catalog only', async () => {
    expect(await viewsPassDue(sut())).toBe(true);
    await buildPublicViews(sut(), { batch: 1, stopped: () => true });
    expect(await viewsPassDue(sut())).toBe(true);
    await buildPublicViews(sut(), { batch: 1 });
    expect(await viewsPassDue(sut())).toBe(false);
    expect(await viewsPassDue(on(sut(), '2026-06-16'))).toBe(true);
  });
});

// SQLite has one writer: a view that would wait for it is computed and not saved
describe.each(BACKENDS.filter((b) => b.name === 'sqlite'))(
  'saving a view beside a writer on $name',
  (backend) => {
    const sut = registryPerTest(backend);
    const key = () => subjectKey(sut(), BEIJING_FIRM);

    beforeEach(async () => {
      await submitRecord(sut(), penalty(), 'officer');
    });

    it('does not wait for a transaction of its own store: it computes the view and saves nothing', async () => {
      let release: () => void = () => undefined;
      const open = sut().store.transaction(() => new Promise<void>((done) => (release = done)));
      try {
        await served(sut());
        expect(await sut().store.readPublicView(key(), viewStamp(sut()))).toBeNull();
      } finally {
        release();
        await open;
      }
      await served(sut());
      expect(await sut().store.readPublicView(key(), viewStamp(sut()))).not.toBeNull();
    });

    it('does not wait for another process holding the write lock', async () => {
      const other = new Database(sut().store.label.replace(/^sqlite:/, ''));
      other.exec('BEGIN IMMEDIATE');
      try {
        const started = performance.now();
        await served(sut());
        expect(performance.now() - started).toBeLessThan(1000);
        expect(await sut().store.readPublicView(key(), viewStamp(sut()))).toBeNull();
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
    });
  },
);
