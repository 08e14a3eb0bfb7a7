import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBeijingMarket, credence } from '../support/cli.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';

describe('credence import says by its exit code whether every row went in', () => {
  const prepare = () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    expect(credence(db, 'init').code).toBe(0);
    addBeijingMarket(db);
    const good = penaltyRows(3);
    const file = writeCsv(dir, 'rows.csv', [
      good[0]!,
      'x"1"2"3,y"q,z"w,1,2,3,4,5,6,7,8,9,10,11', // a malformed line: one row, told once
      good[1]!,
      { ...good[2]!, type: 'no_such_type' },
    ]);
    return { db, file };
  };

  it('exits 3 when it is done with rejected rows, counting each row once', () => {
    const { db, file } = prepare();
    const run = credence(db, 'import', file);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toContain('4 rows');
    expect(run.stdout).toContain('2 created');
    expect(run.stdout).toContain('2 rejected');
    expect(run.stdout).toContain(`${file}.errors.csv`);
    // a second run stores nothing new and says the same of the same rows
    const again = credence(db, 'import', file);
    expect(again.code).toBe(3);
    expect(again.stdout).toContain('2 unchanged, 2 rejected');
  }, 120_000);

  it('exits 0 when every row went in', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    expect(credence(db, 'init').code).toBe(0);
    addBeijingMarket(db);
    const run = credence(db, 'import', writeCsv(dir, 'good.csv', penaltyRows(2)));
    expect(run.code, run.stderr).toBe(0);
  }, 120_000);

  it('--strict stops at the first rejected row with IMPORT_ROW_REJECTED, exit 1', () => {
    const { db, file } = prepare();
    const run = credence(db, 'import', file, '--strict');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error IMPORT_ROW_REJECTED');
    expect(run.stderr).toContain('line 3');
    expect(run.stderr).not.toContain('unexpected error');
  }, 120_000);
});
