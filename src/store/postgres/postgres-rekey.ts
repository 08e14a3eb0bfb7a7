import type { PoolClient } from 'pg';
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
export async function rekeySubjectsPostgres(client: PoolClient): Promise<void> {
  const key = newSubjectIdKey();
  await client.query('INSERT INTO store_secrets (name, value) VALUES ($1, $2)', [
    SUBJECT_ID_KEY_NAME,
    key,
  ]);
  await client.query(
    'CREATE TEMP TABLE subject_rekey (old_id text PRIMARY KEY, new_id text NOT NULL) ON COMMIT DROP',
  );
  await mapOldIds(client, key);
  await moveSubjects(client);
}

async function mapOldIds(client: PoolClient, key: string): Promise<void> {
  let after: [string, number] = ['', -1];
  for (;;) {
    const { rows } = await client.query<{
      subject_id: string;
      position: number;
      scheme: string;
      value: string;
    }>(
      `SELECT subject_id, position, scheme, value FROM subject_identifiers
       WHERE (subject_id, position) > ($1, $2) ORDER BY subject_id, position LIMIT $3`,
      [...after, REKEY_PAGE],
    );
    const last = rows.at(-1);
    if (!last) return;
    const pairs = rekeyPairs(key, rows);
    await client.query(
      `INSERT INTO subject_rekey (old_id, new_id)
       SELECT p.old_id, p.new_id FROM unnest($1::text[], $2::text[]) AS p (old_id, new_id)
       WHERE EXISTS (SELECT 1 FROM subjects WHERE id = p.old_id)
       ON CONFLICT (old_id) DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    after = [last.subject_id, last.position];
  }
}

async function moveSubjects(client: PoolClient): Promise<void> {
  const columnsOf = async (column: string | null, table: string | null) =>
    (
      await client.query<{ table_name: string; column_name: string }>(
        `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND ($1::text IS NULL OR c.column_name = $1) AND ($2::text IS NULL OR c.table_name = $2)
         ORDER BY c.table_name, c.ordinal_position`,
        [column, table],
      )
    ).rows;
  const copied = (await columnsOf(null, 'subjects'))
    .map((c) => c.column_name)
    .filter((c) => c !== 'id');
  await client.query(
    `INSERT INTO subjects (id, ${copied.join(', ')})
     SELECT r.new_id, ${copied.map((c) => `s.${c}`).join(', ')}
     FROM subjects s JOIN subject_rekey r ON r.old_id = s.id`,
  );
  const owned = (await columnsOf('subject_id', null)).map(
    (c) => [c.table_name, 'subject_id'] as const,
  );
  for (const [table, column] of [...owned, ...OTHER_ID_COLUMNS])
    await client.query(
      `UPDATE ${table} SET ${column} = r.new_id FROM subject_rekey r
       WHERE ${table}.${column} = r.old_id`,
    );
  for (const [table, keyColumn, column] of JSON_ID_COLUMNS) {
    const { rows } = await client.query<{ k: string | number; v: string }>(
      `SELECT ${keyColumn} AS k, ${column}::text AS v FROM ${table} WHERE ${column}::text LIKE '%sub\\_%'`,
    );
    for (const { k, v } of rows) {
      const ids = [...new Set(v.match(SUBJECT_ID_TOKEN) ?? [])];
      const mapped = new Map(
        (
          await client.query<{ old_id: string; new_id: string }>(
            'SELECT old_id, new_id FROM subject_rekey WHERE old_id = ANY ($1)',
            [ids],
          )
        ).rows.map((r) => [r.old_id, r.new_id]),
      );
      const moved = v.replace(SUBJECT_ID_TOKEN, (id) => mapped.get(id) ?? id);
      if (moved !== v)
        await client.query(`UPDATE ${table} SET ${column} = $1 WHERE ${keyColumn} = $2`, [
          moved,
          k,
        ]);
    }
  }
  await client.query('DELETE FROM subjects WHERE id IN (SELECT old_id FROM subject_rekey)');
}
