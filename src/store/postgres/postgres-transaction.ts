import type { Pool, PoolClient } from 'pg';
import { asOutage, outageError } from './postgres-outage.js';

/**
 * Runs `fn` on one pooled client between BEGIN and COMMIT, or ROLLBACK when it throws; a client
 * that cannot roll back is dropped from the pool rather than handed out again. A lost or hung
 * connection is not asked to roll back (the server does when it goes): it is dropped at once.
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw asOutage(error);
  }
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    const outage = outageError(error) ?? (isOutage(error) ? error : null);
    if (outage) broken = outage;
    else await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    // a COMMIT the disk refused is a full disk too
    throw outage ?? asOutage(error);
  } finally {
    client.release(broken);
  }
}

const isOutage = (error: unknown): error is Error =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'STORE_UNAVAILABLE' || error.code === 'REQUEST_TIMEOUT');
