import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { onAdmin, PG_ADMIN_URL } from '../support/backends.js';

/**
 * Saved public views are cleared by triggers through public_views_clear(ids). The ratings
 * trigger passes ids taken from a `COLLATE "C"` column, and a parameter takes its argument's
 * collation: compared under "C", `subject_id = ANY (ids)` could not use the index of
 * public_views (default collation), so every published rating scanned every saved view, and a
 * rating run's cost grew with the square of the store.
 */
describe('clearing saved public views on PostgreSQL', () => {
  const database = `credence_test_clear_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let client: pg.Client;

  beforeAll(async () => {
    await onAdmin(`CREATE DATABASE ${database}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${database}`;
    const store = await PostgresStore.connect(url.toString());
    await store.migrate();
    await store.close();
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
  });

  async function scans(): Promise<{ seq: number; idx: number }> {
    const { rows } = await client.query<{ seq: string; idx: string }>(
      `SELECT seq_scan AS seq, idx_scan AS idx FROM pg_stat_xact_user_tables
        WHERE relname = 'public_views'`,
    );
    return { seq: Number(rows[0]!.seq), idx: Number(rows[0]!.idx) };
  }

  afterAll(async () => {
    await client?.end();
    await onAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it.each(['C', 'default'])('finds the views by index for ids collated %s', async (collation) => {
    await client.query('BEGIN');
    try {
      // a seq scan is then taken only where the index cannot answer the comparison
      await client.query('SET LOCAL enable_seqscan = off');
      // the transaction's counters may still hold a previous one's (flushed lazily): a delta
      const before = await scans();
      await client.query(
        `SELECT public_views_clear(ARRAY['sub_a', 'sub_b']::text[] COLLATE "${collation}")`,
      );
      const after = await scans();
      expect(after.seq - before.seq).toBe(0);
      expect(after.idx - before.idx).toBeGreaterThan(0);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});
