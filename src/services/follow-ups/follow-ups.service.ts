import type { FollowUp } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { afterRecordChange } from '../lists/sweep.service.js';
import { rerateSubjects } from '../ratings/rate.service.js';

/**
 * Follow-ups (issue 17): what a write owes its subject once committed, automatic lists and
 * re-rating, is recorded in the write's own transaction and run after it; each is deleted in the
 * transaction that finishes it. A crash in between leaves it pending, and the next retry of the
 * write, sweep or start runs it. Running one twice changes nothing more than running it once.
 */

const PAGE = 200;
/** re-rates owed by a page's list steps read with it; any past this, the next page runs */
const PAGE_RERATES = PAGE * 4;

export { followUp, owe } from './owed.js';

/**
 * Runs the pending follow-ups of these subjects (of every subject when null) until none is
 * left, and answers how many it finished.
 */
export async function runFollowUps(
  deps: ServiceDeps,
  subjectIds: readonly string[] | null,
): Promise<number> {
  if (subjectIds?.length === 0) return 0;
  let done = 0;
  for (;;) {
    const pending = await deps.store.pendingFollowUps(subjectIds, PAGE);
    if (pending.length === 0) return done;
    const bySubject = new Map<string, FollowUp[]>();
    for (const f of pending) bySubject.set(f.subjectId, [...(bySubject.get(f.subjectId) ?? []), f]);
    // the lists first, a subject at a time; the ratings last: they read the entries just written
    const listed: string[] = [];
    for (const [subjectId, owed] of bySubject) {
      const types = new Set(owed.flatMap((f) => (f.recordType ? [f.recordType] : [])));
      for (const type of types) await afterRecordChange(deps, subjectId, type);
      if (types.size > 0) listed.push(subjectId);
    }
    // the list transitions just made owe re-rates of their own: the one below covers them, since
    // it reads the subjects' evidence after them (any past this read are run by the next page)
    const rerates =
      listed.length > 0
        ? (await deps.store.pendingFollowUps(listed, PAGE_RERATES)).filter(
            (f) => f.recordType === null,
          )
        : [];
    const finished = [...new Set([...pending, ...rerates].map((f) => f.id))];
    // one transaction re-rates the page's subjects and marks their follow-ups done
    await rerateSubjects(deps, [...bySubject.keys()], (tx) => tx.deleteFollowUps(finished));
    done += pending.length;
  }
}
