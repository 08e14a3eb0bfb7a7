import { createWriteStream } from 'node:fs';
import { csvRow } from '../csv-cells.js';
import { CredenceError, ERRORS } from '../../errors.js';
import type { Problem } from '../records/submission.js';

/** The bad rows of an import as CSV: one line per problem, with the row's line number. */
export interface ErrorReport {
  /** resolves once the file is open; IMPORT_REPORT_FAILED where it cannot be created */
  opened: Promise<void>;
  write(line: number, problems: readonly Problem[]): void;
  /** IMPORT_REPORT_FAILED where a write failed (a full disk): the report is then incomplete */
  close(): Promise<void>;
}

/** `rule_zh`: the code's rule in Chinese, so that the report reads in Chinese too (issue 18) */
export const ERROR_REPORT_HEADER = 'line,field,code,message,rule_zh';

const ruleZh = (code: string): string =>
  Object.hasOwn(ERRORS, code) ? ERRORS[code as keyof typeof ERRORS].zh : '';

/** One problem of a bad row as a line of the report, under ERROR_REPORT_HEADER. */
export const errorReportRow = (line: number, p: { field: string; code: string; message: string }) =>
  csvRow([line, p.field, p.code, p.message, ruleZh(p.code)]);

export function openErrorReport(path: string): ErrorReport {
  const out = createWriteStream(path);
  // a stream error (missing directory, full disk) is kept and reported, never thrown unhandled
  let failure: CredenceError | null = null;
  const failed = new Promise<never>((_resolve, reject) =>
    out.on('error', (error) => {
      failure ??= new CredenceError(
        'IMPORT_REPORT_FAILED',
        `the error report ${path} could not be written: ${error.message}`,
        { field: 'report' },
      );
      reject(failure);
    }),
  );
  failed.catch(() => undefined);
  const opened = Promise.race([
    new Promise<void>((resolve) => out.once('open', () => resolve())),
    failed,
  ]);
  opened.catch(() => undefined);
  out.write(`${ERROR_REPORT_HEADER}\n`);
  return {
    opened,
    write(line, problems) {
      if (failure) return;
      // field and message echo the uploaded headers and cells: written formula-safe
      for (const p of problems) out.write(errorReportRow(line, p));
    },
    close: () =>
      new Promise((resolve, reject) => {
        if (failure || out.destroyed) return failure ? reject(failure) : resolve();
        out.end(() => (failure ? reject(failure) : resolve()));
      }),
  };
}
