import type { LookupThrottleConfig } from '../config.js';
import type { Clock } from '../domain/clock.js';
import { CredenceError } from '../errors.js';

/** addresses remembered before the ones whose window has ended are swept out */
const SWEEP_AT = 10_000;

interface Window {
  /** when the address's first miss of the window came, in ms */
  start: number;
  misses: number;
}

/**
 * Public lookups that find no subject, counted per client address in a fixed window (SPEC 4.9):
 * past the limit every lookup of the address waits out the window, a hit as much as a miss, so
 * the limit tells nothing of its own. Kept in the process: each server counts its own.
 */
export class LookupThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly config: LookupThrottleConfig,
    private readonly clock: Clock,
  ) {}

  /** LOOKUP_THROTTLED, with the seconds to wait, while the address has used up its misses */
  check(address: string): void {
    const window = this.current(address);
    if (!window || window.misses < this.config.misses) return;
    const left = window.start + this.config.windowSeconds * 1000 - this.clock.now().getTime();
    const retryAfter = Math.max(1, Math.ceil(left / 1000));
    throw new CredenceError(
      'LOOKUP_THROTTLED',
      `too many lookups found no subject; retry in ${retryAfter} s`,
      { retryAfter },
    );
  }

  /** counts a lookup of the address that found no subject */
  miss(address: string): void {
    const window = this.current(address);
    if (window) {
      window.misses += 1;
      return;
    }
    if (this.windows.size >= SWEEP_AT) this.sweep();
    this.windows.set(address, { start: this.clock.now().getTime(), misses: 1 });
  }

  /** the address's window, if one is still running */
  private current(address: string): Window | undefined {
    const window = this.windows.get(address);
    if (!window) return undefined;
    if (this.clock.now().getTime() < window.start + this.config.windowSeconds * 1000) return window;
    this.windows.delete(address);
    return undefined;
  }

  private sweep(): void {
    for (const address of [...this.windows.keys()]) this.current(address);
  }
}
