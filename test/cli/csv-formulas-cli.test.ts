import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { credence } from '../support/cli.js';
import { tempDir } from '../support/import-files.js';

const FORMULA_START = /^[=+\-@\t\r]/;

describe('credence screen on a SQLite file', () => {
  it('writes names and identifiers from the screened file so that no spreadsheet runs them', () => {
    const dir = tempDir();
    const db = join(dir, 'screen.db');
    expect(credence(db, 'init').code).toBe(0);
    const file = join(dir, 'suppliers.csv');
    writeFileSync(
      file,
      'name,identifier,region,kind\n"=HYPERLINK(""http://x.test"",""y"")",,,\n@SUM(A1),,,robot\n-2+3,,,\n',
    );
    const run = credence(db, 'screen', file);
    expect(run.code, run.stderr).toBe(0);
    const cells = parse(readFileSync(`${file}.screened.csv`, 'utf8')) as string[][];
    const queries = cells.slice(1).map((row) => row[1]);
    expect(queries).toEqual(['\'=HYPERLINK("http://x.test","y")', "'@SUM(A1)", "'-2+3"]);
    expect(cells.flat().filter((c) => FORMULA_START.test(c))).toEqual([]);
  });
});
