import type { Catalog, RecordType } from '../../domain/catalog.js';
import { isIsoDate } from '../../domain/dates.js';
import { isAbsent, validateFields } from '../../domain/fields.js';
import {
  isKnownDivision,
  safeParseIdentifier,
  type IdentifierInfo,
} from '../../domain/identifiers/index.js';
import { SUBMISSION_COLUMNS, type RecordContent } from '../../domain/record.js';
import {
  IDENTIFIER_SCHEMES,
  isSubjectKind,
  type IdentifierScheme,
  type SubjectKind,
} from '../../domain/subject.js';
import { kindOf } from '../../domain/money-parse.js';
import { isStorableText, nameProblem } from '../../domain/text.js';
import type { ErrorCode } from '../../errors.js';

/**
 * A record as a furnisher sends it (one CSV row, one JSON line, one API body):
 * the subject inline, the common record columns, and the type's own fields.
 */
export type SubmissionInput = Record<string, unknown>;

/** One broken rule in one submission. */
export interface Problem {
  field: string;
  code: ErrorCode;
  message: string;
}

/** The subject a submission is about, as far as the submission says. */
export interface SubjectClaim {
  scheme: IdentifierScheme;
  value: string;
  kind: SubjectKind;
  region: string | null;
  name: string | null;
  nameEn: string | null;
}

export interface PreparedSubmission {
  subject: SubjectClaim;
  recordType: RecordType;
  content: RecordContent;
  warnings: string[];
}

export type Prepared = { ok: true; value: PreparedSubmission } | { ok: false; problems: Problem[] };

/** Any column that is not common is one of the type's fields. */
const COMMON: ReadonlySet<string> = new Set(SUBMISSION_COLUMNS);

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

/** Validates a submission against the catalog and the identifier rules; no store access. */
export function prepareSubmission(
  catalog: Catalog,
  given: SubmissionInput,
  today: string,
): Prepared {
  const problems: Problem[] = [];
  // a column refused for its type is not reported again as missing
  const mistyped = new Set<string>();
  const add = (field: string, code: ErrorCode, message: string) => {
    if (!mistyped.has(field)) problems.push({ field, code, message });
  };
  const warnings: string[] = [];
  unstorableText(given, add);
  const input = textColumns(given, (field, message) => {
    add(field, 'FIELD_TYPE', message);
    mistyped.add(field);
  });

  const typeId = text(input.type);
  const recordType = typeId ? catalog.recordTypes.get(typeId) : undefined;
  if (!typeId) add('type', 'FIELD_REQUIRED', 'type is required');
  else if (!recordType)
    add('type', 'RECORD_TYPE_UNKNOWN', `record type "${typeId}" is not in the catalog`);

  const subject = prepareSubject(input, today, add, warnings);
  if (subject && recordType && !recordType.subjectKinds.includes(subject.kind)) {
    add(
      'subject_kind',
      'RECORD_SUBJECT_KIND',
      `${recordType.id} does not apply to a ${subject.kind}`,
    );
  }

  const authority = text(input.authority);
  if (!authority) add('authority', 'FIELD_REQUIRED', 'authority is required');
  const legalBasis = text(input.legal_basis);
  if (!legalBasis)
    add(
      'legal_basis',
      'LEGAL_BASIS_REQUIRED',
      'legal_basis is required: every record names its legal basis',
    );
  const sourceRef = text(input.source_ref);
  if (!sourceRef)
    add(
      'source_ref',
      'SOURCE_REF_REQUIRED',
      "source_ref is required: the furnisher's own id for the record",
    );

  const dates = prepareDates(input, today, add);
  const severity = text(input.severity);
  if (recordType && severity !== null && !(recordType.severities ?? []).includes(severity)) {
    const allowed = recordType.severities?.join(', ') || 'none (the type has no severity)';
    add('severity', 'FIELD_ENUM', `severity "${severity}" is not allowed; allowed: ${allowed}`);
  }
  if (recordType?.publication.kind === 'tiered' && severity === null) {
    add(
      'severity',
      'FIELD_REQUIRED',
      `severity is required for ${recordType.id}: it sets the publication window`,
    );
  }

  let fields: RecordContent['fields'] = {};
  let amounts: RecordContent['amounts'] = [];
  if (recordType) {
    const own: Record<string, unknown> = {};
    const nested = input.fields;
    const hasNested = !!nested && typeof nested === 'object' && !Array.isArray(nested);
    if (hasNested) Object.assign(own, nested);
    for (const key of Object.keys(input)) {
      if (COMMON.has(key) || key === 'fields') continue;
      const value = input[key];
      // a CSV row has every type's columns, most of them empty: absent whether copied or not
      // (with `fields` beside them, a blank column still overrides its field, as it always has)
      if (hasNested || !isAbsent(value)) own[key] = value;
    }
    if (input.currency !== undefined) own.currency = input.currency;
    const result = validateFields(recordType, own);
    fields = result.fields;
    amounts = result.amounts;
    for (const p of result.problems) add(p.field, p.code, p.message);
  }

  if (problems.length > 0 || !recordType || !subject || !dates) return { ok: false, problems };
  return {
    ok: true,
    value: {
      subject,
      recordType,
      warnings,
      content: {
        type: recordType.id,
        authorityId: authority!,
        legalBasis: legalBasis!,
        documentNumber: text(input.document_number),
        decisionDate: dates.decisionDate,
        effectiveDate: dates.effectiveDate,
        endDate: dates.endDate,
        facts: text(input.facts),
        severity,
        fields,
        amounts,
        sourceRef: sourceRef!,
      },
    },
  };
}

