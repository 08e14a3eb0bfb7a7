/** Records: one decision or fact from one authority about one subject (SPEC 4.3). */

/**
 * The columns every submission has (CSV header, JSON keys, API body): the subject inline,
 * then the record's common properties. Any other column is a field of the record type.
 */
export const SUBMISSION_COLUMNS = [
  'subject_identifier',
  'subject_scheme',
  'subject_name',
  'subject_name_en',
  'subject_kind',
  'subject_region',
  'type',
  'authority',
  'source_ref',
  'legal_basis',
  'document_number',
  'decision_date',
  'effective_date',
  'end_date',
  'facts',
  'severity',
  'currency',
] as const;

export type DisclosureLevel = 'public' | 'restricted';

/** What a version does to its record: the first submission, a correction, or a revocation. */
/** `repair`: an approved credit repair ended the record's publication early; content unchanged. */
export type VersionAction = 'submit' | 'correct' | 'revoke' | 'repair';

/** A money amount in integer minor units (fen for CNY). */
export interface Amount {
  field: string;
  minor: number;
  currency: string;
}

export type FieldValue = string | number | boolean | string[];

/** The content a furnisher submits; everything else about a version is derived. */
export interface RecordContent {
  type: string;
  authorityId: string;
  legalBasis: string;
  documentNumber: string | null;
  decisionDate: string;
  effectiveDate: string | null;
  /** the day the conduct or obligation ended (retention and some windows count from it) */
  endDate: string | null;
  facts: string | null;
  severity: string | null;
  fields: Record<string, FieldValue>;
  amounts: Amount[];
  sourceRef: string;
}

/** One immutable stored version of a record. */
export interface RecordVersion extends RecordContent {
  /** id of this version */
  id: string;
  /** id shared by every version of the record (the first version's id) */
  recordId: string;
  subjectId: string;
  version: number;
  supersedes: string | null;
  action: VersionAction;
  reason: string | null;
  disclosure: DisclosureLevel;
  /** sha-256 of the canonical content, for idempotent re-submission */
  contentHash: string;
  recordedAt: string;
  recordedBy: string;
}

/**
 * What a rating looks at of a record version: what it is, when, its fields and amounts, and
 * enough to tell the current version. The texts (legal basis, facts, references) stay unread.
 */
export type RecordFacts = Pick<
  RecordVersion,
  | 'id'
  | 'recordId'
  | 'subjectId'
  | 'version'
  | 'action'
  | 'type'
  | 'severity'
  | 'fields'
  | 'amounts'
  | 'decisionDate'
  | 'effectiveDate'
  | 'endDate'
  | 'recordedAt'
>;

/** Status of a record as of a date (SPEC 4.3 statuses). */
export type RecordStatus = 'active' | 'expired' | 'repaired' | 'corrected' | 'revoked';

/** Whether the public may see it as of the date. */
export type Visibility = 'public' | 'not_public' | 'restricted';
