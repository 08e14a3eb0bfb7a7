import type { Objection } from '../domain/objection.js';
import { selectFrom, valuesOf, type Columns } from './table-columns.js';

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
] as const satisfies Columns<Objection>;

export const OBJECTION_JSON = ['documents'];
export const OBJECTION_SELECT = selectFrom('objections', OBJECTION_COLUMNS);

export const objectionValues = (o: Objection): unknown[] =>
  valuesOf(OBJECTION_COLUMNS, OBJECTION_JSON, o);

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