type Add = (field: string, code: ErrorCode, message: string) => void;

/**
 * The input without common columns that hold no text (a boolean, a list, an object), each
 * reported: String() would read ['admin_penalty'] as a type and true as a legal basis.
 */
function textColumns(
  input: SubmissionInput,
  refuse: (field: string, message: string) => void,
): SubmissionInput {
  let kept = input;
  for (const field of SUBMISSION_COLUMNS) {
    const value = input[field];
    if (value === undefined || value === null || typeof value === 'string') continue;
    if (typeof value === 'number' && Number.isFinite(value)) continue;
    refuse(field, `${field} is a ${kindOf(value)}, not text`);
    if (kept === input) kept = { ...input };
    delete kept[field];
  }
  return kept;
}

/** Columns (and the type's fields under `fields`) holding text that cannot be stored. */
function unstorableText(input: SubmissionInput, add: Add): void {
  unstorableIn(input, add);
  const nested = input.fields;
  if (nested && typeof nested === 'object' && !Array.isArray(nested))
    unstorableIn(nested as Record<string, unknown>, add);
}

// the common column names are known to be storable; an empty value is, too (most CSV cells)
function unstorableIn(columns: Record<string, unknown>, add: Add): void {
  for (const field of Object.keys(columns)) {
    const value = columns[field];
    const bad = Array.isArray(value) ? value.some(unstorable) : unstorable(value);
    if (bad || (!COMMON.has(field) && !isStorableText(field)))
      add(field, 'FIELD_TYPE', `${field} holds a NUL character (U+0000) or a lone surrogate`);
  }
}

const unstorable = (value: unknown): boolean =>
  typeof value === 'string' && value !== '' && !isStorableText(value);

/** Validates the subject columns alone (subject_identifier, subject_scheme, subject_kind, ...). */
export function prepareSubjectClaim(
  input: SubmissionInput,
  today: string,
): { ok: true; claim: SubjectClaim; warnings: string[] } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const warnings: string[] = [];
  const claim = prepareSubject(
    input,
    today,
    (field, code, message) => problems.push({ field, code, message }),
    warnings,
  );
  return claim && problems.length === 0 ? { ok: true, claim, warnings } : { ok: false, problems };
}

