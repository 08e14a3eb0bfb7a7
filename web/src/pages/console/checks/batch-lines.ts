import { parseCsv } from '../imports/csv';

/** The most checks one request may carry (POST /v1/checks/batch). */
export const BATCH_MAX = 10_000;

export interface BatchLine {
  /** the line of the pasted text or file, from 1 */
  line: number;
  identifier: string;
  action: string;
  date?: string;
}

/**
 * Lines "identifier,action[,date]" as checks. Blank lines and a header line are skipped; a
 * line without an action cannot be sent and is reported by its number.
 */
export function parseBatch(text: string): { checks: BatchLine[]; unreadable: number[] } {
  const checks: BatchLine[] = [];
  const unreadable: number[] = [];
  parseCsv(text).forEach((cells, i) => {
    const [identifier = '', action = '', date = ''] = cells.map((c) => c.trim());
    if (cells.every((c) => c.trim() === '')) return;
    if (i === 0 && identifier.toLowerCase() === 'identifier') return;
    if (!identifier || !action) unreadable.push(i + 1);
    else checks.push({ line: i + 1, identifier, action, ...(date ? { date } : {}) });
  });
  return { checks, unreadable };
}
