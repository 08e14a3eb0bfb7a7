import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  identifierKey,
  type StoredFile,
  type StoreTx,
  type ViewStamp,
} from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeSubject } from '../support/factories.js';

const STAMP: ViewStamp = { asOf: '2026-06-15', catalog: 'c1' };
const render = async (file: StoredFile) => JSON.stringify({ id: file.subject.id });

/** A point one side of a race waits at until the other opens it. */
function gate(): { passed: Promise<void>; open: () => void } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}

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

describe.each(BACKENDS)('saved public views on $name', (backend) => {
  const store = storePerTest(backend);

  /** each trigger on a file table: its table, its event and what it runs */
  const triggers = async (): Promise<Array<{ table: string; event: string; body: string }>> => {
    if (backend.name === 'sqlite') {
      const db = new Database(store().label.replace(/^sqlite:/, ''), { readonly: true });
      try {
        const rows = db
          .prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
          .all() as Array<{ tbl_name: string; sql: string }>;
        return rows.map((r) => ({
          table: r.tbl_name,
          event: /AFTER (\w+) ON/.exec(r.sql)?.[1] ?? '',
          body: r.sql,
        }));
      } finally {
        db.close();
      }
    }
    const client = new pg.Client({ connectionString: store().label.replace(/^postgres:/, '') });
    await client.connect();
    try {
      const { rows } = await client.query<{ table: string; event: string; body: string }>(
        `SELECT event_object_table AS table, event_manipulation AS event,
           action_statement || ' ' || p.prosrc AS body
         FROM information_schema.triggers t
         JOIN pg_proc p ON p.proname = substring(t.action_statement FROM 'FUNCTION (\\w+)\\(')
         WHERE t.action_timing = 'AFTER'`,
      );
      return rows;
    } finally {
      await client.end();
    }
  };

  it('clears a view on every insert, update and delete of what its file is read from', async () => {
    const found = await triggers();
    for (const table of FILE_TABLES) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        const trigger = found.find((t) => t.table === table && t.event === event);
        expect(trigger?.body, `${event} on ${table}`).toMatch(
          /DELETE FROM public_views|public_views_clear/,
        );
        // a merge moves rows: the subject they leave and the one they join
        if (event === 'UPDATE')
          expect(trigger?.body).toMatch(/IN \(OLD\.\w+, NEW\.\w+\)|old_rows UNION .* new_rows/);
      }
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

  it('renders and saves an identifier asked twice in one batch once', async () => {
    const subject = makeSubject();
    await store().transaction((tx) => tx.insertSubjects([subject]));
    const key = subject.identifiers[0]!;
    const rendered = await store().renderPublicViews([key, { ...key }], STAMP, render);
    expect([...(rendered?.keys() ?? [])]).toEqual([identifierKey(key)]);
    expect(await store().readPublicView(key, STAMP)).toBe(JSON.stringify({ id: subject.id }));
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

  const rename = (subjectId: string) => (tx: StoreTx) =>
    tx.setCurrentName(subjectId, {
      name: '新名称有限公司',
      lang: 'zh',
      script: 'Hans',
      current: true,
    });

  it('saves no view while a writer of the subject is open, so its commit cannot leave it stale', async () => {
    const subject = makeSubject();
    await store().transaction((tx) => tx.insertSubjects([subject]));
    const key = subject.identifiers[0]!;
    const [written, open] = [gate(), gate()];
    const writer = store().transaction(async (tx) => {
      await rename(subject.id)(tx);
      written.open();
      await open.passed;
    });
    await written.passed;
    try {
      const rendered = await store().renderPublicViews([key], STAMP, render);
      // SQLite: the writer holds the store, nothing is read; PostgreSQL: read, rendered, not saved
      if (rendered)
        expect(rendered.get(identifierKey(key))).toBe(JSON.stringify({ id: subject.id }));
      expect(await store().readPublicView(key, STAMP)).toBeNull();
    } finally {
      open.open();
      await writer;
    }
    expect(await store().readPublicView(key, STAMP)).toBeNull();
  });

  it('makes a writer that comes during a save wait for it, and then clear what it saved', async () => {
    const subject = makeSubject();
    await store().transaction((tx) => tx.insertSubjects([subject]));
    const key = subject.identifiers[0]!;
    const [rendering, held] = [gate(), gate()];
    const saving = store().renderPublicViews([key], STAMP, async (file) => {
      rendering.open();
      await held.passed;
      return render(file);
    });
    await rendering.passed;
    let committed = false;
    const writer = store()
      .transaction(rename(subject.id))
      .then(() => (committed = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const waited = !committed;
    held.open();
    expect((await saving)?.size).toBe(1);
    await writer;
    expect(waited).toBe(true);
    // the view was read before the rename: it must not outlive it
    expect(await store().readPublicView(key, STAMP)).toBeNull();
  });

  it('records a pass for its stamp and keeps only the current day’s', async () => {
    expect(await store().hasViewPass(STAMP)).toBe(false);
    await store().recordViewPass(STAMP, '2026-06-15T08:00:00.000Z');
    expect(await store().hasViewPass(STAMP)).toBe(true);
    expect(await store().hasViewPass({ ...STAMP, catalog: 'c2' })).toBe(false);
    const next = { ...STAMP, asOf: '2026-06-16' };
    await store().recordViewPass(next, '2026-06-16T08:00:00.000Z');
    expect(await store().hasViewPass(next)).toBe(true);
    expect(await store().hasViewPass(STAMP)).toBe(false);
  });
});