function prepareSubject(
  input: SubmissionInput,
  today: string,
  add: Add,
  warnings: string[],
): SubjectClaim | null {
  const raw = text(input.subject_identifier);
  if (!raw) {
    add('subject_identifier', 'FIELD_REQUIRED', 'subject_identifier is required');
    return null;
  }
  const schemeText = text(input.subject_scheme);
  if (schemeText && !(IDENTIFIER_SCHEMES as readonly string[]).includes(schemeText)) {
    add(
      'subject_scheme',
      'FIELD_ENUM',
      `subject_scheme must be one of ${IDENTIFIER_SCHEMES.join(', ')}`,
    );
    return null;
  }
  const parsed = safeParseIdentifier(raw, {
    today,
    field: 'subject_identifier',
    ...(schemeText ? { scheme: schemeText as IdentifierScheme } : {}),
  });
  if (!parsed.ok) {
    add('subject_identifier', parsed.error.code, parsed.error.message);
    return null;
  }
  const info = parsed.info;
  const kindText = text(input.subject_kind);
  let kind: SubjectKind | null = info.kind ?? null;
  if (kindText !== null) {
    if (!isSubjectKind(kindText)) {
      add(
        'subject_kind',
        'SUBJECT_KIND_INVALID',
        `subject_kind "${kindText}" is not one of person, business, government, social_org`,
      );
      return null;
    }
    // a resident ID or a passport is a person's, any other scheme an organization's
    const personal = info.scheme === 'ric' || info.scheme === 'passport';
    if (personal !== (kindText === 'person')) {
      add(
        'subject_kind',
        'SUBJECT_KIND_MISMATCH',
        `a ${info.scheme} identifies ${personal ? 'a person' : 'an organization'}, not a ${kindText}`,
      );
      return null;
    }
    // the kind a USCC's positions 1-2 encode is the subject's: a claim never overrides it
    if (info.scheme === 'uscc' && info.kind && info.kind !== kindText) {
      add(
        'subject_kind',
        'SUBJECT_KIND_IMPLIED',
        `the USCC's positions 1-2 imply ${info.kind}, not ${kindText}`,
      );
      return null;
    }
    kind = kindText;
  }
  if (!kind) {
    add(
      'subject_kind',
      'FIELD_REQUIRED',
      `subject_kind is required for a ${info.scheme} identifier`,
    );
    return null;
  }
  const region = subjectRegion(text(input.subject_region), info, add);
  if (region === undefined) return null;
  const name = text(input.subject_name);
  const nameEn = text(input.subject_name_en);
  for (const [field, value] of [
    ['subject_name', name],
    ['subject_name_en', nameEn],
  ] as const) {
    const problem = value === null ? null : nameProblem(value);
    if (problem) {
      add(field, 'NAME_INVALID', `${field} ${problem}`);
      return null;
    }
  }
  for (const w of info.warnings) warnings.push(w.message);
  return { scheme: info.scheme, value: info.value, kind, region, name, nameEn };
}

/**
 * The region an identifier encodes (USCC positions 3-8, a resident ID's first 6 digits) is the
 * subject's: a claim may repeat it, never contradict it. An identifier that encodes none takes
 * the claim, which must be a known division code. Undefined after a problem.
 */
function subjectRegion(
  claimed: string | null,
  info: IdentifierInfo,
  add: Add,
): string | null | undefined {
  if (claimed !== null && !/^\d{6}$/.test(claimed)) {
    add('subject_region', 'REGION_INVALID', 'subject_region must be a 6-digit division code');
    return undefined;
  }
  const encoded = info.region ?? null;
  if (encoded !== null) {
    if (claimed === null || claimed === encoded) return encoded;
    add(
      'subject_region',
      'SUBJECT_REGION_IMPLIED',
      `the ${info.scheme} encodes region ${encoded}; subject_region ${claimed} contradicts it`,
    );
    return undefined;
  }
  if (claimed !== null && !isKnownDivision(claimed)) {
    add(
      'subject_region',
      'SUBJECT_REGION_UNKNOWN',
      `subject_region ${claimed} is not a division code of the current GB/T 2260 list`,
    );
    return undefined;
  }
  return claimed;
}

function prepareDates(input: SubmissionInput, today: string, add: Add) {
  const problems: string[] = [];
  const read = (field: string, required: boolean): string | null => {
    const value = text(input[field]);
    if (value === null) {
      if (required) {
        add(field, 'FIELD_REQUIRED', `${field} is required`);
        problems.push(field);
      }
      return null;
    }
    if (!isIsoDate(value)) {
      add(field, 'DATE_INVALID', `${field} "${value}" is not a real date written YYYY-MM-DD`);
      problems.push(field);
      return null;
    }
    return value;
  };
  const decisionDate = read('decision_date', true);
  const effectiveDate = read('effective_date', false);
  const endDate = read('end_date', false);
  if (decisionDate && decisionDate > today) {
    add('decision_date', 'DATE_ORDER', `decision_date ${decisionDate} is in the future`);
    return null;
  }
  if (decisionDate && endDate && endDate < decisionDate) {
    add('end_date', 'DATE_ORDER', `end_date ${endDate} is before decision_date ${decisionDate}`);
    return null;
  }
  if (problems.length > 0 || !decisionDate) return null;
  return { decisionDate, effectiveDate, endDate };
}
