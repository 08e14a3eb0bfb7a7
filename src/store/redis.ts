import { Redis } from 'ioredis';
import type { CounterStore } from './job-store.js';
import type { WriterPositions } from './store.js';

/**
 * Adds to the running window (ARGV: events, now, windowMs, the end of a window opened now), or
 * opens one: a hash of the count (c) and the end (e, by the server's clock, as the database keeps
 * it). Redis drops the key by its own clock once the window is over; until then the end decides.
 */
const ADD_SCRIPT = `
local ends = redis.call('HGET', KEYS[1], 'e')
if ends and tonumber(ends) > tonumber(ARGV[2]) then
  return {redis.call('HINCRBY', KEYS[1], 'c', ARGV[1]), ends}
end
redis.call('HSET', KEYS[1], 'c', ARGV[1], 'e', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {tonumber(ARGV[1]), ARGV[4]}
`;

/** Takes back (ARGV: events, endsAt) from the window that ends at endsAt, never below 0. */
const SUBTRACT_SCRIPT = `
if redis.call('HGET', KEYS[1], 'e') ~= ARGV[2] then return 0 end
local left = redis.call('HINCRBY', KEYS[1], 'c', -tonumber(ARGV[1]))
if left < 0 then redis.call('HSET', KEYS[1], 'c', 0) end
return 1
`;

type Scripted = Redis & {
  credenceAdd(
    key: string,
    events: number,
    now: number,
    windowMs: number,
    endsAt: number,
  ): Promise<[number, string]>;
  credenceSubtract(key: string, events: number, endsAt: string): Promise<number>;
};

/** A Redis client that never queues a command while it is disconnected: a count fails at once. */
export function redisClient(url: string, onError: (error: Error) => void = () => undefined) {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  let failing = false;
  client.on('error', (error: Error) => {
    // one line an outage, not one a reconnection attempt
    if (!failing) onError(error);
    failing = true;
  });
  client.on('ready', () => (failing = false));
  client.defineCommand('credenceAdd', { numberOfKeys: 1, lua: ADD_SCRIPT });
  client.defineCommand('credenceSubtract', { numberOfKeys: 1, lua: SUBTRACT_SCRIPT });
  return client as Scripted;
}

/**
 * Counts in Redis (CREDENCE_REDIS_URL), each key under `prefix`: every server on the registry
 * counts against the one limit, without a write to the database per count. The window's end is
 * taken from the caller's clock, as the database's counters take it.
 */
export function redisCounterStore(client: Redis, prefix: string): CounterStore {
  const scripted = client as Scripted;
  return {
    async addToCounter(key, events, now, windowMs) {
      const [count, endsAt] = await scripted.credenceAdd(
        prefix + key,
        events,
        now,
        windowMs,
        now + windowMs,
      );
      return { count: Number(count), endsAt: Number(endsAt) };
    },
    async subtractFromCounter(key, events, endsAt) {
      await scripted.credenceSubtract(prefix + key, events, String(endsAt));
    },
    async readCounter(key, now) {
      const [count, endsAt] = await client.hmget(prefix + key, 'c', 'e');
      if (count === null || endsAt === null || Number(endsAt) <= now) return null;
      return { count: Number(count), endsAt: Number(endsAt) };
    },
  };
}

/**
 * The clients' last write positions in Redis (read-your-writes with hot standbys under several
 * processes): a key a client, dropped by Redis once the lag bound has passed.
 */
export function redisWriterPositions(client: Redis, prefix: string): WriterPositions {
  return {
    async put(id, lsn, forMs) {
      await client.set(`${prefix}writer:${id}`, lsn.toString(), 'PX', forMs);
    },
    async get(id) {
      const [[, lsn], [, leftMs]] = (await client
        .multi()
        .get(`${prefix}writer:${id}`)
        .pttl(`${prefix}writer:${id}`)
        .exec()) as [[unknown, string | null], [unknown, number]];
      return lsn === null || leftMs <= 0 ? null : { lsn: BigInt(lsn), leftMs };
    },
  };
}
