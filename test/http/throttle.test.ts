import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { MAX_KEYS, ProcessCounters, WindowCounter } from '../../src/http/counters.js';
import { LookupThrottle, SignInThrottle } from '../../src/http/throttle.js';
import { NOW } from '../support/registry.js';

describe('WindowCounter', () => {
  it('counts per key within a window and starts again once it closes', () => {
    let now = 0;
    const sut = new WindowCounter(60_000, () => now);
    sut.add('a');
    sut.add('a');
    expect(sut.count('a')).toEqual({ count: 2, secondsLeft: 60 });
    now = 59_001;
    expect(sut.count('a')).toEqual({ count: 2, secondsLeft: 1 });
    now = 60_000;
    expect(sut.count('a')).toEqual({ count: 0, secondsLeft: 0 });
    sut.add('a');
    expect(sut.count('a')).toEqual({ count: 1, secondsLeft: 60 });
  });

  it('holds at most its cap of keys, dropping closed windows first, then the oldest open one', () => {
    let now = 0;
    const sut = new WindowCounter(1000, () => now, 3);
    sut.add('a');
    now = 10;
    sut.add('b');
    sut.add('c');
    sut.add('d');
    expect(sut.size).toBe(3);
    expect(sut.count('a').count).toBe(0);
    expect(sut.count('d').count).toBe(1);
    now = 1005;
    sut.add('e');
    // b, c, d closed at 1010: still held, e makes the fourth, and the oldest goes
    expect(sut.size).toBe(3);
    now = 1010;
    sut.add('f');
    expect(sut.size).toBe(2);
  });
});

/** Counts one event from each of 1.5 times MAX_KEYS addresses in one window; answers the keys held. */
const floods = {
  LookupThrottle: async () => {
    const counters = new ProcessCounters(fixedClock(NOW));
    const sut = new LookupThrottle({ misses: 10, windowSeconds: 600 }, counters, fixedClock(NOW));
    for (let i = 0; i < MAX_KEYS * 1.5; i += 1) await sut.miss(`10.${i}`);
    return counters.size;
  },
  SignInThrottle: async () => {
    const counters = new ProcessCounters(fixedClock(NOW));
    const sut = new SignInThrottle({ failures: 20, windowSeconds: 300 }, counters, fixedClock(NOW));
    for (let i = 0; i < MAX_KEYS * 1.5; i += 1) await sut.fail([`ip:10.${i}`]);
    return counters.size;
  },
};

describe.each(Object.entries(floods))('%s under a flood of distinct addresses', (_name, flood) => {
  it(`stays bounded at ${MAX_KEYS} keys, all within one window`, async () => {
    expect(await flood()).toBe(MAX_KEYS);
  });
});
