import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../src/services/csv-cells.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { openErrorReport } from '../../src/services/import/error-report.js';
import { importFile } from '../../src/services/import/import.service.js';
import { toCsv } from '../../web/src/pages/console/imports/csv.js';
import { BACKENDS } from '../support/backends.js';
import { COLUMNS, csvLine, penaltyRows, tempDir } from '../support/import-files.js';
import { registry } from '../support/registry.js';
import { writeFileSync } from 'node:fs';

/** The OWASP list: a spreadsheet runs a cell starting with any of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const HOSTILE = ['=HYPERLINK("http://x.test","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'];

const cellsOf = (text: string): string[][] => parse(text, { relax_column_count: true });

describe('CSV cells Credence writes', () => {
  it('quotes text that would start a formula, and keeps it readable', () => {
    for (const text of HOSTILE) {
      const [[cell]] = cellsOf(csvCell(text)) as [[string]];
      expect(cell).toBe(`'${text}`);
    }
    expect(csvCell('ordinary, with "quotes"')).toBe('"ordinary, with ""quotes"""');
    expect(csvCell('a-b=c')).toBe('a-b=c');
  });

  it('writes numbers Credence computed as numbers, negative ones included', () => {
    expect(csvRow([2, -0.25, 'x', null, undefined, true])).toBe('2,-0.25,x,,,true\n');
    expect(csvCell('-0.25')).toBe("'-0.25");
  });

  it('neutralises formulas in the CSV the portal offers for download', () => {
    const cells = cellsOf(
      toCsv([
        ['line', 'identifier'],
        [2, '=cmd|"/C calc"!A0'],
        [-1, '@x'],
      ]),
    );
    expect(cells).toEqual([
      ['line', 'identifier'],
      ['2', `'=cmd|"/C calc"!A0`],
      ['-1', "'@x"],
    ]);
  });
});

describe.each(BACKENDS)('the import error report on $name', (backend) => {
  let deps: ServiceDeps;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    deps = await registry(opened.store);
  });
  afterEach(async () => cleanup());

  it('never writes an uploaded header or cell so that a spreadsheet runs it', async () => {
    const dir = tempDir();
    const path = join(dir, 'hostile.csv');
    const header = [...COLUMNS, '=HYPERLINK("http://x.test")', '@SUM(A1)'];
    const [row] = penaltyRows(1);
    const bad = { ...row!, severity: '+1' };
    writeFileSync(
      path,
      `${header.map((h) => (h.includes('"') ? `"${h.replace(/"/g, '""')}"` : h)).join(',')}\n${csvLine(bad)},a,b\n`,
    );
    const reportPath = join(dir, 'hostile.errors.csv');
    const report = openErrorReport(reportPath);
    const summary = await importFile(deps, path, {
      actor: 'importer',
      batchSize: 10,
      onRejected: (line, problems) => report.write(line, problems),
    });
    await report.close();
    expect(summary).toMatchObject({ rows: 1, rejected: 1 });
    const cells = cellsOf(readFileSync(reportPath, 'utf8'));
    expect(cells[0]).toEqual(['line', 'field', 'code', 'message', 'rule_zh']);
    const written = cells.slice(1).flat();
    expect(written).toContain(`'=HYPERLINK("http://x.test")`);
    expect(written).toContain("'@SUM(A1)");
    expect(written.filter((c) => FORMULA_START.test(c))).toEqual([]);
  });
});
