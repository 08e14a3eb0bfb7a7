import type { ListType, Measure, RecordType } from '../domain/catalog.js';
import { readEntryFiles, settleEntries } from './entry-files.js';
import { checkListType, checkMeasure } from './list-checks.js';
import { listTypeSchema, measureSchema } from './list-schema.js';
import type { CatalogProblem } from './source.js';

/**
 * Reading list types and measures (SPEC 4.4, 4.5). Both directories are optional: a
 * registry can hold records without running lists. A measure naming a list that is
 * missing is still reported.
 */

export const LIST_TYPES_DIR = 'list-types';
export const MEASURES_DIR = 'measures';

export interface EntriesRead<T> {
  valid: Map<string, T>;
  broken: Set<string>;
}

export async function readListTypes(
  dir: string,
  domains: ReadonlySet<string> | null,
  types: EntriesRead<RecordType>,
  problems: CatalogProblem[],
): Promise<EntriesRead<ListType>> {
  const read = await readEntryFiles(dir, LIST_TYPES_DIR, listTypeSchema, 'list type', problems);
  // escalation may point at any list file, so every file is parsed before the checks
  const lists = new Map<string, ListType>(read.parsed.map(({ entry }) => [entry.id, entry]));
  const ctx = {
    domains,
    recordTypes: types.valid,
    brokenTypes: types.broken,
    lists,
    brokenLists: read.broken,
  };
  return settleEntries<ListType>(read, problems, (list, source) =>
    checkListType(list, ctx, source.report),
  );
}

export async function readMeasures(
  dir: string,
  domains: ReadonlySet<string> | null,
  lists: EntriesRead<ListType>,
  problems: CatalogProblem[],
): Promise<Map<string, Measure>> {
  const read = await readEntryFiles(dir, MEASURES_DIR, measureSchema, 'measure', problems);
  const ctx = { domains, lists: lists.valid, brokenLists: lists.broken };
  return settleEntries<Measure>(read, problems, (measure, source) =>
    checkMeasure(measure, ctx, source.report),
  ).valid;
}
