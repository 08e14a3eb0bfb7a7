import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { characteristicIds } from '../../src/services/ratings/scorecard-columns.js';
import {
  trainScorecardFile,
  type ScorecardTraining,
} from '../../src/services/ratings/scorecard-train.service.js';
import { tempDir } from '../support/import-files.js';

const GERMAN = resolve(PROJECT_ROOT, '..', 'shared', 'data', 'german-credit', 'german.data');

/** The German data under upper-case, dotted names with an ID column, as published data sets write them. */
const HEADER = [
  'ID',
  'CHECKING',
  'DURATION',
  'HISTORY',
  'PURPOSE',
  'LIMIT_BAL',
  'SAVINGS',
  'EMPLOYMENT',
  'RATE',
  'SEX',
  'DEBTORS',
  'RESIDENCE',
  'PROPERTY',
  'AGE',
  'PLANS',
  'HOUSING',
  'CREDITS',
  'JOB',
  'DEPENDENTS',
  'PAY_0',
  'FOREIGN',
  'default.payment.next.month',
];

function upperCaseCsv(): string {
  const lines = readFileSync(GERMAN, 'utf8')
    .trim()
    .split('\n')
    .map((l, i) => {
      const cells = l.trim().split(/\s+/);
      cells[20] = cells[20] === '2' ? '1' : '0';
      return [String(i + 1), ...cells].join(',');
    });
  const path = join(tempDir(), 'cards.csv');
  writeFileSync(path, [HEADER.join(','), ...lines].join('\n'));
  return path;
}

const TARGET = 'default.payment.next.month';
let path: string;
let sut: ScorecardTraining;
beforeAll(async () => {
  path = upperCaseCsv();
  sut = await trainScorecardFile(path, {
    target: TARGET,
    exclude: ['ID', 'SEX:protected attribute', 'AGE'],
    folds: 3,
  });
});

describe('training on a file with upper-case column names', () => {
  it('maps every column name to a characteristic id and keeps the name as its label', () => {
    expect(
      characteristicIds(['LIMIT_BAL', 'PAY_0', 'default.payment.next.month', '1st', 'A b']),
    ).toEqual(['limit_bal', 'pay_0', 'default_payment_next_month', 'c_1st', 'a_b']);
    expect(characteristicIds(['Pay', 'PAY', 'pay'])).toEqual(['pay', 'pay_2', 'pay_3']);
    const checking = sut.model.characteristics.find((c) => c.name === 'checking');
    expect(checking?.label).toBe('CHECKING');
    for (const c of sut.model.characteristics) expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
  });

  it('leaves excluded columns out and lists them in the model card with their reasons', () => {
    const names = sut.data.columns.map((c) => c.name);
    expect(names).not.toContain('id');
    expect(names).not.toContain('sex');
    expect(names).not.toContain('age');
    expect(names).toContain('limit_bal');
    expect(sut.summary.excluded).toEqual([
      { column: 'ID', reason: 'left out by the operator (--exclude)' },
      { column: 'SEX', reason: 'protected attribute' },
      { column: 'AGE', reason: 'left out by the operator (--exclude)' },
    ]);
    expect(sut.card).toContain('### Excluded before training');
    expect(sut.card).toContain('| `SEX` | protected attribute |');
  });

  it('trains on the included columns only, listing the others as not included', async () => {
    const training = await trainScorecardFile(path, {
      target: TARGET,
      include: ['CHECKING', 'duration', 'HISTORY'],
      folds: 3,
    });
    expect(training.data.columns.map((c) => c.name)).toEqual(['checking', 'duration', 'history']);
    expect(training.summary.excluded).toHaveLength(HEADER.length - 4);
    expect(training.card).toContain('| `PAY_0` | not named by --include |');
  });

  it('refuses an unknown or target column before fitting, naming each', async () => {
    await expect(
      trainScorecardFile(path, { target: TARGET, exclude: ['GENDER', TARGET], include: ['NOPE'] }),
    ).rejects.toMatchObject({
      code: 'SCORECARD_COLUMN_INVALID',
      detail: {
        problems: [
          expect.stringContaining('no column "GENDER"'),
          expect.stringContaining('is the target'),
          expect.stringContaining('no column "NOPE"'),
        ],
      },
    });
  });
});
