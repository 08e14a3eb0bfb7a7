import type { DateField, FieldCondition, LayerRef, LegalBasis, LocalizedText } from './catalog.js';
import type { ScorecardModel } from './scorecard/model.js';
import type { SubjectKind } from './subject.js';

/**
 * Rating models of the catalog (SPEC 4.6): one union discriminated by `kind`. Points
 * models are declarative: every number is data in rating-models/<id>.yaml, evaluated by
 * src/domain/ratings/points-engine.ts. Statistical scorecards join the union as another kind.
 */
export type RatingModel = PointsModel | ScorecardModel | GroupModel;

export type RatingModelKind = RatingModel['kind'];

export type RatingModelStatus = 'draft' | 'published';

/** What every rating model says about itself, whatever its kind. */
export interface RatingModelHeader {
  id: string;
  /** the regional layer that adds it; absent for a national model (issue 22) */
  layer?: LayerRef;
  /** the model's own version; every result names it */
  version: string;
  name: LocalizedText;
  description: LocalizedText;
  legalBasis: LegalBasis[];
  /** a draft can be run on current data to see its effect before it is adopted */
  status: RatingModelStatus;
  /** whether results are public (SPEC 4.9: ratings the catalog marks public) */
  public: boolean;
  appliesTo: Applicability;
}

/** Whom a model rates: subjects of these kinds, and of those only the ones meeting `when`. */
export interface Applicability {
  subjectKinds: SubjectKind[];
  when?: SubjectCondition;
}

/** The period one evaluation covers: the latest complete one on or before the as-of date. */
export type EvaluationPeriod =
  | { kind: 'calendar_year' }
  | { kind: 'quarter' }
  /** the `duration` up to and including the as-of date */
  | { kind: 'rolling'; duration: string };

/**
 * Records of one type meeting all `conditions` (and not all of `unless`), dated within
 * the period, or within `within` before the period's end.
 */
export interface RecordSelector {
  recordType: string;
  conditions: FieldCondition[];
  /** a record meeting every one of these is left out (e.g. the ones a direct grade takes) */
  unless?: FieldCondition[];
  /** the date that places a record in time; decision_date unless said otherwise */
  date?: DateField;
  /** an ISO 8601 duration counted back from the period's end, instead of the period */
  within?: string;
}

/** Effective entries on one of these list types, as of the as-of date. */
export interface EntrySelector {
  listTypes: string[];
}

/**
 * A condition on the subject; every key present must hold (an empty condition is
 * rejected by the catalog checks).
 */
export interface SubjectCondition {
  all?: SubjectCondition[];
  any?: SubjectCondition[];
  not?: SubjectCondition;
  /** at least `atLeast` (default 1) records of the selector */
  records?: RecordSelector & { atLeast?: number };
  /** an effective entry on one of these list types */
  listed?: string[];
  /** true: the subject was created or first recorded after the period began */
  newSubject?: boolean;
  /** how long the subject has existed at the end of the period */
  subjectAge?: { under?: string; atLeast?: string };
  /** the score (special grades and ceilings only: it is not known before the rules ran) */
  score?: { min?: number; below?: number };
}

/** How many times a rule's points count for one record. */
export interface PerUnit {
  /** an integer or money field: its value (money in minor units) divided by `unit` */
  field?: string;
  /** default 1 */
  unit?: number;
  /** how a value that is not a whole number of units counts; default down */
  round?: 'down' | 'up';
  /** every started `duration` from the `from` date to the `to` date (or the period's end) */
  duration?: string;
  from?: DateField;
  to?: DateField;
}

/** Less weight for older records; age is measured at the end of the period. */
export type Decay =
  /** full weight until the first step; from each step's age on, its factor (0: no longer counts) */
  | { kind: 'step'; steps: { after: string; factor: number }[] }
  /** full weight until `after` (default at once), then falling in a straight line to 0 at `until` */
  | { kind: 'linear'; after?: string; until: string };

/** What every rule of a model carries so that an answer can say why. */
export interface RuleHeader {
  id: string;
  label: LocalizedText;
  /** the provision of the model's legal basis the rule rests on */
  basis: LocalizedText;
}

