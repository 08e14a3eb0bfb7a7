import type { Catalog, ListType, RecordType, RepairRule } from './catalog.js';
import { addDuration } from './dates.js';
import type { ListEntry } from './list-entry.js';
import { publicationWindow } from './publication.js';
import type { RecordVersion } from './record.js';

/** What a repair can end early (SPEC 4.7): a record's publication, or a list entry. */
export const REPAIR_ITEMS = ['record', 'list_entry'] as const;
export type RepairItem = (typeof REPAIR_ITEMS)[number];

/**
 * `submitted`: the platform has it and answers by `answerBy`; `forwarded`: the competent
 * authority received it and decides by `decideBy`; then `approved` or `refused`.
 */
export const REPAIR_STATES = ['submitted', 'forwarded', 'approved', 'refused'] as const;
export type RepairState = (typeof REPAIR_STATES)[number];

/** An obligation the applicant declares performed, with the documents that show it. */
export interface PerformedObligation {
  id: string;
  evidence: string[];
}

export interface RepairApplication {
  id: string;
  subjectId: string;
  item: RepairItem;
  /** the record version or list entry to repair */
  itemId: string;
  /** record type or list type: it picks the rule */
  itemType: string;
  /** the competent authority: the record's furnisher, or the list entry's */
  authorityId: string;
  rule: string;
  obligations: PerformedObligation[];
  /** the promise the subject makes; it becomes a credit_commitment record on approval */
  commitment: string;
  filedBy: string;
  filedOn: string;
  /** the platform's last day to answer the applicant (inclusive) */
  answerBy: string;
  state: RepairState;
  forwardedOn: string | null;
  /** the authority's last day to decide (inclusive), from receipt */
  decideBy: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
  reasons: string | null;
  /** approved: the new record version, or the entry's removal (`entry@seq`) */
  outcomeRef: string | null;
  /** approved: the credit_commitment record the commitment became */
  commitmentRef: string | null;
}

export const isOpenRepair = (r: RepairApplication): boolean =>
  r.state === 'submitted' || r.state === 'forwarded';

/** The day the step in progress is due: the platform's answer, or the authority's decision. */
export const repairDueBy = (r: RepairApplication): string =>
  r.state === 'forwarded' && r.decideBy ? r.decideBy : r.answerBy;

export const isRepairOverdue = (r: RepairApplication, date: string): boolean =>
  isOpenRepair(r) && date > repairDueBy(r);

/** The rule for an item: the first that names its type, else the default. */
export function repairRule(catalog: Catalog, item: RepairItem, itemType: string): RepairRule {
  const named = catalog.repair.rules.find((r) =>
    item === 'record' ? r.recordTypes.includes(itemType) : r.listTypes.includes(itemType),
  );
  const rule = named ?? catalog.repair.rules.find((r) => r.default);
  if (!rule) throw new Error('the catalog has no default repair rule');
  return rule;
}

/** The first day a record's repair can be applied for; null when its type and tier have none. */
export function recordRepairFrom(type: RecordType, version: RecordVersion): string | null {
  return publicationWindow(type, version).repairFrom;
}

/** The first day an effective entry can be removed early; null when its list has no early removal. */
export function earlyRemovalFrom(
  type: ListType,
  entry: Pick<ListEntry, 'effectiveFrom'>,
): string | null {
  return type.earlyRemoval && entry.effectiveFrom
    ? addDuration(entry.effectiveFrom, type.earlyRemoval.minServed)
    : null;
}
