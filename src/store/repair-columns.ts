import { repairDueBy, type RepairApplication } from '../domain/repair.js';
import { selectFrom, valuesOf, type Columns } from './table-columns.js';

/** `repairs` columns with their property, in INSERT order; `due_by` is derived, last. */
export const REPAIR_COLUMNS = [
  ['id', 'id'],
  ['subject_id', 'subjectId'],
  ['item', 'item'],
  ['item_id', 'itemId'],
  ['item_type', 'itemType'],
  ['authority_id', 'authorityId'],
  ['rule', 'rule'],
  ['obligations', 'obligations'],
  ['commitment', 'commitment'],
  ['filed_by', 'filedBy'],
  ['filed_on', 'filedOn'],
  ['answer_by', 'answerBy'],
  ['state', 'state'],
  ['forwarded_on', 'forwardedOn'],
  ['decide_by', 'decideBy'],
  ['decided_on', 'decidedOn'],
  ['decided_by', 'decidedBy'],
  ['reasons', 'reasons'],
  ['outcome_ref', 'outcomeRef'],
  ['commitment_ref', 'commitmentRef'],
] as const satisfies Columns<RepairApplication>;

export const REPAIR_JSON = ['obligations'];
export const REPAIR_SELECT = selectFrom('repairs', REPAIR_COLUMNS);
/** the INSERT columns: the object's, then `due_by` */
export const REPAIR_INSERT_COLUMNS = [...REPAIR_COLUMNS, ['due_by', 'dueBy'] as const];

/** Columns a step changes (forwarding or the decision), and `due_by` with them. */
export const REPAIR_STEP = [
  'state',
  'forwarded_on',
  'decide_by',
  'decided_on',
  'decided_by',
  'reasons',
  'outcome_ref',
  'commitment_ref',
  'due_by',
] as const;

export const repairValues = (r: RepairApplication): unknown[] => [
  ...valuesOf(REPAIR_COLUMNS, REPAIR_JSON, r),
  repairDueBy(r),
];

export const repairStepValues = (r: RepairApplication): unknown[] => [
  r.state,
  r.forwardedOn,
  r.decideBy,
  r.decidedOn,
  r.decidedBy,
  r.reasons,
  r.outcomeRef,
  r.commitmentRef,
  repairDueBy(r),
];

/** A filter over open applications, for the platform's and the authorities' queues. */
export interface OpenRepairQuery {
  /** only those whose step in progress was due before this day (overdue on that day) */
  dueBefore?: string;
  authorityId?: string;
  /** only this step: the platform's (`submitted`) or the authority's (`forwarded`) */
  state?: 'submitted' | 'forwarded';
}
