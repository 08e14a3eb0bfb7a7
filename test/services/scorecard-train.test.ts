import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScorecardModel } from '../../src/catalog/scorecard-schema.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { rowVector } from '../../src/domain/scorecard/fit.js';
import type { ScorecardModel } from '../../src/domain/scorecard/model.js';
import { scoreOf } from '../../src/domain/scorecard/scaling.js';
import { scoreVector } from '../../src/domain/scorecard/scorecard.js';
import {
  trainScorecardFile,
  writeScorecardFiles,
  type ScorecardTraining,
} from '../../src/services/ratings/scorecard-train.service.js';
import { tempDir } from '../support/import-files.js';

const GERMAN = resolve(PROJECT_ROOT, '..', 'shared', 'data', 'german-credit', 'german.data');

/** The German data as CSV with a header and a 0/1 `default` flag (1 = bad) instead of the class. */
function germanCsv(dir: string, rows = Infinity): string {
  const header =
    'checking,duration,history,purpose,amount,savings,employment,rate,status,debtors,residence,property,age,plans,housing,credits,job,dependents,telephone,foreign,default';
  const lines = readFileSync(GERMAN, 'utf8')
    .trim()
    .split('\n')
    .slice(0, rows)
    .map((l) => {
      const cells = l.trim().split(/\s+/);
      cells[20] = cells[20] === '2' ? '1' : '0';
      return cells.join(',');
    });
  const path = join(dir, 'german.csv');
  writeFileSync(path, [header, ...lines].join('\n'));
  return path;
}

const code = (c: string) => expect.objectContaining({ code: c });

let sut: ScorecardTraining;
beforeAll(async () => {
  sut = await trainScorecardFile(GERMAN, { target: 'class' });
});

describe('trainScorecardFile on the German credit data', () => {
  it('reaches a 10-fold cross-validated AUC between 0.76 and 0.82', () => {
    const { metrics } = sut.model;
    expect(metrics.folds).toBe(10);
    expect(metrics.cvAuc).toBeGreaterThanOrEqual(0.76);
    expect(metrics.cvAuc).toBeLessThanOrEqual(0.82);
    expect(metrics.gini).toBeCloseTo(2 * metrics.auc - 1, 12);
    expect(metrics.holdout!.psi).toBeLessThan(0.1);
  });

  it('reads 1,000 applicants, class 1 good, with readable attribute names', () => {
    expect(sut.summary).toMatchObject({ rows: 1000, goods: 700, bads: 300, goodValue: '1' });
    expect(sut.data.columns.map((c) => c.name)).toContain('checking_status');
    expect(sut.data.columns.find((c) => c.name === 'duration_months')?.kind).toBe('numeric');
    expect(sut.data.columns.find((c) => c.name === 'purpose')?.kind).toBe('categorical');
  });

  it("reproduces every applicant's Offset + Factor·ln(odds) from the model file's points", () => {
    const model = parseScorecardModel(sut.yaml);
    const { lnOdds } = sut.result.fitted;
    expect(lnOdds).toHaveLength(1000);
    let worst = 0;
    lnOdds.forEach((l, i) => {
      const { score } = scoreVector(model, rowVector(sut.data, i));
      worst = Math.max(worst, Math.abs(score - scoreOf(model.scaling, l)));
    });
    expect(worst).toBeLessThan(1e-9);
  });

  it('writes YAML that parses back through the schema to the same model', async () => {
    expect(parseScorecardModel(sut.yaml)).toEqual(sut.model);
    const dir = tempDir();
    const paths = await writeScorecardFiles(sut, dir);
    expect(paths.model).toBe(join(dir, 'german_scorecard.yaml'));
    expect(parseScorecardModel(readFileSync(paths.model, 'utf8'))).toEqual(sut.model);
    expect(readFileSync(paths.card, 'utf8')).toBe(sut.card);
  });

  it('writes a draft whose legal basis is a placeholder to confirm', () => {
    expect(sut.model).toMatchObject({ status: 'draft', kind: 'scorecard', subjects: ['person'] });
    expect(sut.model.legalBasis[0]!.provision?.en).toMatch(/placeholder/);
  });

  it('gives the lowest-risk attribute a positive WOE and the most points', () => {
    const checking = sut.model.characteristics.find((c) => c.name === 'checking_status')!;
    // A14, no checking account, has the lowest bad rate of the four
    const best = checking.bins.reduce((a, b) => (b.points > a.points ? b : a));
    expect(best.label).toBe('A14');
    expect(best.woe).toBeGreaterThan(0);
    for (const c of sut.model.characteristics) {
      expect(c.coefficient).toBeGreaterThan(0);
      expect(c.informationValue).toBeGreaterThanOrEqual(0.02);
    }
  });

  it('writes a model card with the data, conventions, scaling, metrics and every bin', () => {
    const { card, model } = sut;
    for (const text of [
      '| rows | 1000 |',
      'WOE = ln(%good / %bad). Positive WOE = lower risk',
      '| Factor = PDO / ln 2 | 28.8539 |',
      '| Offset = base points − Factor·ln(base odds) | 487.1229 |',
      '| AUC |',
      '| KS |',
      '| Gini |',
      'PSI train vs holdout',
      'Cross-validated AUC',
      '## Not in the model',
    ]) {
      expect(card).toContain(text);
    }
    for (const c of model.characteristics) {
      expect(card).toContain(`### ${c.name}`);
      expect(card).toContain(`IV ${c.informationValue.toFixed(4)}`);
    }
  });
});

