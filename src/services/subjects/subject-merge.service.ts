import { subjectMergeId } from '../../domain/ids.js';
import { activeMergeOf, mergedNames, type SubjectMerge } from '../../domain/subject-merge.js';
import { CredenceError } from '../../errors.js';
import type { Subject } from '../../domain/subject.js';
import type { StoreTx } from '../../store/store.js';
import type { ServiceDeps } from '../deps.js';
import { owe, runFollowUps } from '../follow-ups/follow-ups.service.js';
import { refreshSearchKeys } from './subject-keys.js';
import { subjectIn, subjectKey } from './subjects.service.js';

/**
 * Merging duplicates (SPEC 4.1): a human decision, recorded and reversible. The duplicate's
 * identifiers, names and everything filed about it move to the subject kept, which keeps its
 * id, so a look-up by any of the duplicate's identifiers finds the one file with one history.
 */

export interface MergeInput {
  /** an identifier of the subject kept */
  subject: string;
  /** an identifier of the duplicate merged into it */
  duplicate: string;
  reason: string;
}

const reasonOf = (reason: string | undefined): string => {
  const text = reason?.trim();
  if (!text)
    throw new CredenceError('REASON_REQUIRED', 'a merge states its reason', { field: 'reason' });
  return text;
};

/** Merges the duplicate into the subject kept, both named by identifier. */
export async function mergeSubjects(
  deps: ServiceDeps,
  input: MergeInput,
  actor: string,
): Promise<SubjectMerge> {
  const reason = reasonOf(input.reason);
  const keptKey = subjectKey(deps, input.subject);
  const duplicateKey = subjectKey(deps, input.duplicate, undefined, 'duplicate');
  const merged = await deps.store.transaction(async (tx) => {
    const kept = await subjectIn(tx, keptKey);
    const duplicate = await subjectIn(tx, duplicateKey, 'duplicate');
    return merge(deps, tx, kept.id, duplicate.id, reason, actor);
  });
  // the file kept now holds both: its ratings follow at once, as after a record
  await runFollowUps(deps, [merged.subjectId]);
  return merged;
}

/** Merges by subject id (an operator's tools know ids); refuses what `mergeSubjects` refuses. */
export async function mergeSubjectIds(
  deps: ServiceDeps,
  subjectId: string,
  duplicateId: string,
  reason: string,
  actor: string,
): Promise<SubjectMerge> {
  const text = reasonOf(reason);
  const merged = await deps.store.transaction((tx) =>
    merge(deps, tx, subjectId, duplicateId, text, actor),
  );
  await runFollowUps(deps, [merged.subjectId]);
  return merged;
}

async function merge(
  deps: ServiceDeps,
  tx: StoreTx,
  subjectId: string,
  duplicateId: string,
  reason: string,
  actor: string,
): Promise<SubjectMerge> {
  if (subjectId === duplicateId)
    throw new CredenceError('SUBJECT_MERGE_SELF', undefined, { field: 'duplicate' });
  const kept = await tx.getSubject(subjectId);
  const duplicate = await tx.getSubject(duplicateId);
  if (!kept || !duplicate)
    throw new CredenceError('SUBJECT_NOT_FOUND', 'no such subject', {
      field: kept ? 'duplicate' : 'identifier',
    });
  if (kept.kind !== duplicate.kind)
    throw new CredenceError(
      'SUBJECT_MERGE_KIND',
      `a ${duplicate.kind} cannot be merged into a ${kept.kind}`,
      { field: 'duplicate' },
    );
  const history = await tx.listMerges(duplicate.id);
  for (const [id, merges, field] of [
    [kept.id, await tx.listMerges(kept.id), 'identifier'],
    [duplicate.id, history, 'duplicate'],
  ] as const) {
    const earlier = activeMergeOf(merges, id);
    if (earlier)
      throw new CredenceError('SUBJECT_MERGED', `the subject was merged by ${earlier.id}`, {
        field,
        merge: earlier.id,
      });
  }
  const at = deps.clock.now().toISOString();
  const merged = await tx.mergeSubject({
    id: subjectMergeId(kept.id, duplicate.id, history.length),
    subjectId: kept.id,
    duplicateId: duplicate.id,
    reason,
    at,
    by: actor,
    names: mergedNames(kept, duplicate),
  });
  await refreshSearchKeys(tx, [kept, duplicate], [kept.id]);
  await tx.appendAudit({
    at,
    actor,
    action: 'subject.merge',
    subjectIds: [kept.id, duplicate.id],
    payload: merged,
  });
  await owe(tx, [{ subjectId: kept.id, recordType: null }], at);
  return merged;
}

/**
 * Undoes a merge: exactly what moved goes back (with rows that joined a moved item since); what
 * was added to the subject kept since stays. The later merge of the subject kept, if any, must
 * be undone first.
 */
export async function undoMerge(
  deps: ServiceDeps,
  mergeId: string,
  reason: string,
  actor: string,
): Promise<SubjectMerge> {
  const text = reasonOf(reason);
  const undone = await deps.store.transaction(async (tx) => {
    const merge = await tx.getMerge(mergeId);
    if (!merge)
      throw new CredenceError('SUBJECT_MERGE_NOT_FOUND', `no merge ${mergeId}`, { field: 'id' });
    if (merge.undone)
      throw new CredenceError('SUBJECT_MERGE_UNDONE', `${mergeId} was undone`, { field: 'id' });
    const later = activeMergeOf(await tx.listMerges(merge.subjectId), merge.subjectId);
    if (later)
      throw new CredenceError(
        'SUBJECT_MERGE_UNDO_BLOCKED',
        `the subject kept was merged by ${later.id}: undo that first`,
        { field: 'id', merge: later.id },
      );
    const at = deps.clock.now().toISOString();
    const before = await Promise.all([
      tx.getSubject(merge.subjectId),
      tx.getSubject(merge.duplicateId),
    ]);
    const undone = await tx.undoMerge(merge, { at, by: actor, reason: text });
    await refreshSearchKeys(
      tx,
      before.filter((s): s is Subject => s !== null),
      [merge.subjectId, merge.duplicateId],
    );
    await tx.appendAudit({
      at,
      actor,
      action: 'subject.unmerge',
      subjectIds: [merge.subjectId, merge.duplicateId],
      payload: { id: merge.id, undone: undone.undone },
    });
    // each file is rated again on its own, as before the merge
    await owe(
      tx,
      [merge.subjectId, merge.duplicateId].map((subjectId) => ({ subjectId, recordType: null })),
      at,
    );
    return undone;
  });
  await runFollowUps(deps, [undone.subjectId, undone.duplicateId]);
  return undone;
}

/** The merges a subject (named by identifier) took part in, oldest first. */
export async function mergesOf(deps: ServiceDeps, identifier: string): Promise<SubjectMerge[]> {
  const subject = await subjectIn(deps.store, subjectKey(deps, identifier));
  return deps.store.listMerges(subject.id);
}
