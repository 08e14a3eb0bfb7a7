import type { Objection } from '../domain/objection.js';

/** `objections` columns with their Objection property, in INSERT order; both adapters use it. */
export const OBJECTION_COLUMNS = [
  ['id', 'id'],
  ['subject_id', 'subjectId'],
  ['item', 'item'],
  ['item_id', 'itemId'],
  ['item_type', 'itemType'],
  ['authority_id', 'authorityId'],
  ['grounds', 'grounds'],
  ['documents', 'documents'],
  ['filed_by', 'filedBy'],
  ['filed_on', 'filedOn'],
  ['rule', 'rule'],
  ['answer_by', 'answerBy'],
  ['state', 'state'],
  ['decided_on', 'decidedOn'],
  ['decided_by', 'decidedBy'],
  ['reasons', 'reasons'],
  ['outcome_ref', 'outcomeRef'],
  ['reconsiders', 'reconsiders'],
] as const satisfies readonly (readonly [string, keyof Objection])[];

export const OBJECTION_SELECT = `SELECT ${OBJECTION_COLUMNS.map(([c, p]) => (c === p ? c : `${c} AS "${p}"`)).join(', ')} FROM objections`;

/** The values of an objection in column order; documents as JSON text. */
export const objectionValues = (o: Objection): unknown[] =>
  OBJECTION_COLUMNS.map(([, p]) => (p === 'documents' ? JSON.stringify(o.documents) : o[p]));

/** Columns an answer changes. */
export const OBJECTION_ANSWER = [
  'state',
  'decided_on',
  'decided_by',
  'reasons',
  'outcome_ref',
] as const;
export const answerValues = (o: Objection): unknown[] => [
  o.state,
  o.decidedOn,
  o.decidedBy,
  o.reasons,
  o.outcomeRef,
];

/** A filter over open objections, for the authorities' queues. */
export interface OpenObjectionQuery {
  /** only those whose answer date is before this day (the overdue queue on that day) */
  answerByBefore?: string;
  authorityId?: string;
}
