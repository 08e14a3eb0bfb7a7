import type { Store } from '../../src/store/store.js';

/** The error a crash injected by `crashAfterCommit` throws. */
export class InjectedCrash extends Error {
  constructor() {
    super('injected crash after a commit');
  }
}

/**
 * The store as a process sees it that dies right after a commit: once armed, the next
 * transaction commits, and from then on every call fails as if the process were gone, until
 * `revive` (the client's retry, or a restart). Deterministic: no timing involved.
 */
export function crashAfterCommit(store: Store) {
  let armed = false;
  let dead = false;
  const sut = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function' || prop === 'close') return value;
      return (...args: unknown[]) => {
        if (dead) return Promise.reject(new InjectedCrash());
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (prop !== 'transaction' || !armed) return result;
        return (result as Promise<unknown>).then((committed) => {
          armed = false;
          dead = true;
          return committed;
        });
      };
    },
  });
  return {
    store: sut,
    arm: () => void (armed = true),
    revive: () => void (dead = false),
  };
}
