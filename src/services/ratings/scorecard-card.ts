import type { ScorecardCharacteristic, ScorecardModel } from '../../domain/scorecard/model.js';
import { psiReading } from '../../domain/scorecard/metrics.js';
import type { TrainingResult } from '../../domain/scorecard/train.js';
import { ivStrength, WOE_SMOOTHING } from '../../domain/scorecard/woe.js';
import type { ExcludedColumn } from './scorecard-columns.js';
import type { TrainingFormat } from './scorecard-data.js';
import { describeSource } from './scorecard-mapping.js';

/** The model card of a trained scorecard, in Markdown: what it was trained on and how it does. */

export interface DataSummary {
  file: string;
  format: TrainingFormat;
  rows: number;
  goods: number;
  bads: number;
  target: string;
  goodValue: string;
  badValue: string;
  /** columns left out before training, and why */
  excluded: ExcludedColumn[];
}

const f = (n: number, digits = 3) => n.toFixed(digits);
const pct = (n: number) => `${(100 * n).toFixed(1)}%`;
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: Array<Array<string | number>>) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function renderModelCard(result: TrainingResult, data: DataSummary): string {
  const { model, fitted, crossValidation: cv } = result;
  const { scaling, metrics } = model;
  const holdout = metrics.holdout;
  const sd = Math.sqrt(cv.aucs.reduce((s, a) => s + (a - cv.meanAuc) ** 2, 0) / cv.aucs.length);
  const dropped = fitted.candidates.filter((c) => c.dropped);
  return [
    `# Model card: ${model.name.en} (${model.id} ${model.version}, ${model.status})`,
    '',
    model.description.en,
    '',
    '> Draft: the legal basis below is a placeholder. Confirm it, review the bins and set',
    '> thresholds before the model is published.',
    '',
    ...model.legalBasis.map(
      (b) => `- Legal basis: ${b.title}${b.provision ? `, ${b.provision.en}` : ''}`,
    ),
    `- Applies to: ${model.subjects.join(', ')}`,
    '',
    '## Data',
    '',
    table(
      ['item', 'value'],
      [
        ['file', `\`${data.file}\` (${data.format})`],
        ['rows', data.rows],
        ['goods', `${data.goods} (${data.target} = ${data.goodValue})`],
        ['bads', `${data.bads} (${data.target} = ${data.badValue})`],
        ['bad rate', pct(data.bads / data.rows)],
        ['characteristics considered', fitted.candidates.length],
        ['characteristics in the model', model.characteristics.length],
      ],
    ),
    '',
    ...(data.excluded.length > 0
      ? [
          '### Excluded before training',
          '',
          table(
            ['column', 'reason'],
            data.excluded.map((e) => [`\`${e.column}\``, e.reason]),
          ),
          '',
        ]
      : []),
    '## Conventions',
    '',
    '- Weight of evidence: WOE = ln(%good / %bad). Positive WOE = lower risk than the sample.',
    `  A bin with no goods or no bads gets ${WOE_SMOOTHING} added to both counts.`,
    '- Information value: IV = Σ (%good − %bad)·WOE; < 0.02 useless, 0.02–0.1 weak, 0.1–0.3',
    '  medium, 0.3–0.5 strong, > 0.5 suspicious (check for leakage).',
    '- The logistic regression predicts ln(odds of good) = α + Σ β_j·WOE_j.',
    '- Points of bin i of characteristic j: (β_j·WOE_ij + α/n)·Factor + Offset/n, n characteristics;',
    '  the score is the sum of one bin per characteristic. Higher score = lower risk.',
    '- Numeric bins are half-open [lower, upper). A missing value goes to the missing bin;',
    '  without one, a missing or unseen value gets the worst bin.',
    '',
    '## Scaling',
    '',
    table(
      ['parameter', 'value'],
      [
        ['base points', scaling.basePoints],
        ['base odds (good:bad)', `${scaling.baseOdds}:1`],
        ['points to double the odds (PDO)', scaling.pdo],
        ['Factor = PDO / ln 2', f(scaling.factor, 4)],
        ['Offset = base points − Factor·ln(base odds)', f(scaling.offset, 4)],
        ['intercept α', f(model.intercept, 6)],
      ],
    ),
    '',
    '## Performance',
    '',
    'Train: the final model on all rows. Holdout: every row scored by the model of the',
    `cross-validation fold that left it out (${cv.folds} stratified folds, seed ${cv.seed};`,
    'binning, WOE and regression refitted inside each fold).',
    '',
    table(
      ['metric', 'train', 'holdout'],
      [
        ['AUC', f(metrics.auc), holdout ? f(holdout.auc) : '–'],
        ['KS', f(metrics.ks), holdout ? f(holdout.ks) : '–'],
        ['Gini', f(metrics.gini), holdout ? f(holdout.gini) : '–'],
      ],
    ),
    '',
    ...(holdout
      ? [
          `- PSI train vs holdout scores (10 bins): ${f(holdout.psi, 4)} (${psiReading(holdout.psi)})`,
        ]
      : []),
    `- Cross-validated AUC: ${f(cv.meanAuc)} (sd ${f(sd)}; folds ${cv.aucs.map((a) => f(a)).join(', ')})`,
    '',
    ...sourcesSection(model),
    '## Characteristics',
    '',
    ...model.characteristics.flatMap(characteristicSection),
    ...(dropped.length > 0
      ? [
          '## Not in the model',
          '',
          table(
            ['characteristic', 'kind', 'IV', 'strength', 'reason'],
            dropped.map((c) => [c.name, c.kind, f(c.informationValue, 4), c.strength, c.dropped!]),
          ),
          '',
        ]
      : []),
  ].join('\n');
}

