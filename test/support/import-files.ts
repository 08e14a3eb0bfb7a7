import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import { penalty } from './registry.js';

export const COLUMNS = [
  'subject_identifier',
  'subject_name',
  'type',
  'authority',
  'source_ref',
  'legal_basis',
  'document_number',
  'decision_date',
  'severity',
  'facts',
  'violation_type',
  'penalty_classes',
  'fine_amount',
  'basis_provision',
] as const;

/** A Beijing firm's valid USCC for test row `i`. */
export function firm(i: number): string {
  return makeUscc('91110105', `MA${String(i).padStart(6, '0')}`);
}

/** `n` valid penalty rows about `n / 2` Beijing firms (two records each). */
export function penaltyRows(n: number): SubmissionInput[] {
  return Array.from({ length: n }, (_, i) =>
    penalty({
      subject_identifier: firm(Math.floor(i / 2)),
      subject_name: `北京测试${Math.floor(i / 2)}号科技有限公司`,
      source_ref: `P-${i}`,
      document_number: `京市监罚〔2026〕${i}号`,
      fine_amount: `${1000 + i}.50`,
    }),
  );
}

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvLine(row: SubmissionInput): string {
  return COLUMNS.map((c) => cell(row[c])).join(',');
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'credence-import-'));
}

/** Writes a CSV file from rows and raw lines (raw lines are written as they are, for malformed input). */
export function writeCsv(
  dir: string,
  name: string,
  lines: Array<SubmissionInput | string>,
): string {
  const path = join(dir, name);
  const body = lines.map((l) => (typeof l === 'string' ? l : csvLine(l)));
  writeFileSync(path, [COLUMNS.join(','), ...body].join('\n') + '\n');
  return path;
}

export function writeJsonl(
  dir: string,
  name: string,
  lines: Array<SubmissionInput | string>,
): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n',
  );
  return path;
}
