import type { CounterWindow } from '../store/job-store.js';
import { MAX_KEYS, type Counters } from './counters.js';

/** how often a process sends the request limit's local counts to the shared counters */
export const RATE_FLUSH_MS = 100;

/** the most request-limit events a process counts before it sends them: a twentieth of the limit, 1 to 100 */
export const rateBatch = (max: number): number => Math.max(1, Math.min(100, Math.floor(max / 20)));

interface Batched {
  /** the key's count in the shared counters as last heard, this process's sent events included */
  shared: number;
  /** events on their way to the shared counters */
  sending: number;
  /** events counted here and not sent yet */
  pending: number;
  windowMs: number;
  endsAt: number;
  /** the send on its way, if one is */
  flushing: Promise<void> | null;
}

/**
 * The request limit's counts (which fail open: it protects capacity, not persons) kept in the
 * process and sent to the shared counters in the background, every RATE_FLUSH_MS or at once
 * when `batch` events wait, whichever first; a request waits for a send only then. The limit is
 * enforced on the last shared count heard plus the events of this process not in it yet, so
 * each process counts at most `batch` events the others do not see: N processes let at most
 * N × batch requests past the limit in a window. A count that cannot be sent is dropped.
 */
export class BatchedCounts {
  private readonly keys = new Map<string, Batched>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly counters: Counters,
    readonly now: () => number,
    private readonly flushMs = RATE_FLUSH_MS,
    private readonly maxKeys = MAX_KEYS,
  ) {}

  /** counts one event against the key; the count this process knows of and its window */
  async add(key: string, windowMs: number, batch: number): Promise<CounterWindow> {
    const entry = this.entry(key, windowMs);
    entry.pending += 1;
    if (entry.pending >= batch) await this.flush(key, entry);
    else this.schedule();
    return { count: entry.shared + entry.sending + entry.pending, endsAt: entry.endsAt };
  }

  /** the key's count as this process knows it, or null when it knows no running window */
  read(key: string): CounterWindow | null {
    const entry = this.keys.get(key);
    if (!entry || entry.endsAt <= this.now()) return null;
    return { count: entry.shared + entry.sending + entry.pending, endsAt: entry.endsAt };
  }

  /** sends every waiting count (a close sends what is left) */
  async flushAll(): Promise<void> {
    const now = this.now();
    const sends: Array<Promise<void>> = [];
    for (const [key, entry] of this.keys) {
      if (entry.endsAt <= now && !entry.flushing) this.keys.delete(key);
      else if (entry.pending > 0) sends.push(this.flush(key, entry));
    }
    await Promise.all(sends);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushAll();
  }

  /** the key's entry in its running window: one this process opens, until the shared one is heard */
  private entry(key: string, windowMs: number): Batched {
    const now = this.now();
    const entry = this.keys.get(key);
    if (entry && entry.endsAt > now) return entry;
    // a closed window's unsent events belong to no running window: dropped
    this.keys.delete(key);
    for (const [first, other] of this.keys) {
      if (other.endsAt > now && this.keys.size < this.maxKeys) break;
      this.keys.delete(first);
    }
    const opened: Batched = {
      shared: 0,
      sending: 0,
      pending: 0,
      windowMs,
      endsAt: now + windowMs,
      flushing: null,
    };
    this.keys.set(key, opened);
    return opened;
  }

  /** sends the key's waiting events (after the send on its way), and hears the shared count */
  private async flush(key: string, entry: Batched): Promise<void> {
    while (entry.flushing) await entry.flushing;
    if (entry.pending === 0) return;
    const events = entry.pending;
    entry.pending = 0;
    entry.sending = events;
    entry.flushing = this.counters
      .add(key, events, entry.windowMs)
      .then(
        (window) => {
          entry.shared = window.count;
          entry.endsAt = window.endsAt;
        },
        () => undefined, // fails open: the events are not counted
      )
      .then(() => {
        entry.sending = 0;
        entry.flushing = null;
      });
    await entry.flushing;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flushAll();
    }, this.flushMs);
    this.timer.unref();
  }
}
