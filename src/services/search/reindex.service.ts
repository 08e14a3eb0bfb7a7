import { SUBJECT_KINDS, type Subject } from '../../domain/subject.js';
import type { ServiceDeps } from '../deps.js';

const PAGE = 1000;

/**
 * Indexes every stored subject's names anew: for a store that holds subjects from before
 * search existed, or after the normalisation rules change. The old keys go first, then a page
 * of subjects per transaction; searches meanwhile find only the subjects indexed so far. New
 * subjects are indexed as they are written; this is never needed for them.
 */
export async function reindexSearch(
  deps: ServiceDeps,
  onPage: (done: number, total: number) => void = () => undefined,
): Promise<number> {
  const total = (await deps.store.counts()).subjects;
  await deps.store.transaction((tx) => tx.clearSearchKeys());
  let done = 0;
  for (let after = ''; ;) {
    const page = await deps.store.scanSubjects(SUBJECT_KINDS, after, PAGE);
    if (page.length === 0) break;
    const subjects: Subject[] = [];
    for (const ref of page) {
      const subject = await deps.store.getSubject(ref.id);
      if (subject) subjects.push(subject);
    }
    await deps.store.transaction((tx) => tx.indexSearchKeys(subjects));
    done += page.length;
    onPage(done, total);
    after = page.at(-1)!.id;
  }
  return done;
}
