/**
 * Cells of the CSV files Credence writes for people to open (error reports, screening results).
 * A spreadsheet runs a cell that starts with = + - @, a tab or a carriage return as a formula, so
 * such text gets a leading single quote (the OWASP rule). Numbers Credence writes as numbers are
 * left as they are: their type, not their text, tells them apart from echoed input.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

/** Text a spreadsheet will show, never run: a leading quote where it would start a formula. */
export function formulaSafe(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One cell: formula-safe, quoted (RFC 4180) where it holds a comma, a quote or a line break. */
export function csvCell(value: CsvValue): string {
  const text = formulaSafe(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, with its newline. */
export const csvRow = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\n`;
