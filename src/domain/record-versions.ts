import type { RecordVersion } from './record.js';

/**
 * The current version of each record as it stood on `date`: the newest version recorded by
 * then, leaving out records revoked by then. `recordedAt` is ISO 8601 in UTC, so its first ten
 * characters are the day it was recorded.
 */
export function currentVersionsOn(
  versions: readonly RecordVersion[],
  date: string,
): RecordVersion[] {
  const newest = new Map<string, RecordVersion>();
  for (const v of versions) {
    if (v.recordedAt.slice(0, 10) > date) continue;
    const seen = newest.get(v.recordId);
    if (!seen || v.version > seen.version) newest.set(v.recordId, v);
  }
  const current: RecordVersion[] = [];
  for (const v of newest.values()) if (v.action !== 'revoke') current.push(v);
  return current;
}