describe('trainScorecardFile options and other data', () => {
  it('scales with the given base points, odds and PDO', async () => {
    const training = await trainScorecardFile(GERMAN, {
      target: 'class',
      basePoints: 500,
      baseOdds: 20,
      pdo: 50,
      folds: 5,
      id: 'german_alt',
    });
    expect(training.model.id).toBe('german_alt');
    expect(training.model.scaling.factor).toBeCloseTo(50 / Math.LN2, 12);
    expect(training.model.scaling.offset).toBeCloseTo(500 - (50 / Math.LN2) * Math.log(20), 12);
    expect(training.model.metrics.folds).toBe(5);
  });

  it('reads a CSV whose 0/1 target flags bads to the same scorecard as german.data', async () => {
    const training = await trainScorecardFile(germanCsv(tempDir()), { target: 'default' });
    expect(training.summary).toMatchObject({ goodValue: '0', badValue: '1', format: 'csv' });
    expect(training.model.intercept).toBeCloseTo(sut.model.intercept, 12);
    expect(training.model.metrics.cvAuc).toBeCloseTo(sut.model.metrics.cvAuc, 12);
  });

  it('takes the good value it is given', async () => {
    const training = await trainScorecardFile(germanCsv(tempDir()), {
      target: 'default',
      good: '1',
      folds: 3,
    });
    expect(training.summary.goods).toBe(300);
  });
});

