import { beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { BatchedCounts, rateBatch } from '../../src/http/batched-counts.js';
import { ProcessCounters, type Counters } from '../../src/http/counters.js';
import { LOOKUP_CLEAR_MS, LookupThrottle } from '../../src/http/throttle.js';
import { NOW } from '../support/registry.js';

/** counters kept in the test's memory that pass for shared ones, and count their round trips */
function sharedCounters(clock: Clock) {
  const inner = new ProcessCounters(clock);
  const trips = { add: 0, read: 0 };
  const counters: Counters = {
    kind: 'store',
    add: (key, events, windowMs) => {
      trips.add += 1;
      return inner.add(key, events, windowMs);
    },
    subtract: (key, events, endsAt) => inner.subtract(key, events, endsAt),
    read: (key) => {
      trips.read += 1;
      return inner.read(key);
    },
    close: async () => undefined,
  };
  return { counters, trips };
}

const start = Date.parse(NOW);
let now = start;
const clock: Clock = { now: () => new Date(now) };
beforeEach(() => {
  now = start;
});

describe('the lookup-miss throttle of two processes on shared counters', () => {
  const config = { misses: 3, windowSeconds: 600 };
  const throttled = { code: 'LOOKUP_THROTTLED' };

  it('reads nothing shared for a hit of an address it found without a miss in the last second', async () => {
    const { counters, trips } = sharedCounters(clock);
    const one = new LookupThrottle(config, counters, clock);
    await one.check('a');
    expect(trips.read).toBe(1);
    for (let i = 0; i < 10; i += 1) await one.check('a');
    expect(trips.read).toBe(1);
    now += LOOKUP_CLEAR_MS;
    await one.check('a');
    expect(trips.read).toBe(2);
  });

  it("locks an address within LOOKUP_CLEAR_MS once another process's misses reach the limit", async () => {
    const { counters } = sharedCounters(clock);
    const one = new LookupThrottle(config, counters, clock);
    const two = new LookupThrottle(config, counters, clock);
    await one.check('a');
    for (let i = 0; i < 3; i += 1) {
      await two.check('a');
      await two.miss('a');
    }
    // the process that counted the misses is locked at once
    await expect(two.check('a')).rejects.toMatchObject(throttled);
    // the other one still holds its clear answer, for less than LOOKUP_CLEAR_MS
    now += LOOKUP_CLEAR_MS - 1;
    await one.check('a');
    now += 1;
    await expect(one.check('a')).rejects.toMatchObject(throttled);
    // a locked address is not remembered: every lookup asks again, and waits
    await expect(one.check('a')).rejects.toMatchObject(throttled);
  });

  it("answers at most one more miss of an address locked elsewhere: the miss's count ends its clear answer", async () => {
    const { counters } = sharedCounters(clock);
    const one = new LookupThrottle(config, counters, clock);
    const two = new LookupThrottle(config, counters, clock);
    await one.check('a');
    for (let i = 0; i < 3; i += 1) await two.miss('a');
    await one.check('a'); // still clear here, within the second
    await one.miss('a'); // its count (4) is past the limit: the clear answer is gone
    await expect(one.check('a')).rejects.toMatchObject(throttled);
  });

  it('reads at every lookup of an address with a miss in its window, and locks at the limit', async () => {
    const { counters, trips } = sharedCounters(clock);
    const one = new LookupThrottle(config, counters, clock);
    await one.check('a');
    await one.miss('a');
    await one.check('a');
    await one.check('a');
    expect(trips.read).toBe(3);
    await one.miss('a');
    await one.miss('a');
    await expect(one.check('a')).rejects.toMatchObject(throttled);
  });
});

describe('the request limit counted in batches', () => {
  it('sends a batch once it is full, and holds two processes within workers × batch of the limit', async () => {
    const { counters, trips } = sharedCounters(clock);
    const max = 100;
    const batch = rateBatch(max);
    expect(batch).toBe(5);
    const processes = [
      new BatchedCounts(counters, () => now),
      new BatchedCounts(counters, () => now),
    ];
    let admitted = 0;
    for (let i = 0; i < 300; i += 1) {
      const window = await processes[i % 2]!.add('rate:k', 60_000, batch);
      if (window.count <= max) admitted += 1;
    }
    // a round trip a batch, not a request
    expect(trips.add).toBe(300 / batch);
    expect(trips.read).toBe(0);
    expect(admitted).toBeGreaterThanOrEqual(max);
    expect(admitted).toBeLessThanOrEqual(max + processes.length * batch);
    expect((await counters.read('rate:k'))?.count).toBe(300);
    for (const p of processes) await p.close();
  });

  it('sends what waits in the background, and opens a new window once the shared one closes', async () => {
    const { counters } = sharedCounters(clock);
    const counts = new BatchedCounts(counters, () => now, 5);
    expect(await counts.add('rate:k', 60_000, 10)).toEqual({ count: 1, endsAt: start + 60_000 });
    await counts.add('rate:k', 60_000, 10);
    expect(await counters.read('rate:k')).toBeNull();
    for (let i = 0; i < 100 && !(await counters.read('rate:k')); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await counters.read('rate:k')).toEqual({ count: 2, endsAt: start + 60_000 });
    now += 60_000;
    expect(await counts.add('rate:k', 60_000, 1)).toEqual({ count: 1, endsAt: now + 60_000 });
    await counts.close();
  });

  it('a batch of one is exact: every event is counted in the shared store before it is answered', async () => {
    const { counters } = sharedCounters(clock);
    const processes = [
      new BatchedCounts(counters, () => now),
      new BatchedCounts(counters, () => now),
    ];
    const seen: number[] = [];
    for (let i = 0; i < 6; i += 1)
      seen.push((await processes[i % 2]!.add('rate:k', 60_000, rateBatch(10))).count);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    for (const p of processes) await p.close();
  });
});
