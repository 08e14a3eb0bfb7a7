import type { Subject, SubjectKind } from '../domain/subject.js';
import { isFuzzyKey, subjectSearchKeys } from '../domain/search/subject-keys.js';

/** Which subjects a search may return: of one kind, in one region (a division-code prefix). */
export interface SearchFilter {
  kind?: SubjectKind;
  region?: string;
}

/** A stored search key that matched, and whose it is. */
export interface KeyMatch {
  subjectId: string;
  kind: string;
  key: string;
}

/**
 * Above this many values a lookup takes them all in one statement (one-edit neighbours, mostly
 * absent keys), below it one indexed range each (a common key stops at its limit at once).
 */
export const FEW_VALUES = 16;

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

/**
 * Where a key with one typo can still be found: the whole form cut into pieces of at least 3
 * letters (what a trigram index can look up), as groups that all must be in a key. One edit
 * breaks at most one piece, so of three pieces some pair is intact (three groups of two); of
 * two, one is (two groups of one). Forms under 6 letters are left to the exact keys.
 */
export function typoPieces(form: string): string[][] {
  const n = form.length;
  if (n < 6) return [];
  if (n < 9) {
    const half = Math.floor(n / 2);
    return [[form.slice(0, half)], [form.slice(half)]];
  }
  const a = Math.floor(n / 3);
  const b = Math.floor((2 * n) / 3);
  const [x, y, z] = [form.slice(0, a), form.slice(a, b), form.slice(b)];
  // a transposition across a cut breaks two pieces: a long piece alone is selective enough
  return [[x, y], [x, z], [y, z], ...[x, y, z].filter((p) => p.length >= 7).map((p) => [p])];
}
