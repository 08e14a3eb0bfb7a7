import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { runFollowUps } from '../../src/services/follow-ups/follow-ups.service.js';
import type { Reader } from '../../src/services/inquiries/inquiry.service.js';
import { entriesAsOf } from '../../src/services/lists/queries.service.js';
import {
  answerObjection,
  fileObjection,
} from '../../src/services/objections/objections.service.js';
import {
  correctRecord,
  revokeRecord,
  submitRecord,
  submitRecords,
} from '../../src/services/records/records.service.js';
import {
  applyForRepair,
  decideRepair,
  reviewRepair,
} from '../../src/services/repairs/repairs.service.js';
import { findSubject, registerSubject } from '../../src/services/subjects/subjects.service.js';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { mergeSubjects } from '../../src/services/subjects/subject-merge.service.js';
import type { Store, StoreTx } from '../../src/store/store.js';
import { BACKENDS } from '../support/backends.js';
import { crashAfterCommit, InjectedCrash } from '../support/faults.js';
import { firmRecord, on, registerListAuthorities } from '../support/lists.js';
import { BEIJING_FIRM, BEIJING_MARKET, penalty, registry } from '../support/registry.js';

const DAY = '2026-07-02';
const DUPLICATE = makeUscc('91110000', 'MA0000D1');
const market: Reader = {
  id: 'furnisher-1',
  name: 'furnisher',
  role: 'furnisher',
  authorityId: BEIJING_MARKET,
  subjectId: null,
};

/** An annual report not filed: the abnormal-operations list follows it by itself. */
const missing = (ref = 'A-1') =>
  firmRecord('annual_report_missing', {
    authority: BEIJING_MARKET,
    source_ref: ref,
    year: 2025,
    decision_date: '2026-07-01',
  });

