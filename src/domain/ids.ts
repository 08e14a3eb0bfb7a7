import { createHmac } from 'node:crypto';
import { sha256 } from './audit.js';
import type { IdentifierScheme } from './subject.js';

/**
 * The secret a store makes its persons' ids with: 64 hex digits, drawn once when the store is
 * first migrated and kept in it (a copy of the store keeps it, and so its ids).
 */
export type SubjectIdKey = string;

/**
 * Organizations' schemes: their identifiers are public in full, so their ids are plain hashes,
 * the same in every store. Every other scheme (a resident ID, a passport, any added later) is
 * a person's, and keyed.
 */
const PUBLIC_SCHEMES: ReadonlySet<IdentifierScheme> = new Set(['uscc', 'lei', 'legacy_reg']);

/**
 * Ids are derived from what identifies a thing, not drawn at random, so that an import re-run
 * after a crash ends with exactly the store an uninterrupted run makes. A person's is keyed
 * (HMAC-SHA256 with the store's key), so that it does not reverse offline to the person's
 * number (SPEC 4.9); an organization's is the plain hash of its public identifier.
 */
export function subjectIdFor(key: SubjectIdKey, scheme: IdentifierScheme, value: string): string {
  if (PUBLIC_SCHEMES.has(scheme)) return unkeyedSubjectId(scheme, value);
  const digest = createHmac('sha256', Buffer.from(key, 'hex'))
    .update(`${scheme}:${value}`)
    .digest('hex');
  return `sub_${digest.slice(0, 24)}`;
}

/** whether a scheme's holders get keyed ids: persons' schemes */
export const isKeyedScheme = (scheme: string): boolean =>
  !PUBLIC_SCHEMES.has(scheme as IdentifierScheme);

/** The plain hash id: an organization's, and every subject's before ids were keyed. */
export function unkeyedSubjectId(scheme: string, value: string): string {
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
