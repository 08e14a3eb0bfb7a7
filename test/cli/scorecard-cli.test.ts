import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScorecardModel } from '../../src/catalog/scorecard-schema.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { tempDir } from '../support/import-files.js';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'credence-dev.js');
const GERMAN = resolve(PROJECT_ROOT, '..', 'shared', 'data', 'german-credit', 'german.data');

function credence(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('credence scorecard train', () => {
  it('writes the model and its card into the output directory and prints a summary', () => {
    const out = join(tempDir(), 'models');
    const sut = credence(
      'scorecard',
      'train',
      GERMAN,
      '--target',
      'class',
      '--id',
      'german_test',
      '--out',
      out,
      '--folds',
      '5',
      '--seed',
      '7',
    );
    expect(sut.code, sut.stderr).toBe(0);
    expect(sut.stdout).toContain('trained german_test from german.data: 1000 rows (300 bads)');
    expect(sut.stdout).toMatch(/cross-validated AUC 0\.\d{3} \(5 folds\)/);
    const model = parseScorecardModel(readFileSync(join(out, 'german_test.yaml'), 'utf8'));
    expect(model).toMatchObject({ id: 'german_test', status: 'draft', metrics: { folds: 5 } });
    expect(existsSync(join(out, 'german_test.card.md'))).toBe(true);
    expect(readFileSync(join(out, 'german_test.card.md'), 'utf8')).toContain('# Model card');
  });

  it('exits 1 with the error code for a target column the data lacks', () => {
    const out = tempDir();
    const sut = credence('scorecard', 'train', GERMAN, '--target', 'risk', '--out', out);
    expect(sut.code).toBe(1);
    expect(sut.stderr).toContain('error SCORECARD_TARGET_MISSING (field target)');
    expect(existsSync(join(out, 'german_scorecard.yaml'))).toBe(false);
  });
});

describe('credence scorecard map', () => {
  it('maps a trained scorecard onto record types, and publishes it only when all are mapped', () => {
    const out = join(tempDir(), 'models');
    const trained = credence(
      'scorecard',
      'train',
      GERMAN,
      '--target',
      'class',
      '--id',
      'german_mapped',
      '--include',
      'duration_months,credit_amount',
      '--exclude',
      'age_years:protected attribute',
      '--folds',
      '3',
      '--out',
      out,
    );
    expect(trained.code, trained.stderr).toBe(0);
    const model = join(out, 'german_mapped.yaml');
    const half = join(out, 'half.yaml');
    writeFileSync(half, 'duration_months: { recordType: loan_default, aggregate: count }\n');
    const refused = credence('scorecard', 'map', model, '--map', half, '--publish');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error SCORECARD_UNMAPPED');
    expect(refused.stderr).toContain('credit_amount');

    const full = join(out, 'full.yaml');
    writeFileSync(
      full,
      'duration_months: { recordType: loan_default, aggregate: count }\ncredit_amount: { recordType: loan_default, field: amount, aggregate: max, divideBy: 100 }\n',
    );
    const sut = credence('scorecard', 'map', model, '--map', full, '--publish');
    expect(sut.code, sut.stderr).toBe(0);
    expect(sut.stdout).toContain('german_mapped: 2 of 2 characteristics read from records');
    expect(sut.stdout).toContain('credit_amount: max of loan_default.amount, divided by 100');
    expect(parseScorecardModel(readFileSync(model, 'utf8')).status).toBe('published');
    const card = readFileSync(join(out, 'german_mapped.card.md'), 'utf8');
    expect(card).toContain(
      '| credit_amount (`Credit amount`) | max of loan_default.amount, divided by 100 |',
    );
    expect(card).toContain('| `age_years` | protected attribute |');
  });
});
