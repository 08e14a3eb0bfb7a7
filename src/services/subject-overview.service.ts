import type { Measure } from '../domain/catalog.js';
import type { Subject } from '../domain/subject.js';
import { disputedKeys } from '../domain/objection.js';
import type { ServiceDeps } from './deps.js';
import { entriesAsOf, measuresInForce, type EntryView } from './lists/queries.service.js';
import { latestRatings, type LatestRating } from './ratings/subject-ratings.service.js';
import { subjectFile, type FileItem, type SubjectFile } from './records/subject-file.service.js';

/** An item of the file, and whether an open objection contests it (the dispute flag, SPEC 4.7). */
export type Flagged<T> = T & { disputed: boolean };

/** A subject's whole file as of a date: its records, its list entries and the measures in force. */
export interface SubjectOverview extends SubjectFile {
  items: Array<Flagged<FileItem>>;
  listEntries: Array<Flagged<EntryView>>;
  measures: Measure[];
  /** the latest published rating per model, explained */
  ratings: Array<Flagged<LatestRating>>;
}

export async function subjectOverview(
  deps: ServiceDeps,
  identifier: string | Subject,
  asOf?: string,
): Promise<SubjectOverview> {
  const file = await subjectFile(deps, identifier, asOf);
  const id = file.subject.id;
  const listEntries = await entriesAsOf(deps, [id], file.asOf);
  const open = (await deps.store.listObjectionsOf([id])).filter((o) => o.state === 'open');
  const disputed = disputedKeys(
    open,
    file.items.flatMap((i) => [
      i.current,
      ...i.history.map((h) => ({ ...h, recordId: i.recordId })),
    ]),
  );
  return {
    ...file,
    items: file.items.map((i) => ({ ...i, disputed: disputed.has(`record:${i.recordId}`) })),
    listEntries: listEntries.map((e) => ({
      ...e,
      disputed: disputed.has(`list_entry:${e.entry.id}`),
    })),
    measures: measuresInForce(deps.catalog, listEntries, file.asOf),
    ratings: (await latestRatings(deps, id)).map((r) => ({
      ...r,
      disputed: disputed.has(`rating:${r.rating.id}`),
    })),
  };
}
