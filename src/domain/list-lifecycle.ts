import type { ListEntry, ListTransition, RemovalReason, TransitionKind } from './list-entry.js';

/**
 * The lifecycle of a list entry (SPEC 4.4): which transitions are allowed from which
 * state, and the state of an entry as of any date, replayed from its transitions.
 */

type State = ListEntry['state'];

/** From which states each transition may start, and where it leads. */
export const TRANSITIONS: Record<TransitionKind, { from: ReadonlyArray<State | null>; to: State }> =
  {
    propose: { from: [null], to: 'proposed' },
    notice: { from: ['proposed', 'noticed'], to: 'noticed' },
    decide: { from: ['noticed'], to: 'effective' },
    reject: { from: ['proposed', 'noticed'], to: 'rejected' },
    designate: { from: [null], to: 'effective' },
    extend: { from: ['effective'], to: 'effective' },
    remove: { from: ['effective'], to: 'removed' },
  };

export function canTransition(kind: TransitionKind, from: State | null): boolean {
  return TRANSITIONS[kind].from.includes(from);
}

/** The entry fields a transition sets, carried in its `data`. */
export interface TransitionEffects {
  noticeEnds?: string;
  noticeWaived?: boolean;
  effectiveFrom?: string;
  endsOn?: string | null;
  removal?: RemovalReason;
}

/**
 * The entry as it stood on `date`: its transitions that had taken effect by then, replayed,
 * and an expiry at the end of the period, which happens by itself whether or not a sweep
 * has recorded it yet. Null when the entry did not exist yet.
 */
export function entryAsOf(
  base: EntryBase,
  transitions: readonly ListTransition[],
  date: string,
): ListEntry | null {
  const applied = transitions.filter((t) => t.effectiveDate <= date).sort((a, b) => a.seq - b.seq);
  const first = applied[0];
  if (!first) return null;
  let entry = firstState(base, first);
  for (const t of applied.slice(1)) entry = applyTransition(entry, t);
  return expireIfDue(entry, date);
}

type EntryBase = Pick<ListEntry, 'id' | 'subjectId' | 'listType' | 'authorityId'>;

/** A new entry as its first transition (a proposal or an automatic designation) makes it. */
export function firstState(base: EntryBase, first: ListTransition): ListEntry {
  const blank: ListEntry = {
    ...base,
    state: first.toState,
    recordIds: first.recordIds,
    circumstance: (first.data.circumstance as string | undefined) ?? null,
    proposedOn: first.effectiveDate,
    noticeEnds: null,
    noticeWaived: false,
    effectiveFrom: null,
    endsOn: null,
    removedOn: null,
    removal: null,
    lastSeq: first.seq,
  };
  return applyTransition(blank, first);
}

/** The entry after one transition. */
export function applyTransition(entry: ListEntry, t: ListTransition): ListEntry {
  const fx = t.data as TransitionEffects;
  const next: ListEntry = { ...entry, state: t.toState, lastSeq: t.seq };
  if (fx.noticeEnds !== undefined) next.noticeEnds = fx.noticeEnds;
  if (fx.noticeWaived !== undefined) next.noticeWaived = fx.noticeWaived;
  if (fx.effectiveFrom !== undefined) next.effectiveFrom = fx.effectiveFrom;
  if (fx.endsOn !== undefined) next.endsOn = fx.endsOn;
  if (t.toState === 'removed' || t.toState === 'rejected') next.removedOn = t.effectiveDate;
  if (fx.removal !== undefined) next.removal = fx.removal;
  return next;
}

/** An effective entry whose period has ended is removed as expired, on its end date. */
export function expireIfDue(entry: ListEntry, date: string): ListEntry {
  if (entry.state !== 'effective' || entry.endsOn === null || entry.endsOn > date) return entry;
  return { ...entry, state: 'removed', removedOn: entry.endsOn, removal: 'expired' };
}

/** Whether the entry is in force on `date` (effective, and its period not over). */
export function isInForce(entry: ListEntry, date: string): boolean {
  return expireIfDue(entry, date).state === 'effective' && (entry.effectiveFrom ?? date) <= date;
}
