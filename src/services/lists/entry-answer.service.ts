import { chinaCalendar } from '../../domain/calendar.js';
import { dateOf } from '../../domain/clock.js';
import type { ListEntry } from '../../domain/list-entry.js';
import { publicIdentifier } from '../../domain/masking.js';
import { displayName, type Subject, type SubjectKind } from '../../domain/subject.js';
import type { ServiceDeps } from '../deps.js';

/** The subject an entry names, as a queue shows it. */
export interface EntrySubject {
  kind: SubjectKind | null;
  name: string;
  identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
}

/** A list entry as the API answers it: the subject it names and the notice period's count. */
export interface EntryAnswer extends ListEntry {
  subject: EntrySubject;
  noticeWorkingDaysLeft: number | null;
}

/**
 * Working days of the notice period still to come after `today` (0 on its last day); null when
 * the entry is not in notice: never noticed, waived, past the period or decided.
 */
export function noticeWorkingDaysLeft(entry: ListEntry, today: string): number | null {
  if (entry.state !== 'noticed' || entry.noticeWaived || entry.noticeEnds === null) return null;
  if (today > entry.noticeEnds) return null;
  return chinaCalendar.workingDaysBetween(today, entry.noticeEnds);
}

/**
 * Entries with their subjects and the notice count, by the server's calendar and clock. A
 * person's identifier is masked as in the public view (SPEC 4.9) unless `revealTo` is the
 * subject itself: a queue is no purpose-stated read, so the full number stays with the file.
 */
export async function entryAnswers(
  deps: ServiceDeps,
  entries: readonly ListEntry[],
  revealTo: string | null = null,
): Promise<EntryAnswer[]> {
  const today = dateOf(deps.clock.now());
  const subjects = new Map<string, Subject | null>();
  const answers: EntryAnswer[] = [];
  for (const entry of entries) {
    if (!subjects.has(entry.subjectId))
      subjects.set(entry.subjectId, await deps.store.getSubject(entry.subjectId));
    const subject = subjects.get(entry.subjectId) ?? null;
    answers.push({
      ...entry,
      subject: subjectOf(subject, revealTo !== null && revealTo === entry.subjectId),
      noticeWorkingDaysLeft: noticeWorkingDaysLeft(entry, today),
    });
  }
  return answers;
}

export async function entryAnswer(
  deps: ServiceDeps,
  entry: ListEntry,
  revealTo: string | null = null,
): Promise<EntryAnswer> {
  const [answer] = await entryAnswers(deps, [entry], revealTo);
  return answer!;
}

function subjectOf(subject: Subject | null, own: boolean): EntrySubject {
  if (!subject) return { kind: null, name: '', identifiers: [] };
  return {
    kind: subject.kind,
    name: displayName(subject),
    identifiers: subject.identifiers.map((i) =>
      own ? { scheme: i.scheme, value: i.value, masked: false } : publicIdentifier(subject.kind, i),
    ),
  };
}
