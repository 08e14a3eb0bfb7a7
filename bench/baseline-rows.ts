import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { recordVersionId, subjectIdFor } from '../src/domain/ids.js';
import { BENCH_ID_KEY } from './bench-id-key.js';
import { SUBMISSION_COLUMNS, type RecordVersion } from '../src/domain/record.js';
import type { IdentifierScheme, Subject } from '../src/domain/subject.js';

/**
 * The baseline's view of the import file: the same subjects and record rows the import
 * stores, built with no validation, no identifier checks, no jurisdiction and no audit.
 */
const COMMON: ReadonlySet<string> = new Set(SUBMISSION_COLUMNS);

export interface BaselineRow {
  subject: Subject;
  record: RecordVersion;
}

const orNull = (s: string | undefined) => (s ? s : null);

export function baselineRow(row: Record<string, string>, at: string): BaselineRow {
  const scheme = (row.subject_scheme || 'uscc') as IdentifierScheme;
  const value = row.subject_identifier!;
  const subjectId = subjectIdFor(BENCH_ID_KEY, scheme, value);
  const fields: Record<string, string> = {};
  for (const key in row) if (!COMMON.has(key) && row[key] !== '') fields[key] = row[key]!;
  const id = recordVersionId(row.authority!, row.source_ref!, 1);
  return {
    subject: {
      id: subjectId,
      kind: (row.subject_kind || 'business') as Subject['kind'],
      region: orNull(row.subject_region),
      identifiers: [{ scheme, value, validFrom: null, validTo: null }],
      names: [{ name: row.subject_name!, lang: 'zh', script: 'Hans', current: true }],
      relations: [],
      createdAt: at,
    },
    record: {
      id,
      recordId: id,
      subjectId,
      version: 1,
      supersedes: null,
      action: 'submit',
      reason: null,
      type: row.type!,
      authorityId: row.authority!,
      legalBasis: row.legal_basis!,
      documentNumber: orNull(row.document_number),
      decisionDate: row.decision_date!,
      effectiveDate: orNull(row.effective_date),
      endDate: orNull(row.end_date),
      facts: orNull(row.facts),
      severity: orNull(row.severity),
      disclosure: 'public',
      fields,
      amounts: [],
      sourceRef: row.source_ref!,
      contentHash: '',
      recordedAt: at,
      recordedBy: 'baseline',
    },
  };
}

/** The file's rows, parsed with the same CSV parser the import uses. */
export async function* baselineRows(path: string, at: string): AsyncGenerator<BaselineRow> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true }),
  );
  for await (const row of parser as AsyncIterable<Record<string, string>>)
    yield baselineRow(row, at);
}
