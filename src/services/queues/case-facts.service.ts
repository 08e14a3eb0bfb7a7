import type { Subject } from '../../domain/subject.js';
import type { ServiceDeps } from '../deps.js';
import { subjectOf, type EntrySubject } from '../lists/entry-answer.service.js';

/**
 * What an officer reads of a case in a queue (issue 18): whose it is, and the facts of the item
 * it is about, so that an objection or a repair is decided on its facts and not on ids. A
 * person's identifier is masked as in the lists' queue: a queue is no purpose-stated read.
 */
export interface CaseTarget {
  /** the record type, list type or rating model */
  type: string;
  /** a record's decision date, an entry's first day in force, a rating's date */
  date: string | null;
  documentNumber: string | null;
  facts: string | null;
  /** an entry's state */
  state: string | null;
  /** a rating's grade */
  grade: string | null;
}

export interface CaseFacts {
  subject: EntrySubject;
  target: CaseTarget | null;
}

interface Case {
  subjectId: string;
  item: 'record' | 'list_entry' | 'rating' | 'repair';
  itemId: string;
}

const blank = { documentNumber: null, facts: null, state: null, grade: null };

/** Each case with its subject and the facts of its item, in the order given. */
export async function withCaseFacts<T extends Case>(
  deps: ServiceDeps,
  cases: readonly T[],
): Promise<Array<T & CaseFacts>> {
  const subjects = new Map<string, Subject | null>();
  const out: Array<T & CaseFacts> = [];
  for (const c of cases) {
    if (!subjects.has(c.subjectId))
      subjects.set(c.subjectId, await deps.store.getSubject(c.subjectId));
    out.push({
      ...c,
      subject: subjectOf(subjects.get(c.subjectId) ?? null, false),
      target: await targetOf(deps, c),
    });
  }
  return out;
}

async function targetOf(deps: ServiceDeps, c: Case): Promise<CaseTarget | null> {
  if (c.item === 'record') {
    const v = await deps.store.getRecordVersion(c.itemId);
    return v
      ? {
          ...blank,
          type: v.type,
          date: v.decisionDate,
          documentNumber: v.documentNumber,
          facts: v.facts,
        }
      : null;
  }
  if (c.item === 'list_entry') {
    const e = await deps.store.getListEntry(c.itemId);
    return e
      ? { ...blank, type: e.listType, date: e.effectiveFrom ?? e.proposedOn, state: e.state }
      : null;
  }
  if (c.item === 'rating') {
    const r = (await deps.store.listRatingsOf([c.subjectId])).find((x) => x.id === c.itemId);
    return r ? { ...blank, type: r.modelId, date: r.asOf, grade: r.grade } : null;
  }
  return null;
}
