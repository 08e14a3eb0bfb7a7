import { Readable } from 'node:stream';
import { recordValues } from '../src/store/record-values.js';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Subject } from '../src/domain/subject.js';
import { copyValue, RECORD_COLUMN_LIST } from '../src/store/postgres/postgres-rows.js';
import {
  RECORD_COLUMNS as SQLITE_RECORD_COLUMNS,
  recordTuple,
} from '../src/store/sqlite/sqlite-rows.js';
import { baselineRows, type BaselineRow } from './baseline-rows.js';

/**
 * Baselines: the same subjects and records stored the barest way each database allows,
 * into the same (migrated) schema. The import is measured against these.
 */

/** SQLite: bare prepared statements, one transaction per batch. */
export async function sqliteBaseline(
  file: string,
  dbPath: string,
  batchSize: number,
  at: string,
  synchronous: 'NORMAL' | 'FULL' = 'NORMAL',
): Promise<number> {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  const columns = SQLITE_RECORD_COLUMNS;
  const insertRecord = db.prepare(
    `INSERT INTO record_versions (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const insertSubject = db.prepare(
    'INSERT OR IGNORE INTO subjects (id, kind, region, created_at) VALUES (?, ?, ?, ?)',
  );
  const insertId = db.prepare(
    'INSERT OR IGNORE INTO subject_identifiers (subject_id, position, scheme, value) VALUES (?, 0, ?, ?)',
  );
  const insertName = db.prepare(
    'INSERT OR IGNORE INTO subject_names (subject_id, position, name, lang, script, current) VALUES (?, 0, ?, ?, ?, 1)',
  );
  let rows = 0;
  let batch: BaselineRow[] = [];
  const write = db.transaction((items: typeof batch) => {
    for (const { subject: s, record } of items) {
      if (insertSubject.run(s.id, s.kind, s.region, s.createdAt).changes > 0) {
        insertId.run(s.id, s.identifiers[0]!.scheme, s.identifiers[0]!.value);
        insertName.run(s.id, s.names[0]!.name, s.names[0]!.lang, s.names[0]!.script);
      }
      insertRecord.run(...recordTuple(record));
    }
  });
  for await (const row of baselineRows(file, at)) {
    batch.push(row);
    rows += 1;
    if (batch.length >= batchSize) {
      write(batch);
      batch = [];
    }
  }
  write(batch);
  db.close();
  return rows;
}

const copyLine = (values: ReadonlyArray<string | number | boolean | null>) =>
  values.map((v) => copyValue(typeof v === 'boolean' ? (v ? 't' : 'f') : v)).join('\t') + '\n';

/** PostgreSQL: one bare COPY per table in one transaction (subjects gathered first, as foreign keys need). */
export async function postgresBaseline(file: string, url: string, at: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const subjects = new Map<string, Subject>();
  for await (const { subject } of baselineRows(file, at))
    if (!subjects.has(subject.id)) subjects.set(subject.id, subject);
  const copy = async (sql: string, lines: Iterable<string> | AsyncIterable<string>) =>
    pipeline(Readable.from(lines), client.query(copyFrom(sql)));
  let rows = 0;
  await client.query('BEGIN');
  await copy(
    'COPY subjects (id, kind, region, created_at) FROM STDIN',
    [...subjects.values()].map((s) => copyLine([s.id, s.kind, s.region, s.createdAt])),
  );
  await copy(
    'COPY subject_identifiers (subject_id, position, scheme, value) FROM STDIN',
    [...subjects.values()].map((s) =>
      copyLine([s.id, 0, s.identifiers[0]!.scheme, s.identifiers[0]!.value]),
    ),
  );
  await copy(
    'COPY subject_names (subject_id, position, name, lang, script, current) FROM STDIN',
    [...subjects.values()].map((s) => copyLine([s.id, 0, s.names[0]!.name, 'zh', 'Hans', true])),
  );
  subjects.clear();
  await copy(
    `COPY record_versions (${RECORD_COLUMN_LIST}) FROM STDIN`,
    (async function* () {
      let chunk = '';
      for await (const { record } of baselineRows(file, at)) {
        rows += 1;
        chunk += copyLine(recordValues(record));
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    })(),
  );
  await client.query('COMMIT');
  await client.end();
  return rows;
}
