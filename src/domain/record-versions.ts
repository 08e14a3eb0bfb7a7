import type { RecordVersion } from './record.js';

/**
 * The current version of each record as it stood on `date`: the newest version recorded by
 * then, leaving out records revoked by then. `recordedAt` is ISO 8601 in UTC, so its first ten
 * characters are the day it was recorded.
 */
export function currentVersionsOn<
  V extends Pick<RecordVersion, 'recordId' | 'version' | 'action' | 'recordedAt'>,
>(versions: readonly V[], date: string): V[] {
  const newest = new Map<string, V>();
  for (const v of versions) {
    if (v.recordedAt.slice(0, 10) > date) continue;
    const seen = newest.get(v.recordId);
    if (!seen || v.version > seen.version) newest.set(v.recordId, v);
  }
  const current: V[] = [];
  for (const v of newest.values()) if (v.action !== 'revoke') current.push(v);
  return current;
}
