import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
