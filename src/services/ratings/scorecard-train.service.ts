import { writeFile } from 'node:fs/promises';
import { makeDirs } from '../../make-dirs.js';
import { basename, extname, join } from 'node:path';
import { parseScorecardModel, serializeScorecardModel } from '../../catalog/scorecard-schema.js';
import type { TrainingData } from '../../domain/scorecard/fit.js';
import type { ScorecardModel, ScorecardSubject } from '../../domain/scorecard/model.js';
import {
  DEFAULT_FOLDS,
  DEFAULT_SEED,
  trainScorecard,
  type TrainingResult,
} from '../../domain/scorecard/train.js';
import { CredenceError } from '../../errors.js';
import type { Catalog } from '../../domain/catalog.js';
import type { CharacteristicSource } from '../../domain/scorecard/model.js';
import { selectColumns, type ColumnSelection } from './scorecard-columns.js';
import { applyMapping } from './scorecard-mapping.js';
import { renderModelCard, type DataSummary } from './scorecard-card.js';
import {
  formatOf,
  GERMAN_GOOD,
  readDataTable,
  trainingColumn,
  type DataTable,
} from './scorecard-data.js';

/** Training a scorecard from a labelled data file: the model as catalog data and its card. */

export interface TrainFileOptions {
  target: string;
  /**
   * the target value that means good. Default: `1` in the German layout (class 1 = good);
   * for a CSV whose target is 0/1, 0 (1 = bad, a default flag); otherwise required
   */
  good?: string;
  format?: string;
  id?: string;
  subjects?: ScorecardSubject[];
  basePoints?: number;
  baseOdds?: number;
  pdo?: number;
  minIv?: number;
  folds?: number;
  seed?: number;
  /** train on these columns only (as the file names them, or by characteristic id) */
  include?: string[];
  /** leave these out: `COLUMN` or `COLUMN:reason`; the card lists them with the reason */
  exclude?: string[];
  /** sources for the characteristics (a mapping file's content) and the catalog they read */
  mapping?: {
    sources: Readonly<Record<string, CharacteristicSource>>;
    catalog: Pick<Catalog, 'recordTypes' | 'listTypes'>;
  };
}

export interface ScorecardTraining {
  model: ScorecardModel;
  result: TrainingResult;
  summary: DataSummary;
  /** the characteristics and labels trained on, as read from the file */
  data: TrainingData;
  /** the model file's text */
  yaml: string;
  /** the model card in Markdown */
  card: string;
}

export const MIN_ROWS = 50;

/** a generated model cites this until the operator names the real basis */
const PLACEHOLDER_BASIS = {
  title: '征信业管理条例',
  provision: {
    zh: '第二十一条（暂定：运营者须在发布前确认本评分卡的法律依据）',
    en: 'Art. 21 (placeholder: the operator must confirm the legal basis for this scorecard before publication)',
  },
};

export async function trainScorecardFile(
  path: string,
  options: TrainFileOptions,
): Promise<ScorecardTraining> {
  checkOptions(options);
  const id = options.id ?? defaultId(path);
  // the text cells are dropped once the columns are converted: only the values go into the fit
  const { data, summary } = labelled(
    await readDataTable(path, formatOf(path, options.format)),
    path,
    options,
  );
  const trained = trainScorecard(
    data,
    {
      id,
      version: '1',
      name: { zh: `评分卡 ${id}`, en: `Scorecard ${id}` },
      description: {
        zh: `依据 ${basename(path)} 训练的统计评分卡（${summary.rows} 行，其中违约 ${summary.bads} 行）；目标变量 ${options.target}，正常 = ${summary.goodValue}。`,
        en: `Statistical scorecard trained from ${basename(path)} (${summary.rows} rows, ${summary.bads} bads); target ${options.target}, good = ${summary.goodValue}.`,
      },
      legalBasis: [PLACEHOLDER_BASIS],
      subjects: options.subjects ?? ['person'],
    },
    {
      scaling: {
        ...(options.basePoints === undefined ? {} : { basePoints: options.basePoints }),
        ...(options.baseOdds === undefined ? {} : { baseOdds: options.baseOdds }),
        ...(options.pdo === undefined ? {} : { pdo: options.pdo }),
      },
      ...(options.minIv === undefined ? {} : { minIv: options.minIv }),
      folds: options.folds ?? DEFAULT_FOLDS,
      seed: options.seed ?? DEFAULT_SEED,
    },
  );
  // only the characteristics the fit kept are mapped; the mapping's keys were checked before it
  const result = options.mapping
    ? {
        ...trained,
        model: applyMapping(
          trained.model,
          keptSources(options.mapping.sources, trained.model),
          options.mapping.catalog,
        ),
      }
    : trained;
  const yaml = serializeScorecardModel(result.model);
  // what is written must load: a model that fails its own schema is a bug, caught before writing
  parseScorecardModel(yaml);
  return {
    model: result.model,
    result,
    summary,
    data,
    yaml,
    card: renderModelCard(result, summary),
  };
}

/** Writes `<dir>/<id>.yaml` and `<dir>/<id>.card.md`; returns their paths. */
export async function writeScorecardFiles(
  training: ScorecardTraining,
  dir: string,
): Promise<{ model: string; card: string }> {
  makeDirs(dir);
  const model = join(dir, `${training.model.id}.yaml`);
  const card = join(dir, `${training.model.id}.card.md`);
  await writeFile(model, training.yaml);
  await writeFile(card, training.card);
  return { model, card };
}

