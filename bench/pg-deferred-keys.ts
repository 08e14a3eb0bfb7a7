/**
 * A bulk load's deferred keys on PostgreSQL (the growth benchmark's `--bulk` build): the
 * secondary indexes, unique constraints and foreign keys of the tables a build fills are
 * dropped before it and made again after it, as an operator loads a large first batch. Each
 * row of such a table otherwise pays a dozen random index inserts and a foreign-key lookup.
 * Primary keys stay: other tables' foreign keys and the change feed's head read through them.
 *
 * What was dropped is kept in the store (`bench_deferred_keys`) before it is dropped, in the
 * same transaction, so a build killed half-way leaves the recipe behind, and the next run
 * restores the keys first. Each key is made again in its own transaction with its row's
 * deletion, so a restore killed half-way resumes where it stopped. A key that no longer holds
 * (a duplicate the generator made) fails its restore loudly: nothing is assumed.
 */
import pg from 'pg';

/** the tables a build fills with a row or more a subject */
const BULK_TABLES = [
  'subjects',
  'subject_identifiers',
  'subject_names',
  'search_keys',
  'record_versions',
];

// in restore order: plain indexes, then unique constraints (their own index), then foreign keys
const RECIPE = `
  SELECT 1 AS step, indexdef AS make, format('DROP INDEX %I', indexname) AS drop
    FROM pg_indexes i
   WHERE schemaname = current_schema() AND tablename = ANY($1::text[])
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                      WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
  UNION ALL
  SELECT CASE contype WHEN 'u' THEN 2 ELSE 3 END,
         format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname,
                pg_get_constraintdef(oid)),
         format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname)
    FROM pg_constraint
   WHERE contype IN ('u', 'f') AND conrelid::regclass::text = ANY($1::text[])
  ORDER BY 1, 2`;

async function withClient<T>(db: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops the bulk tables' secondary keys, keeping how to make them again; returns how many. */
export function deferKeys(db: string): Promise<number> {
  return withClient(db, async (c) => {
    await restoreWith(c);
    await c.query('BEGIN');
    try {
      await c.query(
        'CREATE TABLE bench_deferred_keys (id serial PRIMARY KEY, step int NOT NULL, make text NOT NULL)',
      );
      const { rows } = await c.query<{ step: number; make: string; drop: string }>(RECIPE, [
        BULK_TABLES,
      ]);
      for (const r of rows) {
        await c.query('INSERT INTO bench_deferred_keys (step, make) VALUES ($1, $2)', [
          r.step,
          r.make,
        ]);
      }
      // foreign keys first, then what they might lean on
      for (const r of [...rows].reverse()) await c.query(r.drop);
      await c.query('COMMIT');
      return rows.length;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  });
}

/** Makes again every key a bulk load deferred (none if none was); returns how many. */
export function restoreKeys(db: string): Promise<number> {
  return withClient(db, restoreWith);
}

async function restoreWith(c: pg.Client): Promise<number> {
  const { rows: kept } = await c.query<{ table: string | null }>(
    "SELECT to_regclass('bench_deferred_keys')::text AS table",
  );
  if (!kept[0]?.table) return 0;
  // an index build sorts in memory and may use the other core
  await c.query("SET maintenance_work_mem = '2GB'");
  await c.query('SET max_parallel_maintenance_workers = 2');
  const { rows } = await c.query<{ id: number; make: string }>(
    'SELECT id, make FROM bench_deferred_keys ORDER BY step, id',
  );
  for (const r of rows) {
    const started = performance.now();
    await c.query('BEGIN');
    try {
      await c.query(r.make);
      await c.query('DELETE FROM bench_deferred_keys WHERE id = $1', [r.id]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw new Error(`restoring a deferred key failed: ${r.make}: ${(e as Error).message}`);
    }
    process.stderr.write(
      `    restored in ${((performance.now() - started) / 1000).toFixed(1)} s: ${r.make}\n`,
    );
  }
  await c.query('DROP TABLE bench_deferred_keys');
  return rows.length;
}
