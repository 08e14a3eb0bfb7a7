import { addBeijingMarket, credence } from '../support/cli.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { penaltyRows, tempDir, writeCsv } from '../support/import-files.js';
import { BEIJING_MARKET, penalty } from '../support/registry.js';

describe('the credence CLI on a SQLite file', () => {
  it('initialises a store, registers an authority, imports a file and shows a subject', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    expect(credence(db, 'init')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('ready: sqlite:'),
    });

    addBeijingMarket(db);

    const [row] = penaltyRows(1);
    const file = writeCsv(dir, 'one.csv', [
      row!,
      penalty({ source_ref: 'bad', decision_date: '2026-13-01' }),
    ]);
    const imported = credence(db, 'import', file);
    // done with a rejected row: exit 3 (README, exit codes)
    expect(imported.code, imported.stderr).toBe(3);
    expect(imported.stdout).toContain('2 rows in 1 batches; 1 created, 0 unchanged, 1 rejected');
    const report = readFileSync(`${file}.errors.csv`, 'utf8');
    expect(report).toContain('3,decision_date,DATE_INVALID,');

    const shown = credence(
      db,
      'subject',
      'show',
      String(row!.subject_identifier),
      '--purpose',
      'supervision',
    );
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('北京测试0号科技有限公司');
    expect(shown.stdout).toMatch(
      /2026-03-01 {2}行政处罚 Administrative penalty \(admin_penalty\) {2}ACTIVE/,
    );
    expect(shown.stdout).toContain('fine_amount=1000.50 CNY');
    expect(shown.stdout).toContain("read for supervision, inquiry 1 in the subject's log");
    const unstated = credence(db, 'subject', 'show', String(row!.subject_identifier));
    expect(unstated.code).toBe(1);
    expect(unstated.stderr).toContain('--purpose');
    const foreign = credence(
      db,
      'subject',
      'show',
      String(row!.subject_identifier),
      '--purpose',
      'loan_approval',
    );
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('error PURPOSE_FORBIDDEN');

    const json = credence(
      db,
      'subject',
      'show',
      String(row!.subject_identifier),
      '--purpose',
      'supervision',
      '--json',
    );
    const parsed = JSON.parse(json.stdout) as {
      items: Array<{ status: string; current: { sourceRef: string } }>;
    };
    expect(parsed.items).toMatchObject([{ status: 'active', current: { sourceRef: 'P-0' } }]);
  });

  it('exits non-zero with the error code for an unknown subject or an invalid identifier', () => {
    const db = join(tempDir(), 'empty.db');
    const unknown = credence(
      db,
      'subject',
      'show',
      '91110000600037341L',
      '--purpose',
      'supervision',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error SUBJECT_NOT_FOUND');
    const invalid = credence(
      db,
      'subject',
      'show',
      '91110000600037341N',
      '--purpose',
      'supervision',
    );
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('error USCC_CHECKSUM (field identifier)');
  });

  it('refuses an authority with a domain the catalog does not know', () => {
    const db = join(tempDir(), 'auth.db');
    const result = credence(
      db,
      'authority',
      'add',
      BEIJING_MARKET,
      '--name',
      'x',
      '--domains',
      'surveillance',
      '--regions',
      '110000',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error AUTHORITY_INVALID (field domains)');
  });
});
