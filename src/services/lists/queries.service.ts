import { dateOf } from '../../domain/clock.js';
import { requireDate } from '../../domain/dates.js';
import type { ListEntry, ListTransition } from '../../domain/list-entry.js';
import type { Catalog, Measure } from '../../domain/catalog.js';
import { entryAsOf, expireIfDue, isInForce } from '../../domain/list-lifecycle.js';
import type { ServiceDeps } from '../deps.js';
import { CredenceError } from '../../errors.js';

/** One entry as it stood on a date, with the transitions that had taken effect by then. */
export interface EntryView {
  entry: ListEntry;
  history: ListTransition[];
}

/** The list entries of subjects as they stood on `date` (default today), replayed from their history. */
export async function entriesAsOf(
  deps: ServiceDeps,
  subjectIds: readonly string[],
  date?: string,
): Promise<EntryView[]> {
  const asOf = date === undefined ? dateOf(deps.clock.now()) : requireDate(date, 'asOf');
  return replay(deps, await deps.store.listEntriesOf(subjectIds), asOf);
}

/** Entries as stored (current state), each as it stood on `date`, newest proposal first. */
async function replay(
  deps: ServiceDeps,
  stored: readonly ListEntry[],
  date: string,
): Promise<EntryView[]> {
  const views: EntryView[] = [];
  for (const current of stored) {
    const transitions = await deps.store.listTransitions(current.id);
    const entry = entryAsOf(current, transitions, date);
    if (entry) views.push({ entry, history: transitions.filter((t) => t.effectiveDate <= date) });
  }
  return views.sort(
    (a, b) =>
      b.entry.proposedOn.localeCompare(a.entry.proposedOn) || a.entry.id.localeCompare(b.entry.id),
  );
}

/**
 * The entries of subjects as they stood on `date`, without their history. Today or later,
 * the stored rows already are the answer (no transition takes effect after it is recorded),
 * so only a past date needs the history replayed.
 */
export async function entriesOn(
  deps: ServiceDeps,
  subjectIds: readonly string[],
  date: string,
): Promise<ListEntry[]> {
  return storedEntriesOn(deps, await deps.store.listEntriesOf(subjectIds), date);
}

/** `entriesOn` for entries already read: every stored entry (any state) of the subjects. */
export async function storedEntriesOn(
  deps: ServiceDeps,
  stored: readonly ListEntry[],
  date: string,
): Promise<ListEntry[]> {
  if (date >= dateOf(deps.clock.now())) return stored.map((e) => expireIfDue(e, date));
  return (await replay(deps, stored, date)).map((v) => v.entry);
}

/** the most changes one read of the feed returns */
export const FEED_PAGE = 1000;

/** The change feed after a cursor: every list-state change in order; the next cursor is the last seq. */
export async function readFeed(deps: ServiceDeps, since: number, limit = 100) {
  // a page is at most FEED_PAGE changes: a larger limit is refused, not quietly cut
  if (!Number.isInteger(limit) || limit < 1 || limit > FEED_PAGE)
    throw new CredenceError(
      'FIELD_RANGE',
      `limit is a whole number from 1 to ${FEED_PAGE}; read further pages from the cursor`,
      { field: 'limit' },
    );
  if (!Number.isInteger(since) || since < 0)
    throw new CredenceError('FIELD_RANGE', 'the cursor is a whole number from 0', {
      field: 'since',
    });
  const changes = await deps.store.readFeed(since, limit);
  return { changes, cursor: changes.at(-1)?.seq ?? since };
}

/** The catalog measures that the subject's entries in force on `date` trigger for the subject itself. */
export function measuresInForce(
  catalog: Catalog,
  views: readonly EntryView[],
  date: string,
): Measure[] {
  const lists = new Set(views.filter((v) => isInForce(v.entry, date)).map((v) => v.entry.listType));
  return [...catalog.measures.values()].filter(
    (m) => m.reaches.includes('subject') && m.lists.some((l) => lists.has(l)),
  );
}
