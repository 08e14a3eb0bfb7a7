import type { Pool, PoolClient } from 'pg';

/**
 * Runs `fn` on one pooled client between BEGIN and COMMIT, or ROLLBACK when it throws; a client
 * that cannot roll back is dropped from the pool rather than handed out again.
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}
