import { chinaCalendar } from './calendar.js';
import type { Catalog, DayCount, ObjectionRule } from './catalog.js';
import { addDays } from './dates.js';

/** What an objection can be filed against (SPEC 4.7): an item, or a refused repair application. */
export const OBJECTION_ITEMS = ['record', 'list_entry', 'rating', 'repair'] as const;
export type ObjectionItem = (typeof OBJECTION_ITEMS)[number];

export const OBJECTION_STATES = ['open', 'upheld', 'rejected'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

export interface Objection {
  id: string;
  subjectId: string;
  item: ObjectionItem;
  /** the record version, list entry, rating or repair application objected to */
  itemId: string;
  /** the item's type (record type, list type or rating model): it picks the rule */
  itemType: string;
  /** the authority that answers: the record's furnisher, the list entry's or the rating's owner */
  authorityId: string | null;
  grounds: string;
  /** references to the documents attached (file names, document numbers) */
  documents: string[];
  filedBy: string;
  filedOn: string;
  rule: string;
  /** the last day to answer (inclusive) */
  answerBy: string;
  state: ObjectionState;
  decidedOn: string | null;
  decidedBy: string | null;
  reasons: string | null;
  /** what an upheld objection changed: the new record version, or the entry's removal */
  outcomeRef: string | null;
  /** a reconsideration names the rejected objection it contests */
  reconsiders: string | null;
}

/** The rule for an item: the first that names its type, else the default. */
export function objectionRule(
  catalog: Catalog,
  item: ObjectionItem,
  itemType: string,
): ObjectionRule {
  const named = catalog.objectionRules.find((r) =>
    item === 'record'
      ? r.recordTypes.includes(itemType)
      : item === 'list_entry' && r.listTypes.includes(itemType),
  );
  const rule = named ?? catalog.objectionRules.find((r) => r.default);
  if (!rule) throw new Error('the catalog has no default objection rule');
  return rule;
}

/** The day a count of days ends, from `from` (not counted): calendar or working days. */
export function countFrom(from: string, count: DayCount): string {
  return count.workingDays !== undefined
    ? chinaCalendar.addWorkingDays(from, count.workingDays)
    : addDays(from, count.days ?? 0);
}

/** Open and past its answer date on `date`: the overdue queue. */
export const isOverdue = (o: Objection, date: string): boolean =>
  o.state === 'open' && date > o.answerBy;

/**
 * The dispute flag: the records (by record id, whichever version was objected to), list entries
 * and ratings of a subject that are under open objection, as `item:id` keys.
 */
export function disputedKeys(
  objections: readonly Objection[],
  versions: ReadonlyArray<{ id: string; recordId: string }>,
): Set<string> {
  const recordOf = new Map(versions.map((v) => [v.id, v.recordId]));
  return new Set(
    objections
      .filter((o) => o.state === 'open')
      .map(
        (o) => `${o.item}:${o.item === 'record' ? (recordOf.get(o.itemId) ?? o.itemId) : o.itemId}`,
      ),
  );
}
