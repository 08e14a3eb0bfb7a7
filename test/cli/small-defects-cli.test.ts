import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addBeijingMarket, credence } from '../support/cli.js';
import { firm, penaltyRows, tempDir, writeCsv } from '../support/import-files.js';

interface FileJson {
  items: { recordId: string; current: { id: string } }[];
}

describe('the CLI says what it means (issue 24)', () => {
  it('subject show names authorities and record types, keeps each correction’s reason, and does not call a revoked record public', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    addBeijingMarket(db);
    expect(credence(db, 'import', writeCsv(dir, 'two.csv', penaltyRows(2))).code).toBe(0);
    const read = (): FileJson =>
      JSON.parse(
        credence(db, 'subject', 'show', firm(0), '--purpose', 'supervision', '--json').stdout,
      ) as FileJson;
    const [first, second] = read().items;
    const corrected = credence(
      db,
      'record',
      'correct',
      first!.current.id,
      '--reason',
      'the fine was mistyped',
      '--set',
      'fine_amount=2000',
    );
    expect(corrected.code, corrected.stderr).toBe(0);
    const again = read().items.find((i) => i.recordId === first!.recordId)!;
    expect(
      credence(
        db,
        'record',
        'correct',
        again.current.id,
        '--reason',
        'the decision date too',
        '--set',
        'fine_amount=2100',
      ).code,
    ).toBe(0);
    expect(
      credence(db, 'record', 'revoke', second!.current.id, '--reason', 'decision annulled').code,
    ).toBe(0);

    const shown = credence(db, 'subject', 'show', firm(0), '--purpose', 'supervision');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('北京市市场监督管理局');
    expect(shown.stdout).toContain('行政处罚 Administrative penalty');
    // the reasons of both corrections, the earlier one too
    expect(shown.stdout).toContain('the fine was mistyped');
    expect(shown.stdout).toContain('the decision date too');
    const revoked = shown.stdout.split('\n\n').find((block) => block.includes('REVOKED'))!;
    expect(revoked).toBeDefined();
    expect(revoked).not.toContain('(public)');
    expect(revoked).not.toContain('repair can be applied');

    const report = credence(db, 'report', firm(0));
    expect(report.stdout).toContain('北京市市场监督管理局');
    expect(report.stdout).toContain('the fine was mistyped');
  }, 180_000);

  it('subject merges, audit verify, authority add, id check and subject show --help say what they mean', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    addBeijingMarket(db);
    expect(credence(db, 'import', writeCsv(dir, 'one.csv', penaltyRows(1))).code).toBe(0);

    const merges = credence(db, 'subject', 'merges', firm(0));
    expect(merges.code).toBe(0);
    expect(merges.stdout).toContain('no merges');

    const short = credence(db, 'audit', 'verify', '--checkpoint', '5:abcdef');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('6 hex digits');
    expect(short.stderr).toContain('64');

    const bogus = credence(
      db,
      ...['authority', 'add', firm(9), '--name', 'x', '--domains', 'bogus', '--regions', '000000'],
    );
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toMatch(/one of [a-z_, ]*\bmarket\b/);

    const both = credence(db, 'id', 'check', '44011320141005001Y');
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('read as a USCC');
    expect(both.stderr).toContain('read as a resident ID number');

    const index = JSON.parse(credence(db, 'catalog', 'show', '--json').stdout) as Record<
      string,
      unknown[]
    >;
    expect(Object.keys(index)).toEqual([
      'catalog',
      'recordTypes',
      'listTypes',
      'measures',
      'ratingModels',
    ]);
    expect(index.recordTypes).toContainEqual({
      id: 'admin_penalty',
      name: { zh: '行政处罚', en: 'Administrative penalty' },
    });
    const one = JSON.parse(credence(db, 'catalog', 'show', 'admin_penalty', '--json').stdout) as {
      kind: string;
    };
    expect(one.kind).toBe('record_type');

    const help = credence(db, 'subject', 'show', '--help');
    for (const purpose of [
      'loan_approval',
      'employment_consent',
      'procurement_check',
      'supervision',
      'subject_own',
    ])
      expect(help.stdout).toContain(purpose);
  }, 180_000);
});
