import { catalogId, duration, legalBasisItems, localized, text } from './schema-parts.js';
import { LineCounter, parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import type { ScorecardModel } from '../domain/scorecard/model.js';
import { CredenceError } from '../errors.js';
import { formatPath, type Segment } from './source.js';

/**
 * The zod schema of a scorecard model file (scorecards/<id>.yaml) and its serialiser. Keys are
 * the camelCase names of src/domain/scorecard/model.ts, so a parsed file is a ScorecardModel.
 */

const id = catalogId;
const legalBasis = legalBasisItems.min(1, 'a scorecard names its legal basis');
const tally = z.int('a count is a whole number').min(0);

const bin = z.strictObject({
  label: text,
  lower: z.number().optional(),
  upper: z.number().optional(),
  categories: z.array(text).min(1, 'a categorical bin holds at least one category').optional(),
  missing: z.literal(true).optional(),
  count: tally,
  goods: tally,
  bads: tally,
  woe: z.number(),
  points: z.number(),
  displayPoints: z.int('displayPoints is a whole number'),
});

type Issues = { issues: unknown[]; value: unknown };
const issue = (ctx: Issues, path: Segment[], message: string) =>
  ctx.issues.push({ code: 'custom', input: ctx.value, path, message });

/** how a characteristic is read from a subject's records (domain/scorecard/characteristics.ts) */
export const characteristicSource = z
  .strictObject({
    recordType: id('a record type'),
    field: id('a field name').optional(),
    aggregate: z.enum(['count', 'sum', 'max', 'min', 'months_since_latest'], {
      error: 'aggregate is count, sum, max, min or months_since_latest',
    }),
    window: duration.optional(),
    divideBy: z.number().positive('divideBy is a number above 0').optional(),
  })
  .check((ctx) => {
    const aggregate = ctx.value.aggregate;
    if ((aggregate === 'sum' || aggregate === 'max' || aggregate === 'min') && !ctx.value.field)
      issue(ctx, ['field'], `${aggregate} needs a field`);
  });

const characteristic = z
  .strictObject({
    name: id('a characteristic name'),
    label: text,
    kind: z.enum(['numeric', 'categorical'], { error: 'kind is numeric or categorical' }),
    coefficient: z.number(),
    informationValue: z.number().min(0),
    source: characteristicSource.optional(),
    bins: z.array(bin).min(1, 'a characteristic has at least one bin'),
  })
  .check((ctx) => {
    const c = ctx.value;
    c.bins.forEach((b, i) => {
      if (b.count !== b.goods + b.bads) issue(ctx, ['bins', i, 'count'], 'count is goods + bads');
      const bounded = b.lower !== undefined || b.upper !== undefined;
      if (b.missing && (bounded || b.categories))
        issue(ctx, ['bins', i], 'the missing bin has no bounds or categories');
      else if (!b.missing && c.kind === 'numeric' && b.categories)
        issue(ctx, ['bins', i, 'categories'], 'a numeric bin has bounds, not categories');
      else if (!b.missing && c.kind === 'categorical' && (bounded || !b.categories))
        issue(ctx, ['bins', i], 'a categorical bin lists categories and has no bounds');
    });
    if (c.bins.filter((b) => b.missing).length > 1)
      issue(ctx, ['bins'], 'a characteristic has at most one missing bin');
    if (c.kind === 'numeric') checkRanges(ctx, c.bins);
    else checkCategories(ctx, c.bins);
  });

type Bin = z.output<typeof bin>;

/** numeric bins cover the line once: unbounded at both ends, each upper the next lower */
function checkRanges(ctx: Issues, bins: Bin[]) {
  const ranges = bins.map((b, i) => ({ b, i })).filter(({ b }) => !b.missing);
  ranges.forEach(({ b, i }, k) => {
    const first = k === 0;
    const last = k === ranges.length - 1;
    if (first !== (b.lower === undefined))
      issue(ctx, ['bins', i, 'lower'], 'only the first numeric bin has no lower bound');
    if (last !== (b.upper === undefined))
      issue(ctx, ['bins', i, 'upper'], 'only the last numeric bin has no upper bound');
    const next = ranges[k + 1];
    if (next && b.upper !== next.b.lower)
      issue(
        ctx,
        ['bins', next.i, 'lower'],
        'numeric bins are contiguous: lower = the upper before',
      );
    if (b.lower !== undefined && b.upper !== undefined && !(b.lower < b.upper))
      issue(ctx, ['bins', i], 'a bin [lower, upper) has lower < upper');
  });
}

function checkCategories(ctx: Issues, bins: Bin[]) {
  const seen = new Set<string>();
  bins.forEach((b, i) => {
    for (const category of b.categories ?? []) {
      if (seen.has(category))
        issue(ctx, ['bins', i, 'categories'], `category "${category}" is in two bins`);
      seen.add(category);
    }
  });
}

const positive = z.number().positive();
const scaling = z
  .strictObject({
    basePoints: z.number(),
    baseOdds: positive,
    pdo: positive,
    factor: positive,
    offset: z.number(),
  })
  .check((ctx) => {
    const s = ctx.value;
    const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (!close(s.factor, s.pdo / Math.LN2)) issue(ctx, ['factor'], 'factor is pdo / ln 2');
    if (!close(s.offset, s.basePoints - s.factor * Math.log(s.baseOdds)))
      issue(ctx, ['offset'], 'offset is basePoints − factor·ln(baseOdds)');
  });

const unit = z.number().min(0).max(1);
const metrics = z.strictObject({
  auc: unit,
  ks: unit,
  gini: z.number().min(-1).max(1),
  cvAuc: unit,
  folds: z.int().min(2),
  holdout: z
    .strictObject({ auc: unit, ks: unit, gini: z.number().min(-1).max(1), psi: z.number().min(0) })
    .optional(),
  scoreDistribution: z
    .strictObject({ cuts: z.array(z.number()), shares: z.array(unit).min(1) })
    .check((ctx) => {
      if (ctx.value.shares.length !== ctx.value.cuts.length + 1)
        issue(ctx, ['shares'], 'k cuts make k + 1 shares');
    })
    .optional(),
});

export const scorecardModelSchema = z
  .strictObject({
    id: id('a scorecard id'),
    version: text,
    kind: z.literal('scorecard'),
    name: localized,
    description: localized,
    legalBasis,
    status: z.enum(['draft', 'published'], { error: 'status is draft or published' }),
    public: z.boolean().default(false),
    subjects: z
      .array(z.enum(['person', 'business'], { error: 'a subject is person or business' }))
      .min(1, 'name whom the scorecard applies to'),
    scaling,
    intercept: z.number(),
    characteristics: z.array(characteristic).min(1, 'a scorecard has at least one characteristic'),
    thresholds: z.array(z.strictObject({ label: text, minScore: z.number() })).optional(),
    metrics,
  })
  .check((ctx) => {
    const names = new Set<string>();
    ctx.value.characteristics.forEach((c, i) => {
      if (names.has(c.name)) issue(ctx, ['characteristics', i, 'name'], `"${c.name}" is repeated`);
      names.add(c.name);
    });
  });

/** Parses and validates a scorecard model file; throws SCORECARD_MODEL_INVALID with every problem. */
export function parseScorecardModel(text: string): ScorecardModel {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => `YAML syntax: ${e.message.split('\n')[0]}`);
    throw new CredenceError('SCORECARD_MODEL_INVALID', 'the scorecard model is not valid YAML', {
      problems,
    });
  }
  const result = scorecardModelSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => {
    const path = i.path.filter((p): p is Segment => typeof p !== 'symbol');
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? `line ${lineCounter.linePos(node.range[0]).line}: ` : '';
    const keys = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
    return `${line}${formatPath(path) || '(file)'}: ${i.message}${keys}`;
  });
  throw new CredenceError('SCORECARD_MODEL_INVALID', 'the scorecard model does not validate', {
    problems,
  });
}

/** Writes a model as catalog YAML; numbers keep full precision, so it parses back equal. */
export function serializeScorecardModel(model: ScorecardModel): string {
  const header = [
    `# Scorecard model ${model.id} ${model.version} (${model.status}).`,
    '# WOE = ln(%good / %bad): positive WOE = lower risk; higher score = lower risk.',
    '# Score = offset + factor·ln(odds of good) = the sum of one bin’s points per characteristic.',
  ];
  return `${header.join('\n')}\n${stringify(model, { lineWidth: 0 })}`;
}
