import { isIsoDate } from '../dates.js';
import type { LocalizedText } from '../catalog.js';
import type { DirectGradeRule, GradeBand, PointsModel } from '../rating-model.js';
import { carryOver, previousFor } from './carry-over.js';
import {
  entryEvidence,
  evaluateCondition,
  evaluationContext,
  selectEntries,
  selectRecords,
  unique,
  type EvaluationContext,
} from './evidence.js';
import { fromHundredths, toHundredths } from './hundredths.js';
import { evaluationPeriod } from './periods.js';
import type {
  CeilingApplied,
  Contribution,
  DirectGradeApplied,
  PointsResult,
  RatingInput,
  SpecialGradeApplied,
} from './points-result.js';
import { ruleContribution } from './rule-points.js';

/**
 * Evaluates a points model (SPEC 4.6) for one subject as of a date. Pure: everything it
 * needs is in the model and the input. Points are integer hundredths throughout; each
 * counted record is rounded to hundredths (halves away from zero) once, after its decay,
 * so the contributions add up to the score exactly.
 *
 * Order: the start score, the rules (each capped), carry-over points; the band of the
 * score; then a direct grade (found this period, else held from the last), else a special
 * grade, else the band lowered by any ceiling that holds.
 *
 * Returns null when the model does not apply to the subject (kind or `appliesTo.when`).
 */
export function evaluatePointsModel(
  model: PointsModel,
  input: RatingInput,
  asOf: string,
): PointsResult | null {
  if (!isIsoDate(asOf)) throw new RangeError(`as-of date "${asOf}" is not a date YYYY-MM-DD`);
  const period = evaluationPeriod(model.period, asOf);
  const ctx = evaluationContext(input, asOf, period);
  if (!model.appliesTo.subjectKinds.includes(input.subject.kind)) return null;
  if (model.appliesTo.when && !evaluateCondition(model.appliesTo.when, ctx).holds) return null;

  const contributions: Contribution[] = [startContribution(model, ctx)];
  for (const rule of model.rules) {
    const contribution = ruleContribution(rule, ctx);
    if (contribution) contributions.push(contribution);
  }
  contributions.push(...sharedCapContributions(model, contributions));
  const previous = previousFor(model, input.previous, period);
  const carry = carryOver(model, previous);
  contributions.push(...carry.contributions);
  const clamp = rangeContribution(model, contributions);
  if (clamp) contributions.push(clamp);

  const scoreHundredths = contributions.reduce((sum, c) => sum + c.hundredths, 0);
  ctx.score = scoreHundredths;
  const scoreGrade = bandFor(model.grades, scoreHundredths).grade;
  const directGrade = findDirectGrade(model.directGrades, ctx) ?? carry.held;
  const base: PointsResult = {
    kind: 'points',
    modelId: model.id,
    modelVersion: model.version,
    subjectId: input.subject.id,
    asOf,
    period,
    score: fromHundredths(scoreHundredths),
    scoreHundredths,
    scoreGrade,
    grade: scoreGrade,
    basis: 'score',
    contributions,
  };
  const result = decideGrade(model, ctx, base, directGrade, carry.ceilings);
  // only the carry-over steps that shaped this result: points always; a hold when the held
  // grade stood (a direct grade found this period supersedes it); a ceiling on a grade by score
  const carried = carry.applied.filter((c) =>
    c.effect === 'hold'
      ? result.directGrade === carry.held
      : c.effect !== 'ceiling' || result.basis === 'score',
  );
  return carried.length > 0 ? { ...result, carryOver: carried } : result;
}

const sum = (contributions: readonly Contribution[]) =>
  contributions.reduce((total, c) => total + c.hundredths, 0);

/**
 * For each shared cap whose rules together add or deduct more than the cap, a contribution
 * giving back the excess: the rules' own contributions stay as computed, so each record's
 * points still show, and the total adds up to the score.
 */
function sharedCapContributions(
  model: PointsModel,
  contributions: readonly Contribution[],
): Contribution[] {
  return (model.sharedCaps ?? []).flatMap((shared) => {
    const members = contributions.filter(
      (c) => c.source === 'rule' && shared.rules.includes(c.rule),
    );
    const total = sum(members);
    const cap = toHundredths(shared.cap);
    if (Math.abs(total) <= cap) return [];
    const hundredths = Math.sign(total) * cap - total;
    return [
      {
        rule: shared.id,
        source: 'cap' as const,
        label: shared.label,
        points: fromHundredths(hundredths),
        hundredths,
        recordIds: unique(members.flatMap((c) => c.recordIds)),
        entryIds: unique(members.flatMap((c) => c.entryIds)),
        capped: {
          rules: members.map((c) => c.rule),
          total: fromHundredths(total),
          cap: shared.cap,
        },
      },
    ];
  });
}

