import type { Subject } from '../../domain/subject.js';
import type { StoreTx } from '../../store/store.js';

/**
 * Drops the keys of `before` (the subjects as they were indexed, read before the change) and
 * indexes `indexed` as they are now (a subject merged away is in the first only), in the
 * transaction that changed their names, so a search finds the change as soon as it commits.
 */
export async function refreshSearchKeys(
  tx: StoreTx,
  before: readonly Subject[],
  indexed: readonly string[],
): Promise<void> {
  await tx.dropSearchKeys(before);
  const subjects: Subject[] = [];
  for (const id of indexed) {
    const subject = await tx.getSubject(id);
    if (subject) subjects.push(subject);
  }
  await tx.indexSearchKeys(subjects);
}
