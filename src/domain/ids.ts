import { sha256 } from './audit.js';
import type { IdentifierScheme } from './subject.js';

/**
 * Ids are derived from what identifies a thing, not drawn at random, so that an
 * import re-run after a crash ends with exactly the store an uninterrupted run makes.
 */
export function subjectIdFor(scheme: IdentifierScheme, value: string): string {
  return `sub_${sha256(`${scheme}:${value}`).slice(0, 24)}`;
}

/** The id of one version of the record a furnisher knows by `sourceRef`. */
export function recordVersionId(authorityId: string, sourceRef: string, version: number): string {
  return `rec_${sha256(`${authorityId}\u0000${sourceRef}\u0000${version}`).slice(0, 24)}`;
}

/** The id of a merge: what it joins, and how many merges the duplicate took part in before. */
export function subjectMergeId(subjectId: string, duplicateId: string, earlier: number): string {
  return `mrg_${sha256(`${subjectId}\u0000${duplicateId}\u0000${earlier}`).slice(0, 24)}`;
}
