import { randomBytes } from 'node:crypto';
import { redisClient } from '../../src/store/redis.js';

/** The Redis the tests count in (it runs wherever the tests do, as PostgreSQL does). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of a test's own in the shared Redis. */
export const redisTestPrefix = (): string =>
  `credence-test:${process.pid}:${randomBytes(4).toString('hex')}:`;

/** Removes every key under a test's (or a benchmark's) prefix. */
export async function dropRedisKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const client = redisClient(url);
  await client.connect();
  try {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
