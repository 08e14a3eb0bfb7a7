import type { PointsModel } from '../rating-model.js';
import { fromHundredths, toHundredths } from './hundredths.js';
import { periodBefore, type RatingPeriod } from './periods.js';
import type {
  CarryOverApplied,
  CeilingApplied,
  Contribution,
  DirectGradeApplied,
  PreviousResult,
} from './points-result.js';

/**
 * Carry-over from the previous period (SPEC 4.6): points (a D by score costs 11 the next
 * year), ceilings (no A after a D), and direct grades that hold for several periods and
 * then cap the grade.
 */

/** The previous result, when it is this model's and covers the period right before this one. */
export function previousFor(
  model: PointsModel,
  previous: PreviousResult | null,
  period: RatingPeriod,
): PreviousResult | null {
  if (!previous || previous.modelId !== model.id) return null;
  const before = periodBefore(model.period, period);
  return previous.period.start === before.start && previous.period.end === before.end
    ? previous
    : null;
}

export interface CarryOutcome {
  contributions: Contribution[];
  applied: CarryOverApplied[];
  held: DirectGradeApplied | null;
  ceilings: CeilingApplied[];
}

export function carryOver(model: PointsModel, previous: PreviousResult | null): CarryOutcome {
  const outcome: CarryOutcome = { contributions: [], applied: [], held: null, ceilings: [] };
  if (!previous) return outcome;
  const from = { period: previous.period, grade: previous.grade, basis: previous.basis };
  for (const rule of model.carryOver) {
    if (!rule.from.grades.includes(previous.grade)) continue;
    if (rule.from.by && rule.from.by !== previous.basis) continue;
    const base = { rule: rule.id, label: rule.label, from };
    if (rule.kind === 'points') {
      const hundredths = toHundredths(rule.points);
      outcome.contributions.push({
        rule: rule.id,
        source: 'carry_over',
        label: rule.label,
        points: fromHundredths(hundredths),
        hundredths,
        recordIds: previous.directGrade?.recordIds ?? [],
        entryIds: [],
      });
      outcome.applied.push({ ...base, effect: 'points', points: fromHundredths(hundredths) });
      continue;
    }
    if (rule.kind === 'ceiling') {
      outcome.ceilings.push({
        rule: rule.id,
        label: rule.label,
        grade: rule.grade,
        recordIds: previous.directGrade?.recordIds ?? [],
        entryIds: previous.directGrade?.entryIds ?? [],
      });
      outcome.applied.push({ ...base, effect: 'ceiling', grade: rule.grade });
      continue;
    }
    const direct = previous.directGrade;
    if (!direct) continue;
    const stood = direct.periods;
    if (stood < rule.periods) {
      outcome.held ??= { ...direct, periods: stood + 1 };
      outcome.applied.push({ ...base, effect: 'hold', grade: direct.grade });
    } else if (stood === rule.periods && rule.thenCeiling) {
      outcome.ceilings.push({
        rule: rule.id,
        label: rule.label,
        grade: rule.thenCeiling,
        recordIds: direct.recordIds,
        entryIds: direct.entryIds,
      });
      outcome.applied.push({ ...base, effect: 'ceiling', grade: rule.thenCeiling });
    }
  }
  return outcome;
}
