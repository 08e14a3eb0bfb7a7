import type { NewAuditEntry } from '../domain/audit.js';
import type { RecordVersion } from '../domain/record.js';

/** Column names of `record_versions`, in the order `recordValues` gives the values (both backends). */
export const RECORD_COLUMN_NAMES = [
  'id',
  'record_id',
  'subject_id',
  'version',
  'supersedes',
  'action',
  'reason',
  'type',
  'authority_id',
  'legal_basis',
  'document_number',
  'decision_date',
  'effective_date',
  'end_date',
  'facts',
  'severity',
  'disclosure',
  'fields',
  'amounts',
  'source_ref',
  'content_hash',
  'recorded_at',
  'recorded_by',
] as const;

/** A record version as column values in `RECORD_COLUMN_NAMES` order, JSON as text. */
export function recordValues(
  v: RecordVersion,
  recordedAt = v.recordedAt,
): (string | number | null)[] {
  return [
    v.id,
    v.recordId,
    v.subjectId,
    v.version,
    v.supersedes,
    v.action,
    v.reason,
    v.type,
    v.authorityId,
    v.legalBasis,
    v.documentNumber,
    v.decisionDate,
    v.effectiveDate,
    v.endDate,
    v.facts,
    v.severity,
    v.disclosure,
    JSON.stringify(v.fields),
    JSON.stringify(v.amounts),
    v.sourceRef,
    v.contentHash,
    recordedAt,
    v.recordedBy,
  ];
}

/** The audit entry as stored: `at` in `toISOString` form, payload as JSON reads it back, so hashes verify. */
export function normaliseAudit(entry: NewAuditEntry): NewAuditEntry {
  return {
    at: new Date(entry.at).toISOString(),
    actor: entry.actor,
    action: entry.action,
    subjectIds: [...entry.subjectIds],
    payload: JSON.parse(JSON.stringify(entry.payload ?? null)) as unknown,
  };
}

/** Values for `audit_log (seq, at, actor, action, subject_ids, payload, prev_hash, hash)`, JSON as text. */
export function auditValues(seq: number, stored: NewAuditEntry, prevHash: string, hash: string) {
  return [
    seq,
    stored.at,
    stored.actor,
    stored.action,
    JSON.stringify(stored.subjectIds),
    JSON.stringify(stored.payload),
    prevHash,
    hash,
  ];
}
