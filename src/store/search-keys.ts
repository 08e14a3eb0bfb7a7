import type { Subject, SubjectKind } from '../domain/subject.js';
import { isFuzzyKey, subjectSearchKeys } from '../domain/search/subject-keys.js';

/** Which subjects a search may return: of one kind, in one region (a division-code prefix). */
export interface SearchFilter {
  kind?: SubjectKind;
  region?: string;
}

/** A stored search key that matched, and (fuzzy matches) how similar the store found it. */
export interface KeyMatch {
  subjectId: string;
  kind: string;
  key: string;
}

/** A `search_keys` row as both adapters write it. */
export interface SearchKeyRow {
  subjectId: string;
  kind: string;
  key: string;
  fuzzy: boolean;
}

/** The rows that index these subjects' names. */
export const searchKeyRows = (
  subjects: ReadonlyArray<Pick<Subject, 'id' | 'kind' | 'names'>>,
): SearchKeyRow[] =>
  subjects.flatMap((s) =>
    subjectSearchKeys(s).map((k) => ({
      subjectId: s.id,
      kind: k.kind,
      key: k.value,
      fuzzy: isFuzzyKey(k),
    })),
  );

/** The trigrams of a key, for an FTS5 OR query (each quoted: a trigram may hold any letter). */
export function trigramsOf(value: string): string[] {
  const chars = [...value];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}
