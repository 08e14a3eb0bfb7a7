import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credence } from '../support/cli.js';
import { tempDir } from '../support/import-files.js';

const XIAOMI = '91110108551385082Q';

describe('date options and files of the CLI on a SQLite file', () => {
  it('refuses a date that is not a real one, or an empty one, with DATE_INVALID naming the field', () => {
    const dir = tempDir();
    const db = join(dir, 'dates.db');
    expect(credence(db, 'init').code).toBe(0);
    expect(
      credence(db, 'subject', 'register', XIAOMI, '--name', '北京小米科技有限责任公司').code,
    ).toBe(0);

    const check = credence(db, 'check', XIAOMI, 'rail.g_train_ticket', '--date', '2026-02-30');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('error DATE_INVALID (field date)');

    const empty = credence(db, 'check', XIAOMI, 'rail.g_train_ticket', '--date', '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('error DATE_INVALID (field date)');

    const batch = join(dir, 'checks.csv');
    writeFileSync(
      batch,
      `identifier,action,date\n${XIAOMI},rail.g_train_ticket,\n${XIAOMI},rail.g_train_ticket,9999-99-99\n${XIAOMI},rail.g_train_ticket,06/12/2026\n${XIAOMI},rail.g_train_ticket,2026-06-15\n`,
    );
    const answered = credence(db, 'check', '--batch', batch);
    expect(answered.code, answered.stderr).toBe(0);
    const lines = answered.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { decision?: string; error?: { code: string; field: string } });
    expect(lines.map((l) => l.error?.code ?? l.decision)).toEqual([
      'DATE_INVALID',
      'DATE_INVALID',
      'DATE_INVALID',
      'allow',
    ]);
    expect(lines[0]!.error!.field).toBe('date');

    for (const args of [
      ['subject', 'show', XIAOMI, '--purpose', 'supervision', '--as-of', '0000-00-00'],
      ['report', XIAOMI, '--as-of', ''],
      ['lists', 'show', XIAOMI, '--as-of', '2026-02-30'],
      ['lists', 'sweep', '--as-of', ''],
      ['rate', '--model', 'tax_credit_rating', '--as-of', '06/12/2026', '--draft'],
    ]) {
      const run = credence(db, ...args);
      expect(run.code, `${args.join(' ')}: ${run.stdout}`).toBe(1);
      expect(run.stderr, args.join(' ')).toMatch(/^error DATE_INVALID \(field (asOf|as_of)\)/);
    }
    // ten runs of the CLI, each a process of its own
  }, 180_000);
});