describe.each(BACKENDS)(
  'follow-ups after a crash between commit and follow-up on $name',
  (backend) => {
    let sut: ServiceDeps;
    let fault: ReturnType<typeof crashAfterCommit>;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      const opened = await backend.open();
      cleanup = opened.cleanup;
      fault = crashAfterCommit(opened.store);
      sut = on(await registry(fault.store), DAY);
      await registerListAuthorities(sut);
    });
    afterEach(async () => cleanup());

    const abnormal = async () => {
      const subject = await findSubject(sut, BEIJING_FIRM);
      const views = await entriesAsOf(sut, [subject.id], DAY);
      return views.map((v) => v.entry).filter((e) => e.listType === 'abnormal_operations');
    };
    const ratings = async () =>
      sut.store.listRatingsOf([(await findSubject(sut, BEIJING_FIRM)).id]);

    /** the write crashes right after its commit: what it committed is there, its follow-ups not */
    async function crashing<T>(write: () => Promise<T>, commits = 1) {
      fault.arm(commits);
      await expect(write()).rejects.toBeInstanceOf(InjectedCrash);
      fault.revive();
    }

    it('a retried submission answers unchanged and runs the lists and ratings the crash cut off', async () => {
      await crashing(() => submitRecord(sut, missing(), 'registrar'));
      expect(await abnormal()).toEqual([]);
      expect(await ratings()).toEqual([]);

      const retry = await submitRecord(sut, missing(), 'registrar');
      expect(retry.status).toBe('unchanged');
      expect(await abnormal()).toMatchObject([{ state: 'effective', effectiveFrom: '2026-07-01' }]);
      expect((await ratings()).length).toBeGreaterThan(0);
      expect(await sut.store.pendingFollowUps(null, 10)).toEqual([]);
    });

    it('a batch retried after the crash completes every row it had created', async () => {
      const rows = [missing('A-1'), { ...missing('A-2'), year: 2024 }];
      await crashing(() => submitRecords(sut, rows, 'registrar'));
      const retry = await submitRecords(sut, rows, 'registrar');
      expect(retry.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
      expect(await abnormal()).toHaveLength(1);
      expect(await sut.store.pendingFollowUps(null, 10)).toEqual([]);
    });

    it('a restart runs the follow-ups of many subjects a page at a time: their ratings in one transaction, each as one alone would be rated', async () => {
      const firms = Array.from({ length: 12 }, (_, i) =>
        makeUscc('91110000', `MA${String(i).padStart(6, '0')}`),
      );
      const rows = firms.map((firm, i) => ({ ...missing(`P-${i}`), subject_identifier: firm }));
      await crashing(() => submitRecords(sut, rows, 'registrar'));
      // the firm of the other tests, rated alone, is what each of the page should come to
      await submitRecord(sut, missing(), 'registrar');
      const alone = (await ratings()).map((r) => [r.modelId, r.grade]).sort();
      expect(alone.length).toBeGreaterThan(0);

      let rated = 0;
      const counting: ServiceDeps = {
        ...sut,
        store: new Proxy(sut.store, {
          get(target, prop) {
            const value: unknown = Reflect.get(target, prop, target);
            if (prop !== 'transaction' || typeof value !== 'function') return value;
            return (fn: (tx: StoreTx) => Promise<unknown>) =>
              (value as Store['transaction']).call(target, (tx) => {
                const seen = new Proxy(tx, {
                  get(t, p) {
                    if (p === 'insertRatings') rated += 1;
                    return Reflect.get(t, p, t);
                  },
                });
                return fn(seen);
              });
          },
        }),
      };
      expect(await runFollowUps(counting, null)).toBe(firms.length);
      expect(rated).toBe(1);
      for (const firm of firms) {
        const subject = await findSubject(sut, firm);
        const grades = (await sut.store.listRatingsOf([subject.id])).map((r) => [
          r.modelId,
          r.grade,
        ]);
        expect(grades.sort()).toEqual(alone);
        const entries = await entriesAsOf(sut, [subject.id], DAY);
        expect(entries.map((v) => v.entry.listType)).toContain('abnormal_operations');
      }
      expect(await sut.store.pendingFollowUps(null, 100)).toEqual([]);
    });

    it('a restart runs what the crashed process owed, once: a second run finds nothing', async () => {
      await crashing(() => submitRecord(sut, missing(), 'registrar'));
      // the restarted process holds nothing of the old one but the store
      const restarted: ServiceDeps = { ...sut };
      expect(await runFollowUps(restarted, null)).toBe(1);
      expect(await abnormal()).toMatchObject([{ state: 'effective' }]);
      const rated = (await ratings()).length;
      expect(rated).toBeGreaterThan(0);
      expect(await runFollowUps(restarted, null)).toBe(0);
      expect(await abnormal()).toHaveLength(1);
      expect(await ratings()).toHaveLength(rated);
    });

    it('two follow-up runs for one subject at once designate its automatic list once', async () => {
      // both runs are owed the same follow-up (a crash cut it off), and both start before either writes
      await crashing(() => submitRecord(sut, missing(), 'registrar'));
      const finished = await Promise.all([runFollowUps(sut, null), runFollowUps(sut, null)]);
      expect(finished.reduce((a, b) => a + b)).toBeGreaterThan(0);
      expect(await abnormal()).toMatchObject([{ state: 'effective' }]);
      expect(await sut.store.pendingFollowUps(null, 10)).toEqual([]);
    });

    it('a revocation retried after the crash is refused, and the entry its record held is cured all the same', async () => {
      const { recordId } = await submitRecord(sut, missing(), 'registrar');
      await crashing(() => revokeRecord(sut, recordId, 'annual report filed', 'registrar'));
      expect(await abnormal()).toMatchObject([{ state: 'effective' }]);
      await expect(
        revokeRecord(sut, recordId, 'annual report filed', 'registrar'),
      ).rejects.toMatchObject({ code: 'RECORD_REVOKED' });
      expect(await abnormal()).toMatchObject([{ state: 'removed', removal: 'cured' }]);
    });

    it('a correction retried after the crash is refused as stale, and its follow-ups run all the same', async () => {
      const { recordId } = await submitRecord(sut, missing(), 'registrar');
      const before = (await ratings()).length;
      await crashing(() =>
        correctRecord(sut, recordId, { year: 2024 }, 'year misread', 'registrar'),
      );
      await expect(
        correctRecord(sut, recordId, { year: 2024 }, 'year misread', 'registrar'),
      ).rejects.toMatchObject({ code: 'RECORD_STALE_VERSION' });
      expect((await ratings()).length).toBeGreaterThan(before);
      expect(await sut.store.pendingFollowUps(null, 10)).toEqual([]);
    });

    it('an upheld objection is answered with the revocation it makes, and its retry finds it answered', async () => {
      const { recordId, subjectId } = await submitRecord(sut, missing(), 'registrar');
      const firm: Reader = { ...market, id: 'firm', role: 'subject', authorityId: null, subjectId };
      const objection = await fileObjection(sut, firm, {
        item: 'record',
        itemId: recordId,
        grounds: '年报已按时报送',
      });
      const answer = { outcome: 'upheld' as const, reasons: '经核实已报送', revoke: true };
      await crashing(() => answerObjection(sut, market, objection.id, answer));
      expect(await sut.store.getObjection(objection.id)).toMatchObject({ state: 'upheld' });
      await expect(answerObjection(sut, market, objection.id, answer)).rejects.toMatchObject({
        code: 'OBJECTION_CLOSED',
      });
      expect(await abnormal()).toMatchObject([{ state: 'removed', removal: 'cured' }]);
    });

    it('a merge cut off by a crash has the file kept rated at the restart', async () => {
      await submitRecord(sut, missing(), 'registrar');
      await registerSubject(
        sut,
        { subject_identifier: DUPLICATE, subject_name: '北京某某科技' },
        'op',
      );
      const before = (await ratings()).length;
      const input = { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason: 'the same firm' };
      await crashing(() => mergeSubjects(sut, input, 'operator'));
      expect(await ratings()).toHaveLength(before);
      expect(await runFollowUps(sut, null)).toBe(1);
      expect((await ratings()).length).toBeGreaterThan(before);
    });

    /**
     * a repair of a penalty, forwarded, whose approval a crash cuts off after its record version
     * (after the commitment too, with 3 commits: the record version, its follow-up, the commitment)
     */
    async function repairCutOff(commits: number) {
      const { recordId, subjectId } = await submitRecord(sut, penalty(), 'furnisher');
      const firm: Reader = { ...market, id: 'firm', role: 'subject', authorityId: null, subjectId };
      const platform: Reader = { ...market, id: 'platform', role: 'operator' };
      const applied = await applyForRepair(sut, firm, {
        item: 'record',
        itemId: recordId,
        obligations: [
          { id: 'penalty_performed', evidence: ['罚款缴纳凭证'] },
          { id: 'conduct_corrected', evidence: ['整改报告'] },
        ],
        commitment: '本单位承诺今后严格遵守产品质量法律法规',
      });
      await reviewRepair(sut, platform, applied.id, { outcome: 'forward' });
      await crashing(() => decideRepair(sut, market, applied.id, { outcome: 'approve' }), commits);
      expect(await sut.store.getRepair(applied.id)).toMatchObject({ state: 'forwarded' });
      const stored = await sut.store.listRecordVersions(subjectId);
      const committed = stored.filter((v) => v.type === 'credit_commitment');
      expect(committed).toHaveLength(commits >= 3 ? 1 : 0);
      return { id: applied.id, subjectId };
    }

    /** the approval (retried on `day`) names the one repair version and the one commitment */
    async function approvedOnce(day: string, commits: number) {
      const { id, subjectId } = await repairCutOff(commits);
      const approved = await decideRepair(on(sut, day), market, id, { outcome: 'approve' });
      expect(approved).toMatchObject({ state: 'approved', decidedOn: DAY });
      const versions = await sut.store.listRecordVersions(subjectId);
      expect(versions.filter((v) => v.action === 'repair')).toHaveLength(1);
      const commitments = versions.filter((v) => v.type === 'credit_commitment');
      expect(commitments).toMatchObject([{ decisionDate: DAY }]);
      expect(approved.outcomeRef).toBe(versions.find((v) => v.action === 'repair')!.id);
      expect(approved.commitmentRef).toBe(commitments[0]!.recordId);
    }

    it('an approved repair cut off after its record version is approved on the retry, with its commitment', async () => {
      await approvedOnce(DAY, 1);
    });

    it('an approved repair cut off after its commitment is approved on the retry, with that commitment', async () => {
      await approvedOnce(DAY, 3);
    });

    it('a repair approval retried on a later day answers as the first did: no conflict, no second commitment', async () => {
      await approvedOnce('2026-07-03', 3);
    });

    it('a repair approval cut off before its commitment and retried on a later day is dated the day the record ended', async () => {
      await approvedOnce('2026-07-03', 1);
    });
  },
);
