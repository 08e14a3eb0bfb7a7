/**
 * List entries (SPEC 4.4): a subject designated on a blacklist, redlist or warning list.
 * The transitions are the history (append-only, and the change feed); the entry row is
 * the current state, kept for indexed lookups.
 */

export const ENTRY_STATES = ['proposed', 'noticed', 'effective', 'removed', 'rejected'] as const;
export type EntryState = (typeof ENTRY_STATES)[number];

export type TransitionKind =
  /** a furnisher or the candidate evaluation proposes a designation */
  | 'propose'
  /** notice served: reasons, legal basis and rights; the period to state a case opens */
  | 'notice'
  /** the deciding authority designates: the entry is effective and published */
  | 'decide'
  /** the deciding authority declines the proposal */
  | 'reject'
  /** an automatic list type designates straight from its triggering records */
  | 'designate'
  /** the period is extended */
  | 'extend'
  /** the entry ends: expired, performed, cured, early removal, objection upheld, revoked, escalated */
  | 'remove';

export type RemovalReason =
  | 'expired'
  | 'performed'
  | 'cured'
  | 'early_removal'
  | 'objection_upheld'
  | 'revoked'
  | 'escalated'
  | 'repaired';

export interface ListEntry {
  id: string;
  subjectId: string;
  listType: string;
  state: EntryState;
  /** the authority that proposed (and whose list owner decides) */
  authorityId: string;
  /** records the designation rests on (version ids) */
  recordIds: string[];
  /** the circumstance that sets the period, where the list type distinguishes them */
  circumstance: string | null;
  proposedOn: string;
  /** last day of the period to state a case (inclusive); null before notice */
  noticeEnds: string | null;
  /** the subject waived the rest of the notice period */
  noticeWaived: boolean;
  effectiveFrom: string | null;
  /** first day the entry is no longer effective (exclusive); null: open-ended (until performed) */
  endsOn: string | null;
  removedOn: string | null;
  removal: RemovalReason | null;
  /** feed position of the latest transition */
  lastSeq: number;
}

/** One change of an entry, in feed order; `seq` has no gaps and no duplicates. */
export interface ListTransition {
  seq: number;
  entryId: string;
  subjectId: string;
  listType: string;
  kind: TransitionKind;
  fromState: EntryState | null;
  toState: EntryState;
  /** the date the change takes effect (as-of questions are answered by it) */
  effectiveDate: string;
  /** when it was recorded */
  at: string;
  actor: string;
  reason: string;
  recordIds: string[];
  /** kind-specific details, e.g. { noticeEnds, rights, legalBasis } or { endsOn } or { removal } */
  data: Record<string, unknown>;
}

export type NewListTransition = Omit<ListTransition, 'seq'>;
