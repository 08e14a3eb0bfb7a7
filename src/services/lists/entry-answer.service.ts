import { type Authority, coversRegion } from '../../domain/authority.js';
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
  /** whether the reader's authority may act on the entry, and if not why (issue 18) */
  mayAct: { allowed: boolean; reason: ActReason | null };
}

/** why an authority may not act: the list is another domain's, the subject outside its regions, no authority */
export type ActReason = 'other_domain' | 'other_region' | 'no_authority';
export const ACT_REASONS: readonly ActReason[] = ['other_domain', 'other_region', 'no_authority'];

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
  actor: string | null = null,
): Promise<EntryAnswer[]> {
  const today = dateOf(deps.clock.now());
  const authority = actor ? await deps.store.getAuthority(actor) : null;
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
      mayAct: mayAct(deps, entry, subject, authority),
    });
  }
  return answers;
}

export async function entryAnswer(
  deps: ServiceDeps,
  entry: ListEntry,
  revealTo: string | null = null,
  actor: string | null = null,
): Promise<EntryAnswer> {
  const [answer] = await entryAnswers(deps, [entry], revealTo, actor);
  return answer!;
}

/** The rule the entries service enforces on a decider's act, told before any reason is typed. */
function mayAct(
  deps: ServiceDeps,
  entry: ListEntry,
  subject: Subject | null,
  authority: Authority | null,
): EntryAnswer['mayAct'] {
  const type = deps.catalog.listTypes.get(entry.listType);
  const no = (reason: ActReason) => ({ allowed: false, reason });
  if (!authority) return no('no_authority');
  if (!type || !authority.domains.includes(type.owningDomain)) return no('other_domain');
  if (!subject || !coversRegion(authority.regions, subject.region)) return no('other_region');
  return { allowed: true, reason: null };
}

/** The subject as a queue names it; `own`: the subject itself reads, unmasked. */
export function subjectOf(subject: Subject | null, own: boolean): EntrySubject {
  if (!subject) return { kind: null, name: '', identifiers: [] };
  return {
    kind: subject.kind,
    name: displayName(subject),
    identifiers: subject.identifiers.map((i) =>
      own ? { scheme: i.scheme, value: i.value, masked: false } : publicIdentifier(subject.kind, i),
    ),
  };
}
