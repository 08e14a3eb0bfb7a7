import { randomBytes } from 'node:crypto';
import { isKeyedScheme, subjectIdFor, unkeyedSubjectId, type SubjectIdKey } from '../domain/ids.js';

/**
 * What both adapters share of keyed person ids (SPEC 4.9, migration 015): where the key is kept,
 * and how a store made before it moves its persons to ids that do not reverse to their numbers.
 */

export const SUBJECT_ID_KEY_NAME = 'subject_id_key';
export const SELECT_SUBJECT_ID_KEY = `SELECT value FROM store_secrets WHERE name = '${SUBJECT_ID_KEY_NAME}'`;

/** The key as read from the store, or an error that says the store was not migrated. */
export function storedSubjectIdKey(value: unknown): SubjectIdKey {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value))
    throw new Error("the store has no key for persons' ids: migrate it first");
  return value;
}

/**
 * The store's key once read, shared by its transactions: it changes only when a migration draws
 * it (015), after which the store reads it again, so writes need not read it batch by batch.
 */
export interface SubjectIdKeyCache {
  key: SubjectIdKey | null;
}

/** A new store's key: 256 random bits, drawn once, never shown. */
export const newSubjectIdKey = (): SubjectIdKey => randomBytes(32).toString('hex');

/**
 * Columns that hold a subject id besides every column named subject_id (found in the schema,
 * so that a table added later follows too) and subjects.id itself. The audit log is not among
 * them: its entries are hashed into the chain, and published checkpoints commit to them as
 * written, so it keeps the ids it was written with (it is the operator's alone).
 */
export const OTHER_ID_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['subject_relations', 'other_id'],
  ['subject_merges', 'duplicate_id'],
  ['subjects', 'merged_into'],
];

/** JSON text that may name a subject by id (a transition's data, a rating's explanation). */
export const JSON_ID_COLUMNS: ReadonlyArray<readonly [string, string, string]> = [
  ['list_transitions', 'seq', 'data'],
  ['ratings', 'id', 'result'],
];

/** a subject id inside JSON text */
export const SUBJECT_ID_TOKEN = /sub_[0-9a-f]{24}/g;

/** identifier rows read per page while the old ids are worked out */
export const REKEY_PAGE = 10_000;

/**
 * The old (plain hash) and new (keyed) id of each person's identifier in a page: a subject whose
 * id is the old one was made from that identifier, so it takes the new one. A duplicate merged
 * away has its identifiers on the subject kept, and is found by them all the same.
 */
export function rekeyPairs(
  key: SubjectIdKey,
  rows: ReadonlyArray<{ scheme: string; value: string }>,
): Array<[string, string]> {
  return rows
    .filter((r) => isKeyedScheme(r.scheme))
    .map((r) => [
      unkeyedSubjectId(r.scheme, r.value),
      subjectIdFor(key, r.scheme as never, r.value),
    ]);
}
