import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { identifierKey, type StoredFile, type ViewStamp } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeSubject } from '../support/factories.js';

const STAMP: ViewStamp = { asOf: '2026-06-15', catalog: 'c1' };
const render = async (file: StoredFile) => JSON.stringify({ id: file.subject.id });

/** every table `readSubjectFile` reads on SQLite (sqlite-file.ts and the reads it calls) */
const FILE_TABLES = [
  'subjects',
  'subject_identifiers',
  'subject_names',
  'subject_relations',
  'record_versions',
  'list_entries',
  'list_transitions',
  'ratings',
  'objections',
];

describe.each(BACKENDS.filter((b) => b.name === 'sqlite'))(
  'saved public views on $name',
  (backend) => {
    const store = storePerTest(backend);
    const file = () => store().label.replace(/^sqlite:/, '');

    it('clears a view on every insert, update and delete of what its file is read from', () => {
      const db = new Database(file(), { readonly: true });
      try {
        const triggers = db
          .prepare("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'")
          .all() as Array<{ tbl_name: string; name: string; sql: string }>;
        for (const table of FILE_TABLES) {
          for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
            const found = triggers.find(
              (t) => t.tbl_name === table && t.sql.includes(`AFTER ${event} ON ${table}`),
            );
            expect(found?.sql, `${event} on ${table}`).toMatch(/DELETE FROM public_views/);
            // a merge moves rows: the subject they leave and the one they join
            if (event === 'UPDATE') expect(found?.sql).toMatch(/IN \(OLD\.\w+, NEW\.\w+\)/);
          }
        }
      } finally {
        db.close();
      }
    });

    it('saves what it renders, serves it for its stamp only, and a write to the subject clears it', async () => {
      const subject = makeSubject();
      await store().transaction((tx) => tx.insertSubjects([subject]));
      const key = subject.identifiers[0]!;
      const rendered = await store().renderPublicViews([key], STAMP, render);
      expect(rendered?.get(identifierKey(key))).toBe(JSON.stringify({ id: subject.id }));
      expect(await store().readPublicView(key, STAMP)).toBe(JSON.stringify({ id: subject.id }));
      expect(await store().readPublicView(key, { ...STAMP, asOf: '2026-06-16' })).toBeNull();
      expect(await store().readPublicView(key, { ...STAMP, catalog: 'c2' })).toBeNull();
      await store().transaction((tx) =>
        tx.setCurrentName(subject.id, {
          name: '新名称有限公司',
          lang: 'zh',
          script: 'Hans',
          current: true,
        }),
      );
      expect(await store().readPublicView(key, STAMP)).toBeNull();
    });

    it('leaves out an identifier that names no subject', async () => {
      const rendered = await store().renderPublicViews(
        [{ scheme: 'uscc', value: 'none' }],
        STAMP,
        render,
      );
      expect(rendered?.size).toBe(0);
    });

    it('scans subjects in id order a page at a time, giving those without a current view', async () => {
      const subjects = [makeSubject(), makeSubject(), makeSubject()].sort((a, b) =>
        a.id < b.id ? -1 : 1,
      );
      const keyOf = (i: number) => {
        const { scheme, value } = subjects[i]!.identifiers[0]!;
        return { scheme, value };
      };
      await store().transaction((tx) => tx.insertSubjects(subjects));
      await store().renderPublicViews([subjects[1]!.identifiers[0]!], STAMP, render);
      const first = await store().scanViewless(STAMP, '', 2);
      expect(first).toEqual({
        keys: [keyOf(0)],
        scanned: 2,
        lastId: subjects[1]!.id,
      });
      const second = await store().scanViewless(STAMP, first.lastId!, 2);
      expect(second).toEqual({ keys: [keyOf(2)], scanned: 1, lastId: null });
    });
  },
);