describe('trainScorecardFile refuses bad input with a coded error', () => {
  it('refuses a target column that is not in the data', async () => {
    await expect(trainScorecardFile(GERMAN, { target: 'risk' })).rejects.toEqual(
      code('SCORECARD_TARGET_MISSING'),
    );
  });

  it('refuses a target with other than two values', async () => {
    await expect(trainScorecardFile(GERMAN, { target: 'purpose' })).rejects.toEqual(
      code('SCORECARD_TARGET_VALUES'),
    );
  });

  it('refuses a good value the target does not hold', async () => {
    await expect(trainScorecardFile(GERMAN, { target: 'class', good: 'yes' })).rejects.toEqual(
      code('SCORECARD_TARGET_VALUES'),
    );
  });

  it('asks for the good value of a CSV target other than 0/1', async () => {
    const dir = tempDir();
    const path = join(dir, 'yes-no.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${i},${i % 3 === 0 ? 'bad' : 'good'}`);
    writeFileSync(path, ['x,outcome', ...rows].join('\n'));
    await expect(trainScorecardFile(path, { target: 'outcome' })).rejects.toEqual(
      code('SCORECARD_GOOD_VALUE_REQUIRED'),
    );
  });

  it('refuses too few rows, and an empty target cell with its line', async () => {
    const dir = tempDir();
    await expect(trainScorecardFile(germanCsv(dir, 40), { target: 'default' })).rejects.toEqual(
      code('SCORECARD_TOO_FEW_ROWS'),
    );
    const path = join(dir, 'gap.csv');
    writeFileSync(path, 'x,default\n1,0\n2,\n3,1\n');
    await expect(trainScorecardFile(path, { target: 'default' })).rejects.toMatchObject({
      code: 'SCORECARD_TARGET_VALUES',
      message: expect.stringContaining('line 3'),
    });
  });

  it('refuses a German-layout line with the wrong number of values', async () => {
    const path = join(tempDir(), 'short.data');
    writeFileSync(path, 'A11 6 A34\n');
    await expect(trainScorecardFile(path, { target: 'class' })).rejects.toMatchObject({
      code: 'SCORECARD_DATA_FORMAT',
      message: expect.stringContaining('line 1'),
    });
  });

  it('refuses scaling and training options out of range, naming each', async () => {
    await expect(
      trainScorecardFile(GERMAN, {
        target: 'class',
        pdo: 0,
        folds: 1,
        subjects: ['government' as 'person'],
        id: 'Bad Id',
      }),
    ).rejects.toMatchObject({
      code: 'SCORECARD_OPTION_INVALID',
      detail: {
        problems: [
          expect.stringMatching(/^pdo/),
          expect.stringMatching(/^folds/),
          expect.stringMatching(/^subjects/),
          expect.stringMatching(/^id/),
        ],
      },
    });
  });
});

describe('parseScorecardModel', () => {
  const broken = (edit: (model: ScorecardModel) => void) => {
    const model = parse(sut.yaml) as ScorecardModel;
    edit(model);
    return () => parseScorecardModel(stringify(model));
  };
  const problems = (fn: () => unknown): string[] => {
    try {
      fn();
    } catch (error) {
      expect(error).toMatchObject({ code: 'SCORECARD_MODEL_INVALID' });
      return (error as { detail: { problems: string[] } }).detail.problems;
    }
    throw new Error('expected the model to be refused');
  };

  it('refuses numeric bins with a gap, naming the path and line', () => {
    const sutProblems = problems(
      broken((m) => {
        const duration = m.characteristics.find((c) => c.name === 'duration_months')!;
        duration.bins[1]!.lower! += 1;
      }),
    );
    expect(sutProblems).toEqual([
      expect.stringMatching(
        /^line \d+: characteristics\[1\]\.bins\[1\]\.lower: numeric bins are contiguous/,
      ),
    ]);
  });

  it('refuses a factor that does not follow from the PDO, an unknown key and no legal basis', () => {
    const sutProblems = problems(
      broken((m) => {
        m.scaling.factor = 30;
        Object.assign(m, { colour: 'red' });
        m.legalBasis = [];
      }),
    );
    expect(sutProblems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('scaling.factor: factor is pdo / ln 2'),
        expect.stringContaining('(colour)'),
        expect.stringContaining('legalBasis: a scorecard names its legal basis'),
      ]),
    );
  });

  it('refuses a category in two bins and text that is not YAML', () => {
    const twice = broken((m) => {
      m.characteristics[0]!.bins[1]!.categories!.push('A11');
    });
    expect(problems(twice)).toEqual([expect.stringContaining('category "A11" is in two bins')]);
    expect(problems(() => parseScorecardModel('id: [unclosed'))[0]).toMatch(/^YAML syntax/);
  });

  it('keeps a characteristic source and refuses a sum that names no field', () => {
    const source = { recordType: 'bill_overdue', aggregate: 'count' as const, window: 'P12M' };
    const model = parse(sut.yaml) as ScorecardModel;
    model.characteristics[0]!.source = source;
    expect(parseScorecardModel(stringify(model)).characteristics[0]!.source).toEqual(source);
    const sum = broken((m) => {
      m.characteristics[0]!.source = { recordType: 'bill_overdue', aggregate: 'sum' };
    });
    expect(problems(sum)).toEqual([expect.stringContaining('source.field: sum needs a field')]);
  });
});
