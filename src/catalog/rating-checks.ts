import type { GradeBand, PointsModel, PointsRule } from '../domain/rating-model.js';
import { duplicates } from './cross-checks.js';
import {
  checkCondition,
  checkDecay,
  checkEvidence,
  checkPer,
  checkPositive,
  type RatingCheckContext,
  type Scope,
} from './rating-rule-checks.js';
import type { Report, Segment } from './source.js';

export type { RatingCheckContext } from './rating-rule-checks.js';

/**
 * Cross-checks of points models (SPEC 4.6): the record types, fields and list types the
 * rules name exist, the grade bands cover every score once, and every rule rests on law.
 * Messages name the rule, so `file:line: path: message` says where and what.
 */

export function checkPointsModel(model: PointsModel, ctx: RatingCheckContext, report: Report) {
  const scope: Scope = { ctx, kinds: model.appliesTo.subjectKinds, report };
  // SPEC 2.1: every rating rule names its legal basis
  if (model.legalBasis.length === 0)
    report(['legalBasis'], 'every rating model names its legal basis (title and provision)');
  duplicates(model.appliesTo.subjectKinds, (i, v) =>
    report(['appliesTo', 'subjectKinds', i], `"${v}" is listed twice`),
  );
  if (model.appliesTo.when)
    checkCondition(model.appliesTo.when, ['appliesTo', 'when'], 'appliesTo', false, scope);
  if (model.period.kind === 'rolling')
    checkPositive(model.period.duration, ['period', 'duration'], 'period', report);
  checkIds(model, report);
  checkStartScores(model, scope);
  const grades = checkBands(model.grades, report);
  const special = new Set(model.specialGrades.map((s) => s.grade));
  const known = [...grades, ...special];

  model.rules.forEach((rule, i) => {
    const at = ['rules', i];
    const who = `rule "${rule.id}"`;
    const type = checkEvidence(rule, at, who, scope);
    if (rule.points === 0) report([...at, 'points'], `${who}: 0 points adds nothing`);
    if (rule.per) checkPer(rule.per, type, rule.entries !== undefined, [...at, 'per'], who, report);
    if (rule.decay) {
      if (rule.entries)
        report([...at, 'decay'], `${who}: decay applies to records, not to list entries`);
      checkDecay(rule.decay, [...at, 'decay'], who, report);
    }
    if (rule.repeat) checkRepeat(rule, [...at, 'repeat'], who, report);
  });
  checkSharedCaps(model, report);
  checkScoreRange(model, report);

  model.directGrades.forEach((rule, i) => {
    const who = `direct grade "${rule.id}"`;
    checkEvidence(rule, ['directGrades', i], who, scope);
    if (!known.includes(rule.grade))
      report(
        ['directGrades', i, 'grade'],
        `${who}: "${rule.grade}" is not a grade of the model (${known.join(', ')})`,
      );
  });
  model.specialGrades.forEach((rule, i) => {
    const who = `special grade "${rule.id}"`;
    if (grades.includes(rule.grade))
      report(
        ['specialGrades', i, 'grade'],
        `${who}: a special grade stands outside the bands; "${rule.grade}" is a band`,
      );
    checkCondition(rule.when, ['specialGrades', i, 'when'], who, true, scope);
  });
  model.ceilings.forEach((rule, i) => {
    const who = `ceiling "${rule.id}"`;
    if (!grades.includes(rule.grade))
      report(
        ['ceilings', i, 'grade'],
        `${who}: a ceiling is a band grade (${grades.join(', ')}), not "${rule.grade}"`,
      );
    checkCondition(rule.when, ['ceilings', i, 'when'], who, true, scope);
  });
  model.carryOver.forEach((rule, i) => {
    const at = ['carryOver', i];
    const who = `carry-over "${rule.id}"`;
    rule.from.grades.forEach((g, j) => {
      if (!known.includes(g))
        report(
          [...at, 'from', 'grades', j],
          `${who}: "${g}" is not a grade of the model (${known.join(', ')})`,
        );
    });
    if (rule.kind === 'points' && rule.points === 0)
      report([...at, 'points'], `${who}: 0 points adds nothing`);
    if (rule.kind === 'ceiling' && !grades.includes(rule.grade))
      report(
        [...at, 'grade'],
        `${who}: a ceiling is a band grade (${grades.join(', ')}), not "${rule.grade}"`,
      );
    if (rule.kind !== 'hold') return;
    if (rule.from.by !== 'direct')
      report([...at, 'from', 'by'], `${who}: a hold takes up a direct grade: from.by is direct`);
    if (rule.thenCeiling !== undefined && !grades.includes(rule.thenCeiling))
      report(
        [...at, 'thenCeiling'],
        `${who}: a ceiling is a band grade (${grades.join(', ')}), not "${rule.thenCeiling}"`,
      );
  });
}

/** repeat points escalate: the same sign as the first occurrence's, never less in size */
function checkRepeat(rule: PointsRule, at: Segment[], who: string, report: Report) {
  if (rule.entries) report(at, `${who}: repeat counts records in order of date, not list entries`);
  let before = rule.points;
  rule.repeat!.forEach((points, i) => {
    if (Math.sign(points) !== Math.sign(rule.points))
      report(
        [...at, i],
        `${who}: repeat points have the sign of points (${rule.points}), not ${points}`,
      );
    else if (Math.abs(points) < Math.abs(before))
      report(
        [...at, i],
        `${who}: a repeat offence costs no less than the one before: ${points} after ${before}`,
      );
    before = points;
  });
}

