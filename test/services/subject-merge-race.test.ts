import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { mergeSubjects, undoMerge } from '../../src/services/subjects/subject-merge.service.js';
import { findSubject } from '../../src/services/subjects/subjects.service.js';
import type { Store, StoreTx } from '../../src/store/store.js';
import { BACKENDS } from '../support/backends.js';
import { DUPLICATE, DUPLICATE_NAME, fileFirmTwice } from '../support/duplicate-firm.js';
import { BEIJING_FIRM, penalty, registryPerTest } from '../support/registry.js';

const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A merge or its undo racing a furnisher's record for one of the two subjects. Only PostgreSQL
 * runs two writers at once: SQLite's store runs its transactions one after another.
 */
describe.each(BACKENDS.filter((b) => b.name === 'postgres'))(
  'a record written while a merge commits, on $name',
  (backend) => {
    const sut = registryPerTest(backend, fileFirmTwice);

    /** the deps with a store whose next transaction waits, done but not committed, for `release` */
    function holding(): { deps: ServiceDeps; staged: Promise<void>; release: () => void } {
      let staged!: () => void;
      let release!: () => void;
      const stagedP = new Promise<void>((resolve) => (staged = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      const real = sut().store;
      const store = Object.create(real, {
        transaction: {
          value: <T>(fn: (tx: StoreTx) => Promise<T>) =>
            real.transaction(async (tx) => {
              const result = await fn(tx);
              staged();
              await gate;
              return result;
            }),
        },
      }) as Store;
      return { deps: { ...sut(), store }, staged: stagedP, release };
    }

    /** waits until some statement on the test's database waits for a row lock */
    async function someoneWaits(): Promise<void> {
      const database = sut().store.label.split('/').pop();
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      try {
        for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
          const { rows } = await admin.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = $1 AND wait_event_type = 'Lock'`,
            [database],
          );
          if (rows[0]!.n > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error('no statement came to wait for the merge');
      } finally {
        await admin.end();
      }
    }

    const late = (sourceRef: string) =>
      submitRecord(
        sut(),
        penalty({
          subject_identifier: DUPLICATE,
          subject_name: DUPLICATE_NAME,
          source_ref: sourceRef,
          document_number: `京市监罚〔2026〕${sourceRef.slice(-3)}号`,
        }),
        'officer',
      );

    /**
     * Runs `change` (a merge or an undo) up to its COMMIT and holds it there, submits a record
     * for the duplicate's identifier, waits until that write is blocked on the change's locks,
     * then lets the change commit; the record's outcome once both are done.
     */
    async function writtenDuring(
      change: (deps: ServiceDeps) => Promise<unknown>,
      sourceRef: string,
    ) {
      const held = holding();
      const changing = change(held.deps);
      await held.staged;
      // resolved before the change commits: the identifier still names its old subject then
      const writing = late(sourceRef);
      await someoneWaits();
      held.release();
      await changing;
      return writing;
    }

    it('lands on the subject kept, not on the duplicate the merge has just emptied', async () => {
      const kept = await findSubject(sut(), BEIJING_FIRM);
      const duplicateId = (await findSubject(sut(), DUPLICATE)).id;
      const written = await writtenDuring(
        (deps) =>
          mergeSubjects(
            deps,
            { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason: 'registered twice' },
            'op',
          ),
        'P-2026-0103',
      );

      expect(written.subjectId).toBe(kept.id);
      const file = await sut().store.readSubjectFile({ scheme: 'uscc', value: DUPLICATE });
      expect(file?.subject.id).toBe(kept.id);
      expect(file?.versions.map((v) => v.sourceRef).sort()).toEqual([
        'P-2026-0001',
        'P-2026-0002',
        'P-2026-0103',
      ]);
      expect(file?.versions.every((v) => v.subjectId === kept.id)).toBe(true);
      expect(duplicateId).not.toBe(kept.id);
    });

    it('lands on the duplicate again when the merge is undone meanwhile', async () => {
      const merge = await mergeSubjects(
        sut(),
        { subject: BEIJING_FIRM, duplicate: DUPLICATE, reason: 'registered twice' },
        'op',
      );
      const written = await writtenDuring(
        (deps) => undoMerge(deps, merge.id, 'not one enterprise after all', 'op'),
        'P-2026-0104',
      );

      expect(written.subjectId).toBe(merge.duplicateId);
      const file = await sut().store.readSubjectFile({ scheme: 'uscc', value: DUPLICATE });
      expect(file?.subject.id).toBe(merge.duplicateId);
      expect(file?.versions.map((v) => v.sourceRef).sort()).toEqual(['P-2026-0002', 'P-2026-0104']);
    });
  },
);
