import { createHash } from 'node:crypto';
import type { Catalog } from '../domain/catalog.js';

const fingerprints = new WeakMap<Catalog, string>();

/** maps and sets as arrays of their entries, in insertion order: JSON would write `{}` */
const entries = (_key: string, value: unknown): unknown =>
  value instanceof Map || value instanceof Set ? [...value] : value;

/**
 * A short hash of everything a catalog holds, its id and version included: what was computed
 * under one catalog is known stale under any other, even one edited without a version bump.
 * Computed once per loaded catalog.
 */
export function catalogFingerprint(catalog: Catalog): string {
  let fingerprint = fingerprints.get(catalog);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256')
      .update(JSON.stringify(catalog, entries))
      .digest('hex')
      .slice(0, 16);
    fingerprints.set(catalog, fingerprint);
  }
  return fingerprint;
}