/** a shared cap names rules of the model, all deductions or all additions, each in one cap */
function checkSharedCaps(model: PointsModel, report: Report) {
  const rules = new Map(model.rules.map((r) => [r.id, r]));
  const capOf = new Map<string, string>();
  model.sharedCaps?.forEach((shared, i) => {
    const who = `shared cap "${shared.id}"`;
    const signs = new Set<number>();
    shared.rules.forEach((id, j) => {
      const rule = rules.get(id);
      if (!rule)
        return report(
          ['sharedCaps', i, 'rules', j],
          `${who}: no rule "${id}" in the model (${[...rules.keys()].join(', ')})`,
        );
      signs.add(Math.sign(rule.points));
      const other = capOf.get(id);
      if (other)
        report(
          ['sharedCaps', i, 'rules', j],
          `${who}: rule "${id}" is already capped by "${other}"`,
        );
      capOf.set(id, shared.id);
    });
    if (signs.size > 1)
      report(
        ['sharedCaps', i, 'rules'],
        `${who}: caps deductions or additions, not both: its rules have points of both signs`,
      );
  });
}

function checkScoreRange(model: PointsModel, report: Report) {
  const range = model.scoreRange;
  if (!range) return;
  if (range.min === undefined && range.max === undefined)
    report(['scoreRange'], 'scoreRange needs min or max');
  else if (range.min !== undefined && range.max !== undefined && range.min >= range.max)
    report(
      ['scoreRange', 'max'],
      `scoreRange: no score is at least ${range.min} and at most ${range.max}`,
    );
}

/** ids name rules in every explanation, so they are unique across the whole model */
function checkIds(model: PointsModel, report: Report) {
  const seen = new Set<string>();
  model.sharedCaps?.forEach((shared, i) => {
    if (model.rules.some((r) => r.id === shared.id) || seen.has(shared.id))
      report(['sharedCaps', i, 'id'], `rule id "${shared.id}" is used twice in the model`);
    seen.add(shared.id);
  });
  const sections = [
    'startScore',
    'rules',
    'directGrades',
    'specialGrades',
    'ceilings',
    'carryOver',
  ] as const;
  for (const section of sections)
    model[section].forEach((rule, i) => {
      if (seen.has(rule.id))
        report([section, i, 'id'], `rule id "${rule.id}" is used twice in the model`);
      seen.add(rule.id);
    });
}

function checkStartScores(model: PointsModel, scope: Scope) {
  const last = model.startScore.length - 1;
  model.startScore.forEach((start, i) => {
    const who = `start score "${start.id}"`;
    if (i < last && !start.when)
      scope.report(
        ['startScore', i],
        `${who} has no when, so the start scores after it are never taken`,
      );
    if (i === last && start.when)
      scope.report(
        ['startScore', i, 'when'],
        `${who} is the last: the default when no other applies, so it has no when`,
      );
    if (start.when) checkCondition(start.when, ['startScore', i, 'when'], who, false, scope);
  });
}

/**
 * Bands are listed best first and cover every score once: the best has no upper bound,
 * the lowest no lower bound, and each band's `below` is the `min` of the band above it.
 * Returns the band grades, best first.
 */
function checkBands(bands: readonly GradeBand[], report: Report): string[] {
  duplicates(
    bands.map((b) => b.grade),
    (i, g) => report(['grades', i, 'grade'], `grade "${g}" has two bands`),
  );
  const range = (b: GradeBand) => `${b.grade} (${b.min ?? '…'} to below ${b.below ?? '…'})`;
  bands.forEach((band, i) => {
    if (band.min !== undefined && band.below !== undefined && band.min >= band.below)
      report(['grades', i], `band ${range(band)} is empty: min must be below "below"`);
  });
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (first?.below !== undefined)
    report(
      ['grades', 0, 'below'],
      `the best band ${first.grade} has no upper bound: scores of ${first.below} or more would have no grade`,
    );
  if (last?.min !== undefined)
    report(
      ['grades', bands.length - 1, 'min'],
      `the lowest band ${last.grade} has no lower bound: scores below ${last.min} would have no grade`,
    );
  for (let i = 1; i < bands.length; i++) {
    const [above, band] = [bands[i - 1] as GradeBand, bands[i] as GradeBand];
    if (above.min === undefined) {
      report(
        ['grades', i - 1, 'min'],
        `band ${above.grade} needs a min: ${band.grade} comes below it`,
      );
      continue;
    }
    if (band.below === undefined) {
      report(
        ['grades', i, 'below'],
        `band ${band.grade} needs below: ${above.grade} starts at ${above.min}`,
      );
      continue;
    }
    if (band.min !== undefined && band.min >= above.min)
      report(
        ['grades', i, 'min'],
        `bands are listed best first: ${band.grade} (from ${band.min}) comes after ${above.grade} (from ${above.min})`,
      );
    else if (band.below < above.min)
      report(
        ['grades', i, 'below'],
        `a gap between ${band.grade} (below ${band.below}) and ${above.grade} (from ${above.min}): scores from ${band.below} to below ${above.min} have no grade`,
      );
    else if (band.below > above.min)
      report(
        ['grades', i, 'below'],
        `${band.grade} (below ${band.below}) overlaps ${above.grade} (from ${above.min}): scores from ${above.min} to below ${band.below} have two grades`,
      );
  }
  return bands.map((b) => b.grade);
}
