import { createWriteStream } from 'node:fs';
import { csvRow } from '../csv-cells.js';
import type { Problem } from '../records/submission.js';

/** The bad rows of an import as CSV: one line per problem, with the row's line number. */
export interface ErrorReport {
  write(line: number, problems: readonly Problem[]): void;
  close(): Promise<void>;
}

export const ERROR_REPORT_HEADER = 'line,field,code,message';

export function openErrorReport(path: string): ErrorReport {
  const out = createWriteStream(path);
  out.write(`${ERROR_REPORT_HEADER}\n`);
  return {
    write(line, problems) {
      // field and message echo the uploaded headers and cells: written formula-safe
      for (const p of problems) out.write(csvRow([line, p.field, p.code, p.message]));
    },
    close: () =>
      new Promise((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}
