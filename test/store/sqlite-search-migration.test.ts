import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateSqlite, migrationFiles } from '../../src/store/sqlite/sqlite-migrate.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { searchKeyRows } from '../../src/store/search-keys.js';
import { makeSubject } from '../support/factories.js';

const MIGRATIONS = new URL('../../src/store/sqlite/migrations/', import.meta.url);

describe('the clustering of SQLite search keys (migration 011)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('carries the keys of a store indexed before, exact and fuzzy, into the new tables', async () => {
    dir = mkdtempSync(join(tmpdir(), 'credence-migrate-'));
    // a store as it stood before 011, with a subject indexed the old way
    const before = join(dir, 'before');
    cpSync(MIGRATIONS, before, { recursive: true });
    for (const f of migrationFiles(MIGRATIONS).filter((m) => m.name >= '011')) {
      rmSync(join(before, f.name));
    }
    const file = join(dir, 'credence.db');
    const db = new Database(file);
    migrateSqlite(db, pathToFileURL(`${before}/`));
    const subject = makeSubject({
      names: [
        { name: '北京小米科技有限责任公司', lang: 'zh', script: 'Hans', current: true },
        { name: 'Beijing Xiaomi Technology Co., Ltd.', lang: 'en', script: 'Latn', current: true },
      ],
    });
    db.prepare('INSERT INTO subjects (id, kind, region, created_at) VALUES (?, ?, ?, ?)').run(
      subject.id,
      subject.kind,
      subject.region,
      subject.createdAt,
    );
    const rows = searchKeyRows([subject]);
    const insert = db.prepare(
      'INSERT INTO search_keys (subject_id, kind, key, fuzzy) VALUES (?, ?, ?, ?)',
    );
    for (const r of rows) insert.run(r.subjectId, r.kind, r.key, r.fuzzy ? 1 : 0);
    db.close();

    const store = SqliteStore.open(file);
    try {
      await store.migrate();
      const exact = await store.matchSearchKeys(['xiaomikeji'], {}, 10);
      expect(exact.map((k) => k.subjectId)).toEqual([subject.id]);
      const fuzzy = rows.filter((r) => r.fuzzy);
      expect(fuzzy.length).toBeGreaterThan(0);
      // a typo'd Latin form is found through the trigram index rebuilt over search_fuzzy
      const found = await store.fragmentSearchKeys([['xiaomi']], 30, {}, 10);
      expect(found.map((k) => k.subjectId)).toContain(subject.id);
    } finally {
      await store.close();
    }
  });
});
