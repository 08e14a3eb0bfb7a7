/**
 * The one catalog of coded errors. Services throw `CredenceError`s; the CLI and
 * (later) the HTTP layer turn them into messages and exit codes or responses.
 * Every code has a status (HTTP-style) and a one-line description of the rule.
 */
export const ERRORS = {
  // identifiers
  ID_EMPTY: { status: 400, rule: 'an identifier is required' },
  ID_UNKNOWN_SCHEME: { status: 400, rule: 'the value matches no known identifier scheme' },
  USCC_LENGTH: { status: 400, rule: 'a USCC has exactly 18 characters' },
  USCC_FORMAT: {
    status: 400,
    rule: 'a USCC uses the alphabet 0-9 A-H J-N P-R T U W-Y and digits in positions 3-8',
  },
  USCC_CHECKSUM: { status: 400, rule: 'the USCC check character (GB 32100) does not match' },
  RIC_LENGTH: { status: 400, rule: 'a resident ID number has exactly 18 characters' },
  RIC_FORMAT: { status: 400, rule: 'a resident ID number is 17 digits and a digit or X' },
  RIC_CHECKSUM: {
    status: 400,
    rule: 'the resident ID check character (ISO 7064 MOD 11-2) does not match',
  },
  RIC_DATE: { status: 400, rule: 'the birth date must be a real date, not in the future' },
  RIC_REGION: {
    status: 400,
    rule: 'the address code must start with a known province code (GB/T 2260)',
  },
  LEI_LENGTH: { status: 400, rule: 'an LEI has exactly 20 characters' },
  LEI_FORMAT: { status: 400, rule: 'an LEI is 18 letters or digits followed by 2 check digits' },
  LEI_CHECKSUM: { status: 400, rule: 'the LEI check digits (ISO 7064 MOD 97-10) do not match' },
  PASSPORT_FORMAT: { status: 400, rule: 'a passport number is 5 to 20 letters or digits' },
  LEGACY_REG_FORMAT: { status: 400, rule: 'a legacy registration number is 13 or 15 digits' },

  // catalog
  CATALOG_INVALID: { status: 500, rule: 'the catalog files must pass validation' },
  CATALOG_ENTRY_NOT_FOUND: { status: 404, rule: 'the catalog has no entry with this id' },
  CATALOG_NOT_FOUND: { status: 500, rule: 'the catalog directory must exist and hold YAML files' },

  // subjects and authorities
  SUBJECT_NOT_FOUND: { status: 404, rule: 'no subject carries this identifier' },
  SUBJECT_KIND_INVALID: {
    status: 400,
    rule: 'kind is one of person, business, government, social_org',
  },
  SUBJECT_KIND_MISMATCH: {
    status: 400,
    rule: 'the identifier scheme does not fit the subject kind',
  },
  SUBJECT_NAME_REQUIRED: { status: 400, rule: 'a new subject needs a name' },
  SUBJECT_IDENTIFIER_TAKEN: {
    status: 409,
    rule: 'the identifier already belongs to another subject',
  },
  SUBJECT_NAME_UNCHANGED: {
    status: 409,
    rule: 'a new name differs from the current name in its language',
  },
  SUBJECT_MERGE_SELF: { status: 400, rule: 'a subject cannot be merged into itself' },
  SUBJECT_MERGE_KIND: { status: 400, rule: 'only subjects of the same kind can be merged' },
  SUBJECT_MERGED: {
    status: 409,
    rule: 'the subject has been merged into another: act on the subject it was merged into',
  },
  SUBJECT_MERGE_NOT_FOUND: { status: 404, rule: 'no merge has this id' },
  SUBJECT_MERGE_UNDONE: { status: 409, rule: 'the merge has already been undone' },
  SUBJECT_MERGE_UNDO_BLOCKED: {
    status: 409,
    rule: 'the subject kept has since been merged into another: undo that merge first',
  },
  REGION_INVALID: { status: 400, rule: 'a region is a 6-digit division code' },
  AUTHORITY_NOT_FOUND: { status: 404, rule: 'the authority must be registered first' },
  AUTHORITY_INVALID: {
    status: 400,
    rule: 'an authority needs a valid USCC, a name, known domains and regions',
  },

  // records
  RECORD_TYPE_UNKNOWN: { status: 400, rule: 'the record type must be in the catalog' },
  RECORD_DOMAIN_FORBIDDEN: {
    status: 403,
    rule: "the authority's domains do not include this record type",
  },
  RECORD_REGION_FORBIDDEN: {
    status: 403,
    rule: "the subject's region is outside the authority's regions",
  },
  RECORD_SUBJECT_KIND: {
    status: 400,
    rule: 'this record type does not apply to this kind of subject',
  },
  LEGAL_BASIS_REQUIRED: { status: 400, rule: 'every record names its legal basis' },
  FIELD_REQUIRED: { status: 400, rule: 'the field is required' },
  FIELD_UNKNOWN: { status: 400, rule: 'the field is not defined for this record type' },
  FIELD_TYPE: { status: 400, rule: 'the value does not have the field type' },
  FIELD_ENUM: { status: 400, rule: 'the value is not one of the allowed values' },
  FIELD_RANGE: { status: 400, rule: 'the value is outside the allowed range' },
  FIELD_PATTERN: { status: 400, rule: 'the value does not match the required pattern' },
  DATE_INVALID: { status: 400, rule: 'a date is a real calendar date written YYYY-MM-DD' },
  DATE_ORDER: { status: 400, rule: 'the dates are out of order' },
  AMOUNT_INVALID: {
    status: 400,
    rule: 'an amount is a non-negative decimal with at most 2 places (yuan), stored in minor units',
  },
  CURRENCY_INVALID: { status: 400, rule: 'a currency is a 3-letter ISO 4217 code' },
  SOURCE_REF_REQUIRED: {
    status: 400,
    rule: "every record carries the furnisher's source reference",
  },
  SOURCE_REF_CONFLICT: {
    status: 409,
    rule: 'this source reference was already submitted with other content; correct the record instead',
  },
  RECORD_NOT_FOUND: { status: 404, rule: 'no record has this id' },
  RECORD_REVOKED: { status: 409, rule: 'a revoked record cannot be corrected or revoked again' },
  RECORD_REPAIRED: {
    status: 409,
    rule: 'a repaired record is out of public view for good: it can be revoked, not corrected',
  },
  RECORD_STALE_VERSION: {
    status: 409,
    rule: 'only the current version of a record can be changed',
  },
  REASON_REQUIRED: { status: 400, rule: 'a correction or revocation states its reason' },
  // lists and measures
  LIST_ENTRY_NOT_FOUND: { status: 404, rule: 'no list entry has this id' },
  LIST_TYPE_UNKNOWN: { status: 400, rule: 'the list type must be in the catalog' },
  LIST_TRANSITION_INVALID: {
    status: 409,
    rule: 'entries go proposed → noticed → effective → removed, or to rejected before effect',
  },
  LIST_NOTICE_PERIOD_OPEN: {
    status: 409,
    rule: 'no decision before the period to state a case ends, unless the subject waives it',
  },
  LIST_AUTHORITY_FORBIDDEN: {
    status: 403,
    rule: 'only an authority of the owning domain, with jurisdiction over the subject, acts on a list',
  },
  LIST_CRITERIA_UNMET: {
    status: 400,
    rule: "a designation rests on records of the subject that meet the list type's criteria",
  },
  LIST_ALREADY_LISTED: { status: 409, rule: 'the subject already has an open entry on this list' },
  LIST_EXTENSION_INVALID: {
    status: 400,
    rule: 'an extension must be allowed by the list type, within its bounds and count',
  },
  LIST_EARLY_REMOVAL_TOO_SOON: {
    status: 409,
    rule: 'early removal only after the minimum time served, where the list type allows it',
  },
  LIST_REMOVAL_INVALID: {
    status: 400,
    rule: 'the removal reason must be one the list type allows',
  },
  MEASURE_ACTION_UNKNOWN: {
    status: 400,
    rule: 'the action code must be governed by a catalog measure',
  },

  // import
  IMPORT_FORMAT: {
    status: 400,
    rule: 'import files are CSV (.csv) or JSON Lines (.jsonl, .ndjson)',
  },
  IMPORT_ROW_MALFORMED: { status: 400, rule: 'the line could not be parsed' },

  // ratings: statistical scorecards
  SCORECARD_DATA_FORMAT: {
    status: 400,
    rule: 'training data is CSV with a header row, or the whitespace-separated German credit layout',
  },
  SCORECARD_TARGET_MISSING: { status: 400, rule: 'the target column must be in the data' },
  SCORECARD_TARGET_VALUES: {
    status: 400,
    rule: 'the target column holds exactly two values in every row, one of them the good value',
  },
  SCORECARD_GOOD_VALUE_REQUIRED: {
    status: 400,
    rule: 'name the good value of the target unless it is 0/1 (then 1 = bad)',
  },
  SCORECARD_TOO_FEW_ROWS: {
    status: 400,
    rule: 'training needs at least 50 rows and at least as many goods and as many bads as folds',
  },
  SCORECARD_NO_CHARACTERISTICS: {
    status: 400,
    rule: 'at least one characteristic must reach the minimum information value',
  },
  SCORECARD_OPTION_INVALID: {
    status: 400,
    rule: 'scaling and training options are finite numbers in their ranges',
  },
  SCORECARD_MODEL_INVALID: { status: 400, rule: 'a scorecard model file must pass validation' },
  SCORECARD_COLUMN_INVALID: {
    status: 400,
    rule: '--include and --exclude name columns of the data other than the target, and leave one to train on',
  },
  SCORECARD_UNMAPPED: {
    status: 400,
    rule: 'a published scorecard reads every characteristic from records: each has a source (record type, field, aggregate)',
  },
  SCORECARD_MAPPING_INVALID: {
    status: 400,
    rule: 'a mapping file gives a source to characteristics the scorecard has, on record types and fields of the catalog',
  },

  // ratings: runs
  RATING_RUN_NOT_FOUND: { status: 404, rule: 'no rating run has this id' },
  RATING_MODEL_UNKNOWN: { status: 400, rule: 'the rating model must be in the catalog' },
  RATING_RUNS_INCOMPARABLE: { status: 400, rule: 'only runs of the same rating model compare' },

  // accounts, inquiries and access
  ACCOUNT_INVALID: {
    status: 400,
    rule: 'an account has a name and a role; a subject account names its subject, every other an authority',
  },
  ACCOUNT_NOT_FOUND: { status: 404, rule: 'no account has this id' },
  PURPOSE_UNKNOWN: { status: 400, rule: 'the purpose of an inquiry must be in the catalog' },
  PURPOSE_FORBIDDEN: {
    status: 403,
    rule: 'the purpose must be one the reader’s role may state (each catalog purpose names its roles)',
  },
  AUTH_REQUIRED: { status: 401, rule: 'this route needs an API key or a token' },
  AUTH_INVALID: {
    status: 401,
    rule: 'the API key or token is not valid, or its account is disabled',
  },
  ROLE_FORBIDDEN: { status: 403, rule: "the account's role may not use this route" },
  AUTHORITY_MISMATCH: {
    status: 403,
    rule: 'an account acts only for its own authority',
  },

  // HTTP requests
  REQUEST_INVALID: { status: 400, rule: 'the request must match the documented schema' },
  REQUEST_MALFORMED: { status: 400, rule: 'the request body must be well-formed JSON' },
  REQUEST_TOO_LARGE: { status: 413, rule: 'the request body exceeds the size limit' },
  REQUEST_CONTENT_TYPE: {
    status: 415,
    rule: 'the content type must be one the route accepts (application/json unless documented)',
  },
  BATCH_TOO_LARGE: { status: 413, rule: 'a batch holds at most the documented number of items' },
  ROUTE_NOT_FOUND: { status: 404, rule: 'no route has this method and path' },
  RATE_LIMITED: { status: 429, rule: 'too many requests from this account; retry later' },
  REQUEST_TIMEOUT: { status: 503, rule: 'the request took longer than the server allows' },
  NOT_READY: { status: 503, rule: 'the server is starting or stopping' },
  IMPORT_NOT_FOUND: { status: 404, rule: 'no import has this id' },
  WEBHOOK_NOT_FOUND: { status: 404, rule: 'no webhook of this account has this id' },
  WEBHOOK_URL_INVALID: {
    status: 400,
    rule: 'a webhook URL is an absolute http or https URL of at most 2000 characters',
  },
  INTERNAL: { status: 500, rule: 'an unexpected error; it is logged with the request id' },

  // inputs that never fail open (issue 26)
  ENCODING_INVALID: {
    status: 400,
    rule: 'request bodies and files are UTF-8 text; bytes that are not are refused, never replaced',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    rule: 'the path has routes, but not for this method: the Allow header lists them',
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    rule: 'the request line and headers together stay under 16 KiB',
  },
  HTTP_MALFORMED: { status: 400, rule: 'the request must be well-formed HTTP/1.1' },
  CLIENT_TIMEOUT: {
    status: 408,
    rule: 'the request must arrive whole within the time the server allows',
  },

  // the store unreachable or busy (issue 17: outages and contention); answered with Retry-After
  STORE_UNAVAILABLE: {
    status: 503,
    rule: 'the database cannot be reached; retry after the seconds Retry-After gives',
  },
  BACKUP_FAILED: { status: 500, rule: 'the backup or restore could not be completed' },
  BACKUP_TARGET_EXISTS: {
    status: 409,
    rule: 'a backup is written to a new file, and restored only into an empty store (or with --force on SQLite)',
  },
  BACKUP_FOLDER_MISSING: {
    status: 400,
    rule: 'a backup is written into a folder that exists',
  },
  BACKUP_INVALID: {
    status: 400,
    rule: 'the backup must be a Credence store whose audit chain verifies',
  },
  IMPORT_WRITE_FAILED: {
    status: 503,
    rule: 'a batch could not be written (e.g. the disk is full); the batches before it are committed and a re-run resumes',
  },
  IMPORT_REPORT_FAILED: {
    status: 400,
    rule: 'the error report file must be writable (its directory must exist and have room)',
  },
  IMPORT_ROW_REJECTED: {
    status: 400,
    rule: 'with --strict, an import stops at the batch boundary before its first rejected row',
  },
  IMPORT_STOPPED: {
    status: 503,
    rule: 'the import stopped at a batch boundary (a shutdown); run it again to resume',
  },
  STORE_DISK_FULL: {
    status: 503,
    rule: "the database's file system must have room for writes (at least CREDENCE_SQLITE_MIN_FREE_MB free); retry after the seconds Retry-After gives",
  },
  STORE_BUSY: {
    status: 503,
    rule: "another process holds the database's write lock; retry after the seconds Retry-After gives",
  },

  // objections
  OBJECTION_INVALID: {
    status: 400,
    rule: 'an objection names an item of the file and states its grounds',
  },
  OBJECTION_NOT_FOUND: { status: 404, rule: 'no objection has this id' },
  OBJECTION_ALREADY_OPEN: { status: 409, rule: 'an item has at most one open objection' },
  OBJECTION_CLOSED: { status: 409, rule: 'an objection is answered once' },
  OBJECTION_OUTCOME_REQUIRED: {
    status: 400,
    rule: 'an upheld objection to a record corrects or revokes it',
  },
  OBJECTION_RECONSIDER_INVALID: {
    status: 409,
    rule: 'a reconsideration contests a rejected objection to the same item, within the period the rule allows',
  },
  RATING_NOT_FOUND: { status: 404, rule: 'no rating of this subject has this id' },

  // credit repair
  REPAIR_INVALID: {
    status: 400,
    rule: 'a repair application names an item of the file, the obligations performed with evidence, and a commitment',
  },
  REPAIR_NOT_AVAILABLE: {
    status: 409,
    rule: 'only a published record whose type and tier allow repair, or an effective entry of a list with early removal, can be repaired',
  },
  REPAIR_TOO_EARLY: {
    status: 409,
    rule: 'repair can be applied for once the catalog’s minimum period has passed',
  },
  REPAIR_OBLIGATION_UNPERFORMED: {
    status: 400,
    rule: 'every obligation of the repair rule is declared performed, with at least one piece of evidence',
  },
  REPAIR_ALREADY_OPEN: { status: 409, rule: 'an item has at most one open repair application' },
  REPAIR_NOT_FOUND: { status: 404, rule: 'no repair application has this id' },
  REPAIR_STEP_INVALID: {
    status: 409,
    rule: 'the platform forwards a submitted application; the authority decides a forwarded one; a decided one is final',
  },

  // search
  RECONCILE_INVALID: {
    status: 400,
    rule: 'queries is a JSON object of queries by key (a letter or digit, then up to 63 of letters, digits, _ . : -), each with a query of 1 to 200 characters and optionally known types, a positive limit and one region',
  },
  SEARCH_INVALID: {
    status: 400,
    rule: 'a search names a query of 1 to 200 characters, and optionally a kind, a region prefix and whether listed',
  },

  SCREEN_INVALID: {
    status: 400,
    rule: 'a screening batch holds 1 to 100 queries, each with a name or an identifier',
  },

  // persons re-identifiable (issue 25): finding a person in public, screening persons
  PUBLIC_LOOKUP_NAME_REQUIRED: {
    status: 400,
    rule: 'a person is found in public only by the full identifier together with the name',
  },
  SCREEN_PURPOSE_REQUIRED: {
    status: 400,
    rule: 'screening a person (by kind, birth date or a person’s identifier) states a catalog purpose',
  },
  SCREENING_RATE_LIMITED: {
    status: 429,
    rule: 'too many screening or reconciliation queries from this account in a minute; retry after the time Retry-After gives',
  },
  LOOKUP_THROTTLED: {
    status: 429,
    rule: 'too many lookups from this address found no subject; retry after the time Retry-After gives',
  },

  // audit
  AUDIT_EMPTY: { status: 409, rule: 'a checkpoint needs at least one audit entry' },
  CHECKPOINT_INVALID: {
    status: 400,
    rule: 'a checkpoint is SEQ:HASH, the sequence number and 64 hex digits of the entry hash',
  },

  // issue 25, writes in an officer's scope: what an identifier encodes, who writes subjects and relations
  SUBJECT_REGION_IMPLIED: {
    status: 400,
    rule: "a USCC's positions 3-8 and a resident ID's first 6 digits are the subject's region; a submitted region may not contradict them",
  },
  SUBJECT_KIND_IMPLIED: {
    status: 400,
    rule: "a USCC's positions 1-2 imply the subject's kind; a submitted kind may not contradict them",
  },
  SUBJECT_REGION_UNKNOWN: {
    status: 400,
    rule: 'a subject region is a division code of the current GB/T 2260 list',
  },
  SUBJECT_REGION_FORBIDDEN: {
    status: 403,
    rule: 'an authority registers and changes subjects only in its regions; an operator, any',
  },
  RELATION_SCOPE: {
    status: 403,
    rule: "a legal representative, principal or actual controller is recorded only by an operator or a market-registration authority whose regions cover the organization's; a shareholder, by an authority whose regions cover it",
  },
  RELATION_BASIS_REQUIRED: {
    status: 400,
    rule: 'a legal representative, principal or actual controller relation names its basis document (e.g. the registration it comes from)',
  },
  RELATION_SUBJECT_KIND: {
    status: 400,
    rule: 'relations are recorded on an organization, not on a person',
  },

  // trust at the edges (issue 25, other findings: webhooks, purposes, consent, sign-in, accounts)
  WEBHOOK_TARGET_FORBIDDEN: {
    status: 400,
    rule: 'a webhook URL resolves only to public addresses: not loopback, private, link-local, unique-local, multicast or unspecified ones, unless the operator allows them',
  },
  PURPOSE_OUT_OF_SCOPE: {
    status: 403,
    rule: 'the purpose serves only the domains and jurisdictions the catalog names: the reader’s authority acts in one of its domains, and the subject is in the reader’s regions where the purpose says so',
  },
  CONSENT_REQUIRED: {
    status: 400,
    rule: 'a consent-based purpose needs the subject’s consent: consentDocument, consentDate and consentScope',
  },
  CONSENT_INVALID: {
    status: 400,
    rule: 'a consent reference has a document id (1 to 128 characters), a real calendar date (YYYY-MM-DD) not after today and a scope (1 to 500 characters), and goes only with a consent-based purpose',
  },
  AUTH_THROTTLED: {
    status: 429,
    rule: 'too many failed sign-ins from this address or for this key; retry after the time given',
  },
  TOKEN_KEY_REQUIRED: {
    status: 403,
    rule: 'a token is issued in exchange for an API key, not for another token',
  },
  ACCOUNT_SELF: {
    status: 409,
    rule: 'an operator cannot disable or demote its own account',
  },
  AUTHORITY_REASON_REQUIRED: {
    status: 400,
    rule: 'a change to an authority states its reason',
  },

  // demo
  DEMO_KEYS_MISSING: {
    status: 404,
    rule: 'the demo keys are written by `credence serve --demo` (npm start) on an empty database',
  },

  // configuration and storage
  CONFIG_INVALID: { status: 500, rule: 'the configuration must be valid' },
  DB_URL_INVALID: { status: 500, rule: 'the database is a file path or a postgres:// URL' },
  DB_PATH_UNWRITABLE: {
    status: 500,
    rule: 'a SQLite database is a file that can be created and written at the path given',
  },
  PORT_IN_USE: { status: 500, rule: 'the server listens on a port no other program holds' },
  FILE_NOT_FOUND: { status: 400, rule: 'the file named must exist and be readable' },
  DURATION_INVALID: {
    status: 400,
    rule: 'a duration is ISO 8601 in years, months and days (PnYnMnD), e.g. P1Y or P6M',
  },
} as const satisfies Record<string, { status: number; rule: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorDetail {
  /** the input field the problem is about, e.g. `subject_identifier` or `fields.fine_amount` */
  field?: string;
  /** extra data a caller may show, never internals */
  [key: string]: unknown;
}

export class CredenceError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly rule: string;
  readonly field: string | undefined;
  readonly detail: ErrorDetail;

  constructor(code: ErrorCode, message?: string, detail: ErrorDetail = {}) {
    const entry = ERRORS[code];
    super(message ?? entry.rule);
    this.name = 'CredenceError';
    this.code = code;
    this.status = entry.status;
    this.rule = entry.rule;
    this.field = detail.field;
    this.detail = detail;
  }

  toJSON(): { code: ErrorCode; field?: string; rule: string; message: string } {
    return {
      code: this.code,
      ...(this.field ? { field: this.field } : {}),
      rule: this.rule,
      message: this.message,
    };
  }
}

/** Throws a coded error; a short form for validation code. */
export function fail(code: ErrorCode, message?: string, detail?: ErrorDetail): never {
  throw new CredenceError(code, message, detail);
}

export function isCredenceError(value: unknown): value is CredenceError {
  return value instanceof CredenceError;
}
