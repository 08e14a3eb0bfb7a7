import type { Measure } from '../domain/catalog.js';
import type { ServiceDeps } from './deps.js';
import { entriesAsOf, measuresInForce, type EntryView } from './lists/queries.service.js';
import { latestRatings, type LatestRating } from './ratings/subject-ratings.service.js';
import { subjectFile, type SubjectFile } from './records/subject-file.service.js';

/** A subject's whole file as of a date: its records, its list entries and the measures in force. */
export interface SubjectOverview extends SubjectFile {
  listEntries: EntryView[];
  measures: Measure[];
  /** the latest published rating per model, explained */
  ratings: LatestRating[];
}

export async function subjectOverview(
  deps: ServiceDeps,
  identifier: string,
  asOf?: string,
): Promise<SubjectOverview> {
  const file = await subjectFile(deps, identifier, asOf);
  const listEntries = await entriesAsOf(deps, [file.subject.id], file.asOf);
  return {
    ...file,
    listEntries,
    measures: measuresInForce(deps.catalog, listEntries, file.asOf),
    ratings: await latestRatings(deps, file.subject.id),
  };
}
