import type { ReachingEntry } from './store.js';

/** The order `findReach` promises: own entries first, then by related subject, then entry id. */
export function sortReach(entries: ReachingEntry[]): ReachingEntry[] {
  if (entries.length < 2) return entries;
  return entries.sort((a, b) => {
    if ((a.relation === null) !== (b.relation === null)) return a.relation === null ? -1 : 1;
    return (
      compare(a.entry.subjectId, b.entry.subjectId) ||
      compare(a.relation?.kind ?? '', b.relation?.kind ?? '') ||
      compare(a.entry.id, b.entry.id)
    );
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
