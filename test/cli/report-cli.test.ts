import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBeijingMarket, credence } from '../support/cli.js';
import { firm, penaltyRows, tempDir, writeCsv } from '../support/import-files.js';

describe('credence report', () => {
  it('prints the own report with the inquiry log, writes it as printable HTML, and logs the read', () => {
    const dir = tempDir();
    const db = join(dir, 'report.db');
    addBeijingMarket(db);
    const file = writeCsv(dir, 'one.csv', penaltyRows(1));
    expect(credence(db, 'import', file).code).toBe(0);

    const html = join(dir, 'report.html');
    const first = credence(db, 'report', firm(0), '--html', html, '--actor', 'counter clerk');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('admin_penalty');
    expect(first.stdout).toMatch(
      /Who looked at this file: 1\n.*counter clerk {2}subject_own {2}1 record\(s\), 0 restricted/,
    );
    expect(readFileSync(html, 'utf8')).toMatch(
      /^<!doctype html>[\s\S]*own credit report[\s\S]*Who looked at this file \(1\)/,
    );

    const second = JSON.parse(credence(db, 'report', firm(0), '--json').stdout) as {
      inquiries: unknown[];
    };
    expect(second.inquiries).toHaveLength(2);
  });
});
