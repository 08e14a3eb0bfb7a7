import type { Database } from 'better-sqlite3';
import {
  JSON_ID_COLUMNS,
  newSubjectIdKey,
  OTHER_ID_COLUMNS,
  REKEY_PAGE,
  rekeyPairs,
  SUBJECT_ID_KEY_NAME,
  SUBJECT_ID_TOKEN,
} from '../subject-rekey.js';

/**
 * Migration 015's step in code, in its transaction: draws the store's key for persons' ids and
 * moves every person whose id is the plain hash of its number to the keyed id, with every row
 * that names it. Subjects get their new row first, the rows that point at them follow, and the
 * old rows go last, so no foreign key is ever broken.
 */
export function rekeySubjectsSqlite(db: Database): void {
  const key = newSubjectIdKey();
  db.prepare('INSERT INTO store_secrets (name, value) VALUES (?, ?)').run(SUBJECT_ID_KEY_NAME, key);
  db.exec('CREATE TEMP TABLE subject_rekey (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL)');
  try {
    mapOldIds(db, key);
    moveSubjects(db);
  } finally {
    db.exec('DROP TABLE temp.subject_rekey');
  }
}

function mapOldIds(db: Database, key: string): void {
  const page = db.prepare(
    `SELECT subject_id, position, scheme, value FROM subject_identifiers
     WHERE (subject_id, position) > (?, ?) ORDER BY subject_id, position LIMIT ?`,
  );
  const add = db.prepare(
    `INSERT OR IGNORE INTO subject_rekey (old_id, new_id)
     SELECT ?, ? WHERE EXISTS (SELECT 1 FROM subjects WHERE id = ?)`,
  );
  let after: [string, number] = ['', -1];
  for (;;) {
    const rows = page.all(...after, REKEY_PAGE) as Array<{
      subject_id: string;
      position: number;
      scheme: string;
      value: string;
    }>;
    const last = rows.at(-1);
    if (!last) return;
    for (const [old, next] of rekeyPairs(key, rows)) add.run(old, next, old);
    after = [last.subject_id, last.position];
  }
}

function moveSubjects(db: Database): void {
  const columns = (table: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  const copied = columns('subjects').filter((c) => c !== 'id');
  db.exec(
    `INSERT INTO subjects (id, ${copied.join(', ')})
     SELECT r.new_id, ${copied.map((c) => `s.${c}`).join(', ')}
     FROM subjects s JOIN subject_rekey r ON r.old_id = s.id`,
  );
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[]
  ).filter((t) => !t.startsWith('search_trigrams') && columns(t).includes('subject_id'));
  for (const [table, column] of [
    ...tables.map((t) => [t, 'subject_id'] as const),
    ...OTHER_ID_COLUMNS,
  ])
    db.exec(
      `UPDATE ${table} SET ${column} = r.new_id FROM subject_rekey r
       WHERE ${table}.${column} = r.old_id`,
    );
  const newId = db.prepare('SELECT new_id FROM subject_rekey WHERE old_id = ?').pluck();
  for (const [table, keyColumn, column] of JSON_ID_COLUMNS) {
    const rows = db
      .prepare(
        `SELECT ${keyColumn} AS k, ${column} AS v FROM ${table} WHERE ${column} LIKE '%sub\\_%' ESCAPE '\\'`,
      )
      .all() as Array<{ k: string | number; v: string }>;
    const update = db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${keyColumn} = ?`);
    for (const { k, v } of rows) {
      const moved = v.replace(
        SUBJECT_ID_TOKEN,
        (id) => (newId.get(id) as string | undefined) ?? id,
      );
      if (moved !== v) update.run(moved, k);
    }
  }
  db.exec('DELETE FROM subjects WHERE id IN (SELECT old_id FROM subject_rekey)');
}
