import type { Store, StoreTx } from '../../src/store/store.js';

/** The error a crash injected by `crashAfterCommit` throws. */
export class InjectedCrash extends Error {
  constructor() {
    super('injected crash after a commit');
  }
}

/**
 * The store as a process sees it that dies right after a commit: once armed, the next
 * transaction commits (the next `commits`, when given), and from then on every call fails as if
 * the process were gone, until `revive` (the client's retry, or a restart). Deterministic: no
 * timing involved.
 */
export function crashAfterCommit(store: Store) {
  let armed = 0;
  let dead = false;
  const sut = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || prop === 'close') return value;
      return (...args: unknown[]) => {
        if (dead) return Promise.reject(new InjectedCrash());
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (prop !== 'transaction' || armed === 0) return result;
        return (result as Promise<unknown>).then((committed) => {
          armed -= 1;
          if (armed === 0) dead = true;
          return committed;
        });
      };
    },
  });
  return {
    store: sut,
    arm: (commits = 1) => void (armed = commits),
    revive: () => void (dead = false),
  };
}

/**
 * The store with a meeting point inside every transaction: each waits after its first
 * `findSubjects` (the look-up of subjects by identifier) until `n` have got there (or none has arrived for `quietMs`: on SQLite they run
 * one at a time), so that concurrent writers all look before any of them writes.
 */
export function meetAfterFirstLookup(store: Store, n: number, quietMs = 1000): Store {
  return meetAfterFirst('findSubjects', store, n, quietMs);
}

/** As `meetAfterFirstLookup`, after the first look-up of record heads (by source reference). */
export function meetAfterFirstHeads(store: Store, n: number, quietMs = 1000): Store {
  return meetAfterFirst('findRecordHeads', store, n, quietMs);
}

function meetAfterFirst(method: keyof StoreTx, store: Store, n: number, quietMs: number): Store {
  let arrived = 0;
  let release: () => void = () => undefined;
  let quiet: NodeJS.Timeout | undefined;
  const met = new Promise<void>((resolve) => (release = resolve));
  const meet = (): Promise<void> => {
    arrived += 1;
    clearTimeout(quiet);
    if (arrived >= n) release();
    else quiet = setTimeout(release, quietMs);
    return met;
  };
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop !== 'transaction') return typeof value === 'function' ? value.bind(target) : value;
      return <T>(fn: (tx: StoreTx) => Promise<T>) =>
        target.transaction((tx) => {
          let first = true;
          const watched = new Proxy(tx, {
            get(t, p) {
              const v: unknown = Reflect.get(t, p, t);
              if (typeof v !== 'function') return v;
              if (p !== method) return v.bind(t);
              return async (...args: unknown[]) => {
                const found: unknown = await (v as (...a: unknown[]) => Promise<unknown>).apply(
                  t,
                  args,
                );
                if (first) {
                  first = false;
                  await meet();
                }
                return found;
              };
            },
          });
          return fn(watched);
        });
    },
  });
}
