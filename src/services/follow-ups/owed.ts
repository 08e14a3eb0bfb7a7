import { randomUUID } from 'node:crypto';
import type { FollowUp, StoreTx } from '../../store/store.js';

/**
 * What a write owes once committed, recorded in its own transaction (issue 17): a record's
 * lists and ratings, a list transition's ratings. Apart from the runner so that list
 * transitions, which the runner itself makes, can owe without importing it.
 */

/** The follow-up a change owes: lists for the record type (none for null), then ratings. */
export function followUp(subjectId: string, recordType: string | null, at: string): FollowUp {
  return { id: `fu_${randomUUID()}`, subjectId, recordType, createdAt: at };
}

/** Records in `tx` the follow-ups of these changes, one per subject and record type. */
export async function owe(
  tx: StoreTx,
  changes: readonly { subjectId: string; recordType: string | null }[],
  at: string,
): Promise<void> {
  const distinct = new Map(changes.map((c) => [`${c.subjectId}\u0000${c.recordType}`, c]));
  await tx.addFollowUps([...distinct.values()].map((c) => followUp(c.subjectId, c.recordType, at)));
}
