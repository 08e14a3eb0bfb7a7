import type { FastifyBaseLogger } from 'fastify';
import { isCredenceError } from '../errors.js';

/** Seconds a client is told to wait when the store is out of reach or busy. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Codes that say the store (or the one of the request counters), not the request, failed:
 * answered 503 with Retry-After.
 */
export const STORE_OUTAGE_CODES = new Set([
  'STORE_UNAVAILABLE',
  'STORE_BUSY',
  'STORE_DISK_FULL',
  'REQUEST_TIMEOUT',
  'COUNTER_UNAVAILABLE',
]);

/** an outage the store's own probe follows (a busy store is not out, the counters log their own) */
export const isStoreOutage = (error: unknown): boolean =>
  isCredenceError(error) &&
  STORE_OUTAGE_CODES.has(error.code) &&
  error.code !== 'STORE_BUSY' &&
  error.code !== 'COUNTER_UNAVAILABLE';

/**
 * One log line per change of the store's state (issue 17), not a stack per request: the first
 * request that finds the store out of reach logs it, a probe then looks every few seconds and
 * logs once when it answers again.
 */
export class StoreOutageLog {
  private down = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly probe: () => Promise<unknown>,
    private readonly intervalMs = 2000,
  ) {}

  /** a request found the store out of reach (or hung) */
  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const detail = isCredenceError(error) ? error.detail.cause : undefined;
    this.log.error(
      { code: isCredenceError(error) ? error.code : undefined, cause: detail },
      'store unavailable: requests answer 503 until it is back',
    );
    this.timer = setInterval(() => void this.look(), this.intervalMs);
    this.timer.unref();
  }

  private async look(): Promise<void> {
    try {
      await this.probe();
    } catch {
      return;
    }
    if (!this.down) return;
    this.down = false;
    clearInterval(this.timer);
    this.log.warn('store available again');
  }

  close(): void {
    clearInterval(this.timer);
  }
}
