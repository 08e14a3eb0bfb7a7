import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import {
  failingClosed,
  ProcessCounters,
  sharedCounters,
  type Counters,
} from '../../src/http/counters.js';
import { redisClient, redisCounterStore } from '../../src/store/redis.js';
import { BACKENDS } from '../support/backends.js';
import { dropRedisKeys, REDIS_URL, redisTestPrefix } from '../support/redis.js';
import { BEIJING_FIRM, NOW, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

/** a port nothing listens on: a Redis that cannot be reached */
const NO_REDIS = 'redis://127.0.0.1:1';

interface Opened {
  counters: Counters;
  close: () => Promise<void>;
}

/** Every kind of counters, each on a clock the test moves. */
const KINDS: Array<{ name: string; open: (clock: Clock) => Promise<Opened> }> = [
  {
    name: 'the process',
    open: async (clock) => ({ counters: new ProcessCounters(clock), close: async () => undefined }),
  },
  ...BACKENDS.map((backend) => ({
    name: `the database on ${backend.name}`,
    open: async (clock: Clock) => {
      const opened = await backend.open();
      return { counters: sharedCounters('store', opened.store, clock), close: opened.cleanup };
    },
  })),
  {
    name: 'Redis',
    open: async (clock) => {
      const prefix = redisTestPrefix();
      const client = redisClient(REDIS_URL);
      await client.connect();
      const counters = sharedCounters('redis', redisCounterStore(client, prefix), clock, () =>
        client.disconnect(),
      );
      return {
        counters,
        close: async () => {
          await counters.close();
          await dropRedisKeys(prefix);
        },
      };
    },
  },
];

describe.each(KINDS)('counters in $name', (kind) => {
  const start = Date.parse(NOW);
  let now = start;
  const clock: Clock = { now: () => new Date(now) };
  let opened: Opened;
  beforeEach(async () => {
    now = start;
    opened = await kind.open(clock);
  });
  afterEach(async () => opened.close());

  it('counts per key in a window, and opens a new one once it has closed', async () => {
    const { counters } = opened;
    expect(await counters.read('a')).toBeNull();
    expect(await counters.add('a', 1, 60_000)).toEqual({ count: 1, endsAt: start + 60_000 });
    now += 59_999;
    expect(await counters.add('a', 2, 60_000)).toEqual({ count: 3, endsAt: start + 60_000 });
    expect(await counters.add('b', 1, 60_000)).toEqual({ count: 1, endsAt: now + 60_000 });
    expect(await counters.read('a')).toEqual({ count: 3, endsAt: start + 60_000 });
    now += 1;
    expect(await counters.read('a')).toBeNull();
    expect(await counters.add('a', 1, 60_000)).toEqual({ count: 1, endsAt: now + 60_000 });
  });

  it('takes events back from the window they were counted in only, never below none', async () => {
    const { counters } = opened;
    const first = await counters.add('q', 5, 60_000);
    await counters.subtract('q', 2, first.endsAt);
    expect((await counters.read('q'))?.count).toBe(3);
    await counters.subtract('q', 10, first.endsAt);
    expect((await counters.read('q'))?.count).toBe(0);
    now += 60_000;
    const second = await counters.add('q', 4, 60_000);
    // a late take-back of the closed window leaves the new one alone
    await counters.subtract('q', 4, first.endsAt);
    expect(await counters.read('q')).toEqual({ count: 4, endsAt: second.endsAt });
    // nothing counted: nothing to take back, no window opened
    await counters.subtract('none', 1, second.endsAt);
    expect(await counters.read('none')).toBeNull();
  });

  it('counts concurrent additions atomically: each sees a count of its own', async () => {
    const { counters } = opened;
    const windows = await Promise.all(
      Array.from({ length: 50 }, () => counters.add('c', 1, 60_000)),
    );
    expect(windows.map((w) => w.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect((await counters.read('c'))?.count).toBe(50);
  });
});

describe('counters that cannot be reached', () => {
  it('fail closed: a count that cannot be read or written is COUNTER_UNAVAILABLE, not a pass', async () => {
    const failures: unknown[] = [];
    const [backend] = BACKENDS;
    const opened = await backend!.open();
    const counters = failingClosed(
      sharedCounters('store', opened.store, { now: () => new Date(NOW) }),
      (error) => failures.push(error),
    );
    await opened.cleanup();
    const unavailable = { code: 'COUNTER_UNAVAILABLE', detail: { retryAfter: 5 } };
    await expect(counters.read('a')).rejects.toMatchObject(unavailable);
    await expect(counters.add('a', 1, 60_000)).rejects.toMatchObject(unavailable);
    // logged once, not once a request
    expect(failures).toHaveLength(1);
  });

  describe.each(BACKENDS)('a server on $name whose Redis is down', (backend) => {
    let world: ApiWorld;
    let opened: Awaited<ReturnType<typeof backend.open>>;
    beforeEach(async () => {
      opened = await backend.open();
      world = await apiWorld(opened.store, {
        rateLimit: 100,
        screeningQueries: 100,
        lookupThrottle: { misses: 3, windowSeconds: 600 },
        authThrottle: { failures: 3, windowSeconds: 300 },
        redis: { url: NO_REDIS, prefix: 'credence-test-down:' },
      });
    });
    afterEach(async () => {
      await world.app.close();
      await opened.cleanup();
    });

    it('refuses public lookups, sign-ins and screening (503, Retry-After), and answers the rest', async () => {
      const refused = async (res: Awaited<ReturnType<typeof world.app.inject>>) => {
        expect(res.statusCode, res.body).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(json<{ error: { code: string } }>(res).error.code).toBe('COUNTER_UNAVAILABLE');
      };
      const inject = world.app.inject.bind(world.app);
      // a person's lookup, a hit or a miss, is never answered without its count
      await refused(await inject({ url: `/v1/subjects/${PERSON}?name=张三` }));
      await refused(await inject({ url: `/v1/subjects/${PERSON}?name=李四` }));
      await refused(await inject({ url: `/v1/subjects/${BEIJING_FIRM}/representatives` }));
      await refused(await inject({ url: '/v1/me', headers: auth('cred_guess.wrong') }));
      await refused(await inject({ url: '/v1/me', headers: auth(world.keys.inquirer) }));
      await refused(
        await inject({
          method: 'POST',
          url: '/v1/screening',
          headers: auth(world.keys.inquirer),
          payload: { queries: [{ name: '北京测试科技有限公司' }] },
        }),
      );
      // what no throttle guards goes on: the request limit does not fail closed
      expect((await inject({ url: '/v1/catalog' })).statusCode).toBe(200);
    });
  });
});
