/** The API's answers the deciders' screens read (docs/openapi.json: ListEntry, Objection, RepairApplication). */

export type EntryState = 'proposed' | 'noticed' | 'effective' | 'removed' | 'rejected';

export interface ListEntry {
  id: string;
  subjectId: string;
  listType: string;
  state: EntryState;
  authorityId: string;
  recordIds: string[];
  circumstance: string | null;
  proposedOn: string;
  noticeEnds: string | null;
  noticeWaived: boolean;
  effectiveFrom: string | null;
  endsOn: string | null;
  removedOn: string | null;
  removal: string | null;
  lastSeq: number;
  subject: {
    kind: string | null;
    name: string;
    identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
  };
  /** counted by the server's holiday calendar; null when not in notice */
  noticeWorkingDaysLeft: number | null;
  /** whether the reader's authority may act on it, and if not why */
  mayAct: { allowed: boolean; reason: 'other_domain' | 'other_region' | 'no_authority' | null };
}

/** Whose case it is and the facts of its item, as the queues give them. */
export interface CaseFacts {
  subject: ListEntry['subject'];
  target: {
    type: string;
    date: string | null;
    documentNumber: string | null;
    facts: string | null;
    state: string | null;
    grade: string | null;
  } | null;
}

export interface Transition {
  seq: number;
  kind: string;
  fromState: EntryState | null;
  toState: EntryState;
  effectiveDate: string;
  at: string;
  actor: string;
  reason: string;
  recordIds: string[];
  data: Record<string, unknown>;
  /** the acting account's role and authority; null for the registry's own steps */
  actorRole?: string | null;
  actorAuthority?: string | null;
}

export interface Objection extends Partial<CaseFacts> {
  id: string;
  subjectId: string;
  item: 'record' | 'list_entry' | 'rating' | 'repair';
  itemId: string;
  itemType: string;
  authorityId: string | null;
  grounds: string;
  documents: string[];
  filedBy: string;
  filedOn: string;
  rule: string;
  answerBy: string;
  state: 'open' | 'upheld' | 'rejected';
  /** past its answer date today, as the server's clock and calendar have it */
  overdue: boolean;
}

export interface Repair extends Partial<CaseFacts> {
  id: string;
  subjectId: string;
  item: 'record' | 'list_entry';
  itemId: string;
  itemType: string;
  authorityId: string;
  rule: string;
  obligations: Array<{ id: string; evidence: string[] }>;
  commitment: string;
  filedOn: string;
  answerBy: string;
  state: 'submitted' | 'forwarded' | 'approved' | 'refused';
  forwardedOn: string | null;
  decideBy: string | null;
  dueBy: string | null;
  overdue: boolean;
}

export interface Page<T> {
  items: T[];
  next: string | null;
}
