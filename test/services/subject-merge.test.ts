import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { publicView } from '../../src/services/disclosure/public-view.service.js';
import { searchSubjects } from '../../src/services/search/search.service.js';
import {
  mergeSubjectIds,
  mergeSubjects,
  undoMerge,
} from '../../src/services/subjects/subject-merge.service.js';
import { renameSubject } from '../../src/services/subjects/subject-rename.service.js';
import { findSubject, registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { DUPLICATE, DUPLICATE_NAME, fileFirmTwice } from '../support/duplicate-firm.js';
import { BEIJING_FIRM, PERSON, registryPerTest } from '../support/registry.js';

const KEPT_NAME = '北京某某科技有限公司';
const reason = 'one enterprise, registered twice';

describe.each(BACKENDS)('subject renames and merges on $name', (backend) => {
  const sut = registryPerTest(backend, async (deps) => {
    await fileFirmTwice(deps);
    await registerSubject(deps, { subject_identifier: PERSON, subject_name: '张三' }, 'test');
  });

  const hits = async (q: string) =>
    (await searchSubjects(sut(), { q, limit: 3 })).map((h) => ({
      name: h.name,
      matched: h.matched,
      identifiers: h.identifiers.map((i) => i.value),
      reasons: h.reasons,
    }));
  const lastAudit = async () => {
    const head = await sut().store.auditHead();
    return (await sut().store.listAudit(head!.seq - 1, 1))[0]!;
  };
  /** what a refusal must leave as it was */
  const state = async () => ({
    counts: await sut().store.counts(),
    audit: await sut().store.auditHead(),
    kept: await sut().store.getSubject((await findSubject(sut(), BEIJING_FIRM)).id),
    duplicate: await sut().store.readSubjectFile({ scheme: 'uscc', value: DUPLICATE }),
  });
  const refused = async (act: () => Promise<unknown>, code: string, field?: string) => {
    const before = await state();
    await expect(act()).rejects.toMatchObject({ code, ...(field ? { field } : {}) });
    expect(await state()).toEqual(before);
  };

  describe('a rename', () => {
    it('is searchable at once by the new name, and by the old one as a former name', async () => {
      const renamed = await renameSubject(
        sut(),
        BEIJING_FIRM,
        { name: '北京星河云图科技有限公司' },
        'op',
      );

      expect(renamed.names).toEqual([
        { name: KEPT_NAME, lang: 'zh', script: 'Hans', current: false },
        { name: '北京星河云图科技有限公司', lang: 'zh', script: 'Hans', current: true },
      ]);
      expect((await hits('星河云图科技'))[0]).toMatchObject({
        name: '北京星河云图科技有限公司',
        identifiers: [BEIJING_FIRM],
      });
      const [old] = await hits(KEPT_NAME);
      expect(old).toMatchObject({ name: '北京星河云图科技有限公司', matched: KEPT_NAME });
      expect(old!.reasons).toContain(`former name ${KEPT_NAME}`);
      const view = await publicView(sut(), BEIJING_FIRM);
      expect(view.subject.name).toBe('北京星河云图科技有限公司');
      expect(view.subject.names.map((n) => [n.name, n.current])).toEqual([
        [KEPT_NAME, false],
        ['北京星河云图科技有限公司', true],
      ]);
      expect(await lastAudit()).toMatchObject({
        action: 'subject.rename',
        actor: 'op',
        subjectIds: [renamed.id],
        payload: { previous: KEPT_NAME },
      });
    });

    it('adds an English name beside the Chinese one, and can bring back a former name', async () => {
      await renameSubject(sut(), BEIJING_FIRM, { name: 'Xinghe Cloud Technology Co., Ltd.' }, 'op');
      await renameSubject(sut(), BEIJING_FIRM, { name: '北京星河云图科技有限公司' }, 'op');
      const back = await renameSubject(sut(), BEIJING_FIRM, { name: KEPT_NAME, lang: 'zh' }, 'op');

      expect(back.names.map((n) => [n.name, n.lang, n.current])).toEqual([
        [KEPT_NAME, 'zh', true],
        ['Xinghe Cloud Technology Co., Ltd.', 'en', true],
        ['北京星河云图科技有限公司', 'zh', false],
      ]);
      expect((await hits('xinghe cloud technology'))[0]?.identifiers).toEqual([BEIJING_FIRM]);
    });

    it('refuses the current name, an unknown language and an unknown subject, changing nothing', async () => {
      await refused(
        () => renameSubject(sut(), BEIJING_FIRM, { name: KEPT_NAME }, 'op'),
        'SUBJECT_NAME_UNCHANGED',
        'name',
      );
      await refused(
        () => renameSubject(sut(), BEIJING_FIRM, { name: 'Neuer Name', lang: 'de' }, 'op'),
        'FIELD_ENUM',
        'lang',
      );
      await refused(
        () => renameSubject(sut(), BEIJING_FIRM, { name: '  ' }, 'op'),
        'SUBJECT_NAME_REQUIRED',
        'name',
      );
      await refused(
        () => renameSubject(sut(), makeUscc('91110108', 'MA00NNE1'), { name: '某公司' }, 'op'),
        'SUBJECT_NOT_FOUND',
        'identifier',
      );
    });
  });

  describe('a merge', () => {
    it("makes the duplicate's name and identifier find the subject kept, with one history", async () => {
      const kept = await findSubject(sut(), BEIJING_FIRM);
      const merge = await mergeSubjects(
        sut(),
        { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason },
        'op',
      );

      expect(merge).toMatchObject({ subjectId: kept.id, reason, mergedBy: 'op', undone: null });
      const [byName] = await hits(DUPLICATE_NAME);
      expect(byName).toMatchObject({
        name: KEPT_NAME,
        matched: DUPLICATE_NAME,
        identifiers: [BEIJING_FIRM, DUPLICATE],
      });
      expect(byName!.reasons).toContain(`former name ${DUPLICATE_NAME}`);
      // the subject merged away is never a hit of its own, by any form of its name
      for (const q of [DUPLICATE_NAME, 'lanhai xingchen']) {
        const found = await searchSubjects(sut(), { q, limit: 50 });
        expect(found.filter((h) => h.identifiers.length === 0)).toEqual([]);
      }
      expect(await hits(DUPLICATE)).toEqual([
        expect.objectContaining({ name: KEPT_NAME, identifiers: [BEIJING_FIRM, DUPLICATE] }),
      ]);
      const file = (await sut().store.readSubjectFile({ scheme: 'uscc', value: DUPLICATE }))!;
      expect(file.subject.id).toBe(kept.id);
      expect(file.versions.map((v) => v.sourceRef).sort()).toEqual(['P-2026-0001', 'P-2026-0002']);
      for (const identifier of [BEIJING_FIRM, DUPLICATE]) {
        const view = await publicView(sut(), identifier);
        expect(view.subject.name).toBe(KEPT_NAME);
        expect(view.records.map((r) => r.documentNumber).sort()).toEqual([
          '京市监罚〔2026〕101号',
          '京市监罚〔2026〕102号',
        ]);
      }
      expect(await lastAudit()).toMatchObject({
        action: 'subject.merge',
        actor: 'op',
        subjectIds: [kept.id, merge.duplicateId],
        payload: { id: merge.id, reason },
      });
    });

    it('is undone exactly: both files and both searches as they were', async () => {
      const seen = async () => ({
        kept: await publicView(sut(), BEIJING_FIRM),
        duplicate: await publicView(sut(), DUPLICATE),
        byKeptName: await hits(KEPT_NAME),
        byDuplicateName: await hits(DUPLICATE_NAME),
        byDuplicateId: await hits(DUPLICATE),
        // the rating history grows: each file is rated again after the merge and after the undo
        files: [
          await sut().store.readSubjectFile({ scheme: 'uscc', value: BEIJING_FIRM }),
          await sut().store.readSubjectFile({ scheme: 'uscc', value: DUPLICATE }),
        ].map((file) => file && { ...file, ratings: undefined }),
        subjects: (await sut().store.counts()).subjects,
      });
      const before = await seen();
      // an hour apart, so that each rating is the newest when it is made
      const at = (hour: number) => ({
        ...sut(),
        clock: fixedClock(`2026-06-15T${hour}:00:00.000Z`),
      });
      const merge = await mergeSubjects(
        at(11),
        { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason },
        'op',
      );

      const undone = await undoMerge(at(12), merge.id, 'two enterprises after all', 'op2');

      // the public views hold the ratings made after the undo, each as the file alone gives it
      expect(await seen()).toEqual(before);
      expect(undone.undone).toMatchObject({ by: 'op2', reason: 'two enterprises after all' });
      expect(await lastAudit()).toMatchObject({
        action: 'subject.unmerge',
        actor: 'op2',
        subjectIds: [merge.subjectId, merge.duplicateId],
      });
      // and it can be merged again, as a new merge
      const again = await mergeSubjectIds(sut(), merge.subjectId, merge.duplicateId, reason, 'op');
      expect(again.id).not.toBe(merge.id);
    });

    it('refuses a merge into itself, across kinds, of or into a merged subject, without a reason', async () => {
      await refused(
        () =>
          mergeSubjects(sut(), { subject: BEIJING_FIRM, duplicate: BEIJING_FIRM, reason }, 'op'),
        'SUBJECT_MERGE_SELF',
        'duplicate',
      );
      await refused(
        () => mergeSubjects(sut(), { subject: BEIJING_FIRM, duplicate: PERSON, reason }, 'op'),
        'SUBJECT_MERGE_KIND',
        'duplicate',
      );
      await refused(
        () =>
          mergeSubjects(sut(), { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason: ' ' }, 'op'),
        'REASON_REQUIRED',
        'reason',
      );
      const merge = await mergeSubjects(
        sut(),
        { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason },
        'op',
      );
      // the duplicate's identifiers now name the subject kept: only its id still names it
      await refused(
        () => mergeSubjects(sut(), { subject: DUPLICATE, duplicate: BEIJING_FIRM, reason }, 'op'),
        'SUBJECT_MERGE_SELF',
      );
      const other = await registerSubject(
        sut(),
        {
          subject_identifier: makeUscc('91110108', 'MA00TH01'),
          subject_name: '北京另一家有限公司',
        },
        'test',
      );
      await refused(
        () => mergeSubjectIds(sut(), merge.duplicateId, other.id, reason, 'op'),
        'SUBJECT_MERGED',
        'identifier',
      );
      await refused(
        () => mergeSubjectIds(sut(), other.id, merge.duplicateId, reason, 'op'),
        'SUBJECT_MERGED',
        'duplicate',
      );
    });

    it('refuses an undo twice, of an unknown merge, and before a later merge of the subject kept is undone', async () => {
      const first = await mergeSubjects(
        sut(),
        { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason },
        'op',
      );
      const other = makeUscc('91110108', 'MA00TH02');
      await registerSubject(
        sut(),
        { subject_identifier: other, subject_name: '北京某某集团有限公司' },
        't',
      );
      const later = await mergeSubjects(
        sut(),
        { subject: other, duplicate: BEIJING_FIRM, reason },
        'op',
      );

      await refused(
        () => undoMerge(sut(), first.id, 'x', 'op'),
        'SUBJECT_MERGE_UNDO_BLOCKED',
        'id',
      );
      await refused(() => undoMerge(sut(), 'mrg_none', 'x', 'op'), 'SUBJECT_MERGE_NOT_FOUND', 'id');
      await undoMerge(sut(), later.id, 'x', 'op');
      await undoMerge(sut(), first.id, 'x', 'op');
      await refused(() => undoMerge(sut(), first.id, 'x', 'op'), 'SUBJECT_MERGE_UNDONE', 'id');
      expect((await hits(DUPLICATE))[0]?.identifiers).toEqual([DUPLICATE]);
    });
  });
});
