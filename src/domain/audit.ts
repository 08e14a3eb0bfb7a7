import { createHash } from 'node:crypto';

/** One entry of the append-only audit log; each entry carries the hash of the one before (SPEC 4.8). */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectIds: string[];
  payload: unknown;
  prevHash: string;
  hash: string;
}

export type NewAuditEntry = Pick<AuditEntry, 'at' | 'actor' | 'action' | 'subjectIds' | 'payload'>;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The hash of an entry: its sequence number, content and the previous hash. */
export function chainHash(prevHash: string, seq: number, entry: NewAuditEntry): string {
  return sha256(`${prevHash}\n${seq}\n${canonicalJson(entry)}`);
}