/** Splits the table into characteristics and good/bad labels, checking the target. */
function labelled(
  table: DataTable,
  path: string,
  options: TrainFileOptions,
): { data: TrainingData; summary: DataSummary } {
  const t = table.header.indexOf(options.target);
  if (t < 0) {
    throw new CredenceError(
      'SCORECARD_TARGET_MISSING',
      `no column "${options.target}" in ${basename(path)}; columns: ${table.header.join(', ')}`,
      { field: 'target' },
    );
  }
  // the columns are settled before anything is counted or fitted
  const selection = selectColumns(table.header, t, options.include, options.exclude);
  if (options.mapping) checkMappingKeys(options.mapping.sources, selection);
  const labels = table.columns[t]!;
  const empty = labels.findIndex((l) => l === '');
  if (empty >= 0) {
    throw new CredenceError(
      'SCORECARD_TARGET_VALUES',
      `line ${table.lines[empty]}: the target ${options.target} is empty`,
      { field: 'target', line: table.lines[empty] },
    );
  }
  const values = [...new Set(labels)].sort();
  if (values.length !== 2) {
    throw new CredenceError(
      'SCORECARD_TARGET_VALUES',
      `the target ${options.target} has ${values.length} distinct values (${values.slice(0, 5).join(', ')}${values.length > 5 ? ', …' : ''}); a scorecard needs exactly two`,
      { field: 'target' },
    );
  }
  const goodValue = goodValueOf(table, values as [string, string], options.good);
  const good = labels.map((l) => l === goodValue);
  const goods = good.filter(Boolean).length;
  const bads = good.length - goods;
  const folds = options.folds ?? DEFAULT_FOLDS;
  if (good.length < MIN_ROWS || goods < folds || bads < folds) {
    throw new CredenceError(
      'SCORECARD_TOO_FEW_ROWS',
      `${good.length} rows (${goods} goods, ${bads} bads): need at least ${MIN_ROWS} rows and ${folds} of each class for ${folds} folds`,
      { field: 'data' },
    );
  }
  return {
    data: { columns: selection.kept.map((c) => trainingColumn(table, c.index, c.name)), good },
    summary: {
      file: basename(path),
      format: table.format,
      rows: good.length,
      goods,
      bads,
      target: options.target,
      goodValue,
      badValue: values.find((v) => v !== goodValue)!,
      excluded: selection.excluded,
    },
  };
}

/** every key of the mapping names a column trained on, by its name in the file or its id */
function checkMappingKeys(
  sources: Readonly<Record<string, CharacteristicSource>>,
  selection: ColumnSelection,
): void {
  const known = new Set(selection.kept.flatMap((c) => [c.name, c.column]));
  const problems = Object.keys(sources)
    .filter((k) => !known.has(k))
    .map((k) => `${k}: not a column trained on`);
  if (problems.length > 0)
    throw new CredenceError('SCORECARD_MAPPING_INVALID', problems.join('; '), {
      field: 'map',
      problems,
    });
}

/** the mapping's entries for the characteristics the model kept */
function keptSources(
  sources: Readonly<Record<string, CharacteristicSource>>,
  model: ScorecardModel,
): Record<string, CharacteristicSource> {
  const kept = new Set(model.characteristics.flatMap((c) => [c.name, c.label]));
  return Object.fromEntries(Object.entries(sources).filter(([k]) => kept.has(k)));
}

function goodValueOf(table: DataTable, values: [string, string], good: string | undefined): string {
  if (good !== undefined) {
    if (values.includes(good)) return good;
    throw new CredenceError(
      'SCORECARD_TARGET_VALUES',
      `the good value "${good}" is not one of the target's values ${values.join(', ')}`,
      { field: 'good' },
    );
  }
  if (table.format === 'german' && values.includes(GERMAN_GOOD)) return GERMAN_GOOD;
  // a 0/1 target is read as a default flag: 1 = bad, so 0 = good
  if (values[0] === '0' && values[1] === '1') return '0';
  throw new CredenceError(
    'SCORECARD_GOOD_VALUE_REQUIRED',
    `say which of ${values.join(', ')} means good (--good)`,
    { field: 'good' },
  );
}

function checkOptions(o: TrainFileOptions): void {
  const problems: string[] = [];
  const need = (ok: boolean, message: string) => ok || problems.push(message);
  const finite = (v: number | undefined) => v === undefined || Number.isFinite(v);
  need(finite(o.basePoints), 'base_points: a number');
  need(
    o.baseOdds === undefined || (finite(o.baseOdds) && o.baseOdds > 0),
    'base_odds: a number above 0',
  );
  need(o.pdo === undefined || (finite(o.pdo) && o.pdo > 0), 'pdo: a number above 0');
  need(o.minIv === undefined || (finite(o.minIv) && o.minIv >= 0), 'min_iv: a number from 0');
  need(
    o.folds === undefined || (Number.isInteger(o.folds) && o.folds >= 2 && o.folds <= 50),
    'folds: a whole number from 2 to 50',
  );
  need(o.seed === undefined || Number.isSafeInteger(o.seed), 'seed: a whole number');
  need(
    o.subjects === undefined ||
      (o.subjects.length > 0 && o.subjects.every((k) => k === 'person' || k === 'business')),
    'subjects: person and/or business',
  );
  need(
    o.id === undefined || /^[a-z][a-z0-9_]*$/.test(o.id),
    'id: lower-case letters, digits and underscores, starting with a letter',
  );
  if (problems.length > 0) {
    throw new CredenceError('SCORECARD_OPTION_INVALID', `invalid options: ${problems.join('; ')}`, {
      field: problems[0]!.split(':')[0],
      problems,
    });
  }
}

/** `german.data` → `german_scorecard` */
function defaultId(path: string): string {
  const stem = basename(path, extname(path))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${/^[a-z]/.test(stem) ? stem : `s_${stem}`}_scorecard`;
}
