import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBeijingMarket, credence } from '../support/cli.js';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';

describe('the CLI answers operators’ mistakes with coded errors', () => {
  it('refuses a feed page over 1,000, an operator without an authority, and a report it cannot write', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    expect(credence(db, 'init').code).toBe(0);
    addBeijingMarket(db);

    const feed = credence(db, 'lists', 'feed', '--limit', '100000');
    expect(feed.code).toBe(1);
    expect(feed.stderr).toContain('FIELD_RANGE');
    expect(feed.stderr).toContain('from 1 to 1000');

    const operator = credence(db, 'account', 'add', '--name', 'ops', '--role', 'operator');
    expect(operator.code).toBe(1);
    expect(operator.stderr).toContain('an operator account belongs to an authority');

    const file = writeCsv(dir, 'rows.csv', penaltyRows(2));
    const report = join(dir, 'missing', 'dir', 'report.csv');
    const imported = credence(db, 'import', file, '--report', report);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('IMPORT_REPORT_FAILED');
    expect(imported.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
