import type { Subject } from '../../domain/subject.js';
import type { StoreTx } from '../../store/store.js';

/**
 * Rebuilds the search keys of `indexed` and drops those of `dropped` (subjects merged away) in
 * the transaction that changed their names, so a search finds the change as soon as it commits.
 */
export async function refreshSearchKeys(
  tx: StoreTx,
  indexed: readonly string[],
  dropped: readonly string[] = [],
): Promise<void> {
  await tx.dropSearchKeys([...indexed, ...dropped]);
  const subjects: Subject[] = [];
  for (const id of indexed) {
    const subject = await tx.getSubject(id);
    if (subject) subjects.push(subject);
  }
  await tx.indexSearchKeys(subjects);
}