/** Adds (positive) or deducts (negative) points per record or list entry. */
export interface PointsRule extends RuleHeader {
  records?: RecordSelector;
  entries?: EntrySelector;
  /** points per unit, with at most 2 decimal places */
  points: number;
  /** absent: per occurrence */
  per?: PerUnit;
  /** the most the rule can add or deduct in all (a positive number) */
  cap?: number;
  decay?: Decay;
  /**
   * points per unit of the second, third… occurrence, in order of date (the last one for any
   * after): repeat offences cost more. The first occurrence has `points`.
   */
  repeat?: number[];
}

/** A cap on what several rules add or deduct together (e.g. all deductions of one domain). */
export interface SharedCap extends RuleHeader {
  rules: string[];
  /** the most the rules can add or deduct together (a positive number) */
  cap: number;
}

/** The final score is held inside this range (after the rules and carry-over). */
export interface ScoreRange {
  min?: number;
  max?: number;
}

/** A grade given directly, whatever the score, when any record or entry matches. */
export interface DirectGradeRule extends RuleHeader {
  grade: string;
  records?: RecordSelector;
  entries?: EntrySelector;
}

/** A grade outside the bands (M for new entities); only when no direct grade applies. */
export interface SpecialGradeRule extends RuleHeader {
  grade: string;
  when: SubjectCondition;
}

/** A grade by score no better than `grade` while `when` holds. */
export interface GradeCeiling extends RuleHeader {
  grade: string;
  when: SubjectCondition;
}

/** One start score; the first whose `when` holds is taken, the last has none. */
export interface StartScore {
  id: string;
  label: LocalizedText;
  points: number;
  when?: SubjectCondition;
}

/** Scores from `min` (inclusive) to `below` (exclusive); bands are listed best first. */
export interface GradeBand {
  grade: string;
  label?: LocalizedText;
  min?: number;
  below?: number;
}

/** How a grade came about: by the bands, by a direct-grade rule, or as a special grade. */
export type GradeBasis = 'score' | 'direct' | 'special';

/** The previous period's result a carry-over rule takes up. */
export interface PreviousMatch {
  grades: string[];
  by?: GradeBasis;
}

export type CarryOverRule =
  /** points in this period (a D by score: an 11-point deduction the next year) */
  | (RuleHeader & { kind: 'points'; from: PreviousMatch; points: number })
  /**
   * a direct grade stands for `periods` periods in all; in the period after, the grade by
   * score is no better than `thenCeiling` (a direct D holds 2 years and bars A in the third)
   */
  | (RuleHeader & { kind: 'hold'; from: PreviousMatch; periods: number; thenCeiling?: string })
  /** the grade by score no better than `grade` in this period (no A after a D year) */
  | (RuleHeader & { kind: 'ceiling'; from: PreviousMatch; grade: string });

export interface PointsModel extends RatingModelHeader {
  kind: 'points';
  period: EvaluationPeriod;
  startScore: StartScore[];
  rules: PointsRule[];
  directGrades: DirectGradeRule[];
  grades: GradeBand[];
  specialGrades: SpecialGradeRule[];
  ceilings: GradeCeiling[];
  carryOver: CarryOverRule[];
  /** caps on several rules together */
  sharedCaps?: SharedCap[];
  scoreRange?: ScoreRange;
}

/**
 * A group rated from its members (issue 22, rural credit): a village is a credit village when
 * at least `share` of its member households hold `grade` or better under `model`, and it has
 * at least `minMembers` members. A member counts only with a published rating under `model`
 * as of a date within `ratedWithin` before the as-of date; one without counts as below.
 */
export interface GroupModel extends RatingModelHeader {
  kind: 'group';
  /** the membership kind (catalog memberships.yaml) whose groups it rates */
  membership: string;
  membersAtOrAbove: MembersAtOrAbove;
  /** two grades, best first: the first when the threshold is met, the second when not (yet) */
  grades: GroupGrade[];
}

export interface GroupGrade {
  grade: string;
  label: LocalizedText;
}

export interface MembersAtOrAbove {
  /** the rating model of the members (a points model, or a group model for a group of groups) */
  model: string;
  /** the member model's grade a member holds or betters to count */
  grade: string;
  /** the share of members that must count, 0 to 1 (0.6: 60%) */
  share: number;
  /** a group with fewer members gets the second grade, whatever the share */
  minMembers: number;
  /** an ISO 8601 duration: a member's rating older than this is expired and counts as none */
  ratedWithin: string;
}