const SOURCES_HEADING = '## Read from records';

/** How each characteristic is computed from a subject's records when the scorecard rates. */
function sourcesSection(model: ScorecardModel): string[] {
  const unmapped = model.characteristics.filter((c) => !c.source).length;
  return [
    SOURCES_HEADING,
    '',
    unmapped > 0
      ? `${unmapped} of ${model.characteristics.length} characteristics have no source: map them (\`credence scorecard map\`) before the scorecard can be published.`
      : "Every characteristic is read from the subject's records as of the rating date.",
    '',
    table(
      ['characteristic', 'read as'],
      model.characteristics.map((c) => [
        c.label !== c.name ? `${c.name} (\`${c.label}\`)` : c.name,
        describeSource(c.source),
      ]),
    ),
    '',
  ];
}

/** The card with its "read from records" section redrawn for the model's current sources. */
export function withSourcesSection(card: string, model: ScorecardModel): string {
  const start = card.indexOf(SOURCES_HEADING);
  const section = sourcesSection(model).join('\n');
  if (start < 0) return `${card.trimEnd()}\n\n${section}`;
  const end = card.indexOf('\n## ', start + SOURCES_HEADING.length);
  return `${card.slice(0, start)}${section}${end < 0 ? '' : card.slice(end + 1)}`;
}

function characteristicSection(c: ScorecardCharacteristic): string[] {
  return [
    `### ${c.name}${c.label !== c.name ? `: ${c.label}` : ''}`,
    '',
    `${c.kind}; IV ${f(c.informationValue, 4)} (${ivStrength(c.informationValue)}); coefficient ${f(c.coefficient, 4)}`,
    '',
    table(
      ['bin', 'count', 'goods', 'bads', 'bad rate', 'WOE', 'points', 'rounded'],
      c.bins.map((b) => [
        b.label,
        b.count,
        b.goods,
        b.bads,
        pct(b.bads / b.count),
        f(b.woe, 4),
        f(b.points, 4),
        b.displayPoints,
      ]),
    ),
    '',
  ];
}
