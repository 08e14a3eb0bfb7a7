import type { LocalizedText } from '../catalog.js';
import type { ListEntry } from '../list-entry.js';
import type { GradeBasis } from '../rating-model.js';
import type { RecordVersion } from '../record.js';
import type { SubjectKind } from '../subject.js';
import type { RatingPeriod } from './periods.js';

/** What a points model is evaluated on, and what it answers (SPEC 4.6, principle 2.5). */

/** The parts of a record version a model looks at; pass current versions only. */
export type RatingRecord = Pick<
  RecordVersion,
  'id' | 'type' | 'fields' | 'amounts' | 'severity' | 'decisionDate' | 'effectiveDate' | 'endDate'
>;

/** The parts of a list entry a model looks at, in its state as of the date. */
export type RatingEntry = Pick<
  ListEntry,
  'id' | 'listType' | 'state' | 'effectiveFrom' | 'endsOn' | 'recordIds'
>;

export interface RatingSubject {
  id: string;
  kind: SubjectKind;
  /** when the registry first knew the subject (a date or an ISO timestamp) */
  createdAt: string;
}

/** The subject's result under the same model for an earlier period, as far as carry-over needs it. */
export type PreviousResult = Pick<PointsResult, 'modelId' | 'period' | 'grade' | 'basis'> & {
  directGrade?: DirectGradeApplied;
};

export interface RatingInput {
  subject: RatingSubject;
  /** current versions only: the caller leaves out corrected and revoked ones */
  records: readonly RatingRecord[];
  /** the subject's list entries as of the date */
  listEntries: readonly RatingEntry[];
  previous: PreviousResult | null;
}

/** One record or entry counted by a rule. */
export interface ContributionItem {
  recordId?: string;
  entryId?: string;
  /** how many times the points counted (1 per occurrence; cycles, months…) */
  units: number;
  /** the decay weight, 1 at full weight (rounded to 4 places for display) */
  factor: number;
  points: number;
  /** the rule's points per unit applied to it, before the decay factor (−50 × 0.259) */
  basePoints?: number;
  /** for a rule with repeat points: 1 for the first occurrence, 2 for the second… */
  occurrence?: number;
}

/** Points one step added or deducted; the contributions add up to the score exactly. */
export interface Contribution {
  rule: string;
  /**
   * cap: what a shared cap gives back of the rules it names; range: what clamping the score
   * to the model's range adds or takes
   */
  source: 'start' | 'rule' | 'carry_over' | 'cap' | 'range';
  label: LocalizedText;
  points: number;
  /** the same points as integer hundredths */
  hundredths: number;
  /** records behind it (for entries, the records the entries rest on) */
  recordIds: string[];
  entryIds: string[];
  items?: ContributionItem[];
  /** the rule's points before its cap, when the cap cut them */
  uncapped?: number;
  /** source cap: the rules it caps, their points together before it, and the cap */
  capped?: { rules: string[]; total: number; cap: number };
  /** source range: the score before clamping, and the range */
  clamped?: { score: number; min?: number; max?: number };
}

export interface DirectGradeApplied {
  rule: string;
  label: LocalizedText;
  grade: string;
  recordIds: string[];
  entryIds: string[];
  /** periods this direct grade has stood, this one included (1 in the period that found it) */
  periods: number;
  /** the period whose records or entries set it */
  since: RatingPeriod;
}

export interface SpecialGradeApplied {
  rule: string;
  label: LocalizedText;
  grade: string;
  recordIds: string[];
  entryIds: string[];
}

/** A ceiling whose condition held: the grade by score is no better than `grade`. */
export interface CeilingApplied {
  rule: string;
  label: LocalizedText;
  grade: string;
  recordIds: string[];
  entryIds: string[];
}

export interface CarryOverApplied {
  rule: string;
  label: LocalizedText;
  effect: 'points' | 'hold' | 'ceiling';
  from: { period: RatingPeriod; grade: string; basis: GradeBasis };
  /** effect points: the points added to this period */
  points?: number;
  /** effect hold: the grade held; effect ceiling: the ceiling */
  grade?: string;
}

export interface PointsResult {
  kind: 'points';
  modelId: string;
  modelVersion: string;
  subjectId: string;
  asOf: string;
  period: RatingPeriod;
  score: number;
  /** the score as integer hundredths: the sum of the contributions' hundredths */
  scoreHundredths: number;
  /** the band the score falls in */
  scoreGrade: string;
  grade: string;
  basis: GradeBasis;
  /**
   * what set the grade: the band of the score, or the direct grade, special grade, ceiling or
   * carried-over ceiling that decided it (a ceiling that lowered the band is named here,
   * though `basis` stays score)
   */
  setBy?: { kind: GradeBasis | 'ceiling'; rule?: string; label?: LocalizedText };
  contributions: Contribution[];
  directGrade?: DirectGradeApplied;
  specialGrade?: SpecialGradeApplied;
  ceilings?: CeilingApplied[];
  carryOver?: CarryOverApplied[];
}
