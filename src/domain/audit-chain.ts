import { chainHash, GENESIS_HASH, type AuditEntry } from './audit.js';

/**
 * What a walk of the audit log can find (SPEC 4.8), at the first entry where it shows:
 * - `changed`: the entry's content no longer gives its stored hash;
 * - `removed`: sequence numbers jump, entries before this one are gone;
 * - `reordered`: a sequence number repeats or goes back;
 * - `relinked`: the entry does not carry the hash of the one before it (removed or reordered
 *   entries, with the numbers rewritten to hide it).
 */
export type ChainFinding =
  | { kind: 'changed'; seq: number; storedHash: string; computedHash: string }
  | { kind: 'removed'; seq: number; missingFrom: number }
  | { kind: 'reordered'; seq: number; after: number }
  | { kind: 'relinked'; seq: number; prevHash: string; expected: string };

/** Walks entries in the order the log gives them, one at a time; keeps only the last. */
export class ChainWalk {
  private seq = 0;
  private hash = GENESIS_HASH;
  private first: ChainFinding | null = null;
  entries = 0;

  /** the first finding so far, or null while the chain holds */
  get finding(): ChainFinding | null {
    return this.first;
  }

  /** the last entry walked: a checkpoint of everything up to it */
  get head(): { seq: number; hash: string } {
    return { seq: this.seq, hash: this.hash };
  }

  push(entry: AuditEntry): void {
    this.entries += 1;
    if (!this.first) this.first = this.check(entry);
    this.seq = entry.seq;
    this.hash = entry.hash;
  }

  private check(entry: AuditEntry): ChainFinding | null {
    const { seq, prevHash, hash, ...content } = entry;
    if (seq <= this.seq) return { kind: 'reordered', seq, after: this.seq };
    if (seq > this.seq + 1) return { kind: 'removed', seq, missingFrom: this.seq + 1 };
    if (prevHash !== this.hash) return { kind: 'relinked', seq, prevHash, expected: this.hash };
    const computed = chainHash(prevHash, seq, content);
    if (computed !== hash)
      return { kind: 'changed', seq, storedHash: hash, computedHash: computed };
    return null;
  }
}

export function describeFinding(f: ChainFinding): string {
  switch (f.kind) {
    case 'changed':
      return `entry ${f.seq} was changed: its content hashes to ${f.computedHash}, not ${f.storedHash}`;
    case 'removed':
      return `entries ${f.missingFrom}–${f.seq - 1} were removed`;
    case 'reordered':
      return `entry ${f.seq} comes after entry ${f.after}: the log was reordered`;
    case 'relinked':
      return `entry ${f.seq} does not carry the hash of the entry before it: entries were removed or reordered`;
  }
}