/** What holds the score inside the model's range, when it falls outside; else null. */
function rangeContribution(
  model: PointsModel,
  contributions: readonly Contribution[],
): Contribution | null {
  const range = model.scoreRange;
  if (!range) return null;
  const score = sum(contributions);
  const min = range.min === undefined ? null : toHundredths(range.min);
  const max = range.max === undefined ? null : toHundredths(range.max);
  const held = min !== null && score < min ? min : max !== null && score > max ? max : score;
  if (held === score) return null;
  return {
    rule: 'score_range',
    source: 'range',
    label: {
      zh: `分数限定在${range.min ?? ''}至${range.max ?? ''}之间`,
      en: `score held to the range ${range.min ?? '…'} to ${range.max ?? '…'}`,
    },
    points: fromHundredths(held - score),
    hundredths: held - score,
    recordIds: [],
    entryIds: [],
    clamped: {
      score: fromHundredths(score),
      ...(range.min === undefined ? {} : { min: range.min }),
      ...(range.max === undefined ? {} : { max: range.max }),
    },
  };
}

/** A direct grade, else a special grade, else the band lowered by every ceiling that holds. */
function decideGrade(
  model: PointsModel,
  ctx: EvaluationContext,
  result: PointsResult,
  directGrade: DirectGradeApplied | null,
  carriedCeilings: readonly CeilingApplied[],
): PointsResult {
  const by = (
    kind: NonNullable<PointsResult['setBy']>['kind'],
    rule?: { rule: string; label: LocalizedText },
  ) => (rule ? { kind, rule: rule.rule, label: rule.label } : { kind });
  if (directGrade)
    return {
      ...result,
      grade: directGrade.grade,
      basis: 'direct',
      setBy: by('direct', directGrade),
      directGrade,
    };
  const special = findSpecialGrade(model, ctx);
  if (special)
    return {
      ...result,
      grade: special.grade,
      basis: 'special',
      setBy: by('special', special),
      specialGrade: special,
    };
  const ceilings = [...findCeilings(model, ctx), ...carriedCeilings];
  if (ceilings.length === 0) return { ...result, setBy: by('score') };
  const grade = lowest(model.grades, [result.scoreGrade, ...ceilings.map((c) => c.grade)]);
  // the ceiling that holds the grade down, when one does
  const setter = grade === result.scoreGrade ? undefined : ceilings.find((c) => c.grade === grade);
  return { ...result, grade, setBy: setter ? by('ceiling', setter) : by('score'), ceilings };
}

/** The band a score (integer hundredths) falls in: min inclusive, below exclusive. */
export function bandFor(grades: readonly GradeBand[], hundredths: number): GradeBand {
  const band = grades.find(
    (g) =>
      (g.min === undefined || hundredths >= toHundredths(g.min)) &&
      (g.below === undefined || hundredths < toHundredths(g.below)),
  );
  // the catalog checks make the bands cover every score
  if (!band) throw new RangeError(`no grade band holds the score ${fromHundredths(hundredths)}`);
  return band;
}

/** The worst of the grades, by the order of the bands (best first). */
function lowest(grades: readonly GradeBand[], candidates: readonly string[]): string {
  const rank = (grade: string) => grades.findIndex((g) => g.grade === grade);
  return candidates.reduce((worst, g) => (rank(g) > rank(worst) ? g : worst));
}

function startContribution(model: PointsModel, ctx: EvaluationContext): Contribution {
  for (const start of model.startScore) {
    const evidence = start.when ? evaluateCondition(start.when, ctx) : null;
    if (evidence && !evidence.holds) continue;
    const hundredths = toHundredths(start.points);
    return {
      rule: start.id,
      source: 'start',
      label: start.label,
      points: fromHundredths(hundredths),
      hundredths,
      recordIds: evidence?.recordIds ?? [],
      entryIds: evidence?.entryIds ?? [],
    };
  }
  // the catalog checks make the last start score unconditional
  throw new RangeError(`model ${model.id} has no start score that applies`);
}

function findDirectGrade(
  rules: readonly DirectGradeRule[],
  ctx: EvaluationContext,
): DirectGradeApplied | null {
  for (const rule of rules) {
    const records = rule.records ? selectRecords(rule.records, ctx) : [];
    const entries = entryEvidence(rule.entries ? selectEntries(rule.entries, ctx) : []);
    if (records.length === 0 && !entries.holds) continue;
    return {
      rule: rule.id,
      label: rule.label,
      grade: rule.grade,
      recordIds: unique([...records.map((r) => r.id), ...entries.recordIds]),
      entryIds: entries.entryIds,
      periods: 1,
      since: ctx.period,
    };
  }
  return null;
}

function findSpecialGrade(model: PointsModel, ctx: EvaluationContext): SpecialGradeApplied | null {
  for (const rule of model.specialGrades) {
    const evidence = evaluateCondition(rule.when, ctx);
    if (evidence.holds)
      return {
        rule: rule.id,
        label: rule.label,
        grade: rule.grade,
        recordIds: evidence.recordIds,
        entryIds: evidence.entryIds,
      };
  }
  return null;
}

function findCeilings(model: PointsModel, ctx: EvaluationContext): CeilingApplied[] {
  return model.ceilings.flatMap((rule) => {
    const evidence = evaluateCondition(rule.when, ctx);
    return evidence.holds
      ? [
          {
            rule: rule.id,
            label: rule.label,
            grade: rule.grade,
            recordIds: evidence.recordIds,
            entryIds: evidence.entryIds,
          },
        ]
      : [];
  });
}
