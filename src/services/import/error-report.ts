import { createWriteStream } from 'node:fs';
import type { Problem } from '../records/submission.js';

/** The bad rows of an import as CSV: one line per problem, with the row's line number. */
export interface ErrorReport {
  write(line: number, problems: readonly Problem[]): void;
  close(): Promise<void>;
}

const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export const ERROR_REPORT_HEADER = 'line,field,code,message';

export function openErrorReport(path: string): ErrorReport {
  const out = createWriteStream(path);
  out.write(`${ERROR_REPORT_HEADER}\n`);
  return {
    write(line, problems) {
      for (const p of problems) out.write(`${line},${csv(p.field)},${p.code},${csv(p.message)}\n`);
    },
    close: () =>
      new Promise((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      ),
  };
}
