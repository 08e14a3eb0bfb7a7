import { GENESIS_HASH, type AuditEntry, type NewAuditEntry } from '../src/domain/audit.js';
import type { Store, StoreTx } from '../src/store/store.js';

/**
 * The audit benchmark's store wrapper, the same in both modes: every transaction runs in a
 * real `store.transaction` on the real StoreTx, and only `appendAudit` differs. Audited, it
 * is forwarded (and timed); baseline, it returns a stub entry and writes nothing. This lives
 * in the benchmark only: the application has no way to turn auditing off.
 */
export type AuditMode = 'audited' | 'baseline';

export interface AuditTally {
  /** appendAudit calls, and the time spent in the forwarded ones */
  calls: number;
  seconds: number;
  /** time spent in store.transaction calls, from the call to the commit */
  txSeconds: number;
}

/** A proxy whose methods are the target's, bound to it, except the ones `own` names. */
function overriding<T extends object>(target: T, own: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.hasOwn(own, prop)) return own[prop as keyof T];
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

function stubEntry(entry: NewAuditEntry): AuditEntry {
  return { seq: 0, ...entry, prevHash: GENESIS_HASH, hash: GENESIS_HASH };
}

export function auditWrapped(store: Store, mode: AuditMode, tally: AuditTally): Store {
  const wrapTx = (tx: StoreTx): StoreTx =>
    overriding(tx, {
      async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
        tally.calls += 1;
        if (mode === 'baseline') return stubEntry(entry);
        const started = performance.now();
        try {
          return await tx.appendAudit(entry);
        } finally {
          tally.seconds += (performance.now() - started) / 1000;
        }
      },
    });
  return overriding(store, {
    async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await store.transaction((tx) => fn(wrapTx(tx)));
      } finally {
        tally.txSeconds += (performance.now() - started) / 1000;
      }
    },
  });
}
