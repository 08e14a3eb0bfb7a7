import type { MembershipKind } from './membership.js';
import type { SubjectKind } from './subject.js';
import type { DisclosureLevel } from './record.js';
import type { RatingModel } from './rating-model.js';

/** The shapes of catalog entries (SPEC 2.2: closed, public, versioned). Loaded by src/catalog. */

export interface LocalizedText {
  zh: string;
  en: string;
}

/** the languages every catalog text is written in */
export type Lang = keyof LocalizedText;

/** A citation of law: every type, list, measure and rating rule names one. */
export interface LegalBasis {
  title: string;
  /** article or clause and what it says, e.g. { zh: "第四十八条（…）", en: "Art. 48 (…)" } */
  provision?: LocalizedText;
}

export type FieldType =
  | 'string'
  | 'text'
  | 'integer'
  /** a decimal number with at most `scale` places (default 2), e.g. a percentage */
  | 'decimal'
  | 'money'
  | 'date'
  | 'boolean'
  | 'enum'
  | 'enum_list';

export interface FieldDef {
  name: string;
  label: LocalizedText;
  type: FieldType;
  required: boolean;
  /** allowed values for enum and enum_list */
  values?: string[];
  /** what a reader sees for each value, in both languages: required for every value */
  valueLabels?: Record<string, LocalizedText>;
  /** inclusive bounds for integer and decimal (and money, in minor units) */
  min?: number;
  max?: number;
  /** decimal places a decimal field allows (default 2) */
  scale?: number;
  /** for string and text, in characters */
  maxLength?: number;
  /** for string: a regular expression (Unicode mode) the whole value must match */
  pattern?: string;
  /** for date: the name of a date field this one may not precede (valid_to after valid_from) */
  notBefore?: string;
}

/**
 * When a record is public. Durations are ISO 8601 (P3M, P1Y). The clock starts at
 * `from` (decision date unless said otherwise).
 */
export type PublicationRule =
  /** never public (restricted financial data) */
  | { kind: 'never' }
  /** public with no end date of its own (licences, commendations) */
  | { kind: 'always' }
  /** public for a fixed window */
  | { kind: 'fixed'; from: DateField; window: string; repairAfter?: string }
  /** administrative penalties: the window depends on the severity tier (SPEC 4.3) */
  | {
      kind: 'tiered';
      from: DateField;
      /** the record property holding the tier; `severity` */
      tierField: 'severity';
      tiers: Record<string, PenaltyTier>;
      /** an enum_list field whose values imply a minimum tier (several classes take the longest window) */
      classField?: string;
      classTiers?: Record<string, string>;
    }
  /** public only when a field has one of these values (e.g. tax grade A) */
  | { kind: 'when'; field: string; values: string[]; window?: string; from?: DateField }
  /** public only while the subject is on a list that rests on it (court enforcement) */
  | { kind: 'while_listed' };

export type DateField = 'decision_date' | 'effective_date' | 'end_date';

export interface PenaltyTier {
  /** null: not published at all */
  window: string | null;
  /** earliest time after `from` at which repair can be applied for */
  repairAfter?: string;
}

/**
 * The regional layer an item comes from (issue 22): set by the loader on every item a layer adds,
 * absent on national items. It applies to subjects whose region starts with `prefix`.
 */
export interface LayerRef {
  /** the layer's 6-digit division code, its directory name (`catalogs/371082/`) */
  region: string;
  /** the division-code prefix it governs: 37 a province, 3710 a city, 371082 a county */
  prefix: string;
  /** what a reader sees, e.g. 荣成市规则 / Rongcheng city rules */
  name: LocalizedText;
}

/** A regional catalog layer over the national catalog (`catalogs/<region>/catalog.yaml`). */
export interface CatalogLayer extends LayerRef {
  id: string;
  version: string;
  /** the local regulation the layer as a whole rests on */
  legalBasis: LegalBasis[];
}

export interface RecordType {
  id: string;
  /** the regional layer that adds it; absent for a national type */
  layer?: LayerRef;
  name: LocalizedText;
  description: LocalizedText;
  /** authority domains that may furnish it; `any` means every domain */
  domains: string[];
  subjectKinds: SubjectKind[];
  disclosure: DisclosureLevel;
  publication: PublicationRule;
  /** restricted data leave every view this long after the conduct ends (end_date) */
  retention?: { afterEnd: string };
  /** whether the record is adverse to the subject (needs a legal basis; can be objected to) */
  adverse: boolean;
  /** allowed severity values; absent when the type has no severity */
  severities?: string[];
  legalBasis: LegalBasis[];
  fields: FieldDef[];
}

export interface AuthorityDomain {
  id: string;
  name: LocalizedText;
}

export interface InquiryPurpose {
  id: string;
  layer?: LayerRef;
  name: LocalizedText;
  legalBasis: LegalBasis[];
  /** restricted record types this purpose may read */
  recordTypes: string[];
  /** the account roles that may state this purpose (a bank's loan desk, not a regulator) */
  roles: string[];
  /** the domains whose authorities it serves (the reader's authority acts in one), or any */
  domains: 'any' | string[];
  /**
   * where it reaches: `national`, any subject; `own`, the reader's own jurisdiction (SPEC 4.2):
   * subjects in its regions, and restricted records of types in its domains
   */
  jurisdiction: PurposeJurisdiction;
  /** the law conditions the read on the subject's consent: a consent reference goes with it */
  consent: boolean;
}

export const PURPOSE_JURISDICTIONS = ['national', 'own'] as const;
export type PurposeJurisdiction = (typeof PURPOSE_JURISDICTIONS)[number];

/** A span of time counted in calendar days or in working days (exactly one is set). */
export interface DayCount {
  days?: number;
  workingDays?: number;
}

/** How long an objection to a kind of item may take (SPEC 4.7). */
export interface ObjectionRule {
  id: string;
  name: LocalizedText;
  recordTypes: string[];
  listTypes: string[];
  /** the rule for every item no other rule names */
  default: boolean;
  /** the competent authority answers within this, from the day of filing */
  answer: DayCount;
  /** an upheld item is corrected within this, from the answer */
  correct?: DayCount;
  /** a rejected objection may be objected to again within this */
  reconsiderWithin?: DayCount;
  legalBasis: LegalBasis[];
}

/** One thing an applicant for repair declares performed, with evidence (SPEC 4.7). */
export interface RepairObligation {
  id: string;
  name: LocalizedText;
}

/** What a repair of a kind of item requires. */
export interface RepairRule {
  id: string;
  name: LocalizedText;
  recordTypes: string[];
  listTypes: string[];
  /** the rule for every repairable item no other rule names */
  default: boolean;
  obligations: RepairObligation[];
}

/** Credit repair (SPEC 4.7): the deadlines, and the rules per kind of item. */
export interface RepairPolicy {
  /** the platform answers the applicant within this, from the application */
  answer: DayCount;
  /** the competent authority decides within this, from receiving it */
  decide: DayCount;
  legalBasis: LegalBasis[];
  rules: RepairRule[];
}

/**
 * A credit commitment an organization may make on its own (issue 18): the words it promises,
 * in both languages, the terms it may choose, and the domain of the authority it is made to.
 */
export interface CommitmentTemplate {
  id: string;
  name: LocalizedText;
  text: LocalizedText;
  /** a value of the credit_commitment record type's `context` field */
  context: string;
  /** the terms it may be made for, ISO 8601 durations (P1Y) */
  terms: string[];
  /** the domain of the authority that receives it: the one covering the subject's region most closely */
  recipientDomain: string;
  legalBasis: LegalBasis[];
}

export interface Catalog {
  /** catalog id from the catalog's own metadata (always set by the loader) */
  id?: string;
  /** catalog version string from the catalog's own metadata */
  version: string;
  description?: LocalizedText;
  domains: ReadonlyMap<string, AuthorityDomain>;
  recordTypes: ReadonlyMap<string, RecordType>;
  purposes: ReadonlyMap<string, InquiryPurpose>;
  listTypes: ReadonlyMap<string, ListType>;
  measures: ReadonlyMap<string, Measure>;
  /** rating models by id (SPEC 4.6), of every kind */
  ratingModels: ReadonlyMap<string, RatingModel>;
  /** objection deadlines by kind of item, in file order; one of them is the default */
  objectionRules: readonly ObjectionRule[];
  repair: RepairPolicy;
  /** credit commitments an organization may make on its own, by id */
  commitments: ReadonlyMap<string, CommitmentTemplate>;
  /** the regional layers merged in, by region code, shortest prefix first (issue 22) */
  layers: ReadonlyMap<string, CatalogLayer>;
  /** membership relation kinds (households of a village, villages of a township), by id (issue 22) */
  memberships: ReadonlyMap<string, MembershipKind>;
}

// ---- lists and measures (SPEC 4.4, 4.5) ----

/** black and warning lists are adverse; a red list commends */
export const LIST_COLOURS = ['black', 'red', 'warning'] as const;
export type ListColour = (typeof LIST_COLOURS)[number];

/** A condition on one field of a record (or its severity); all conditions of a criterion must hold. */
export interface FieldCondition {
  /** a field of the record type, or `severity` */
  field: string;
  /** the value is one of these (for enum_list fields: any of its values is one of these) */
  in?: string[];
  /** the value is not one of these */
  notIn?: string[];
  /**
   * for integer, decimal and money fields: value >= min. Money: minor units (fen) in list
   * criteria; yuan, as a decimal, in rating models (domain/ratings/evidence.ts)
   */
  min?: number;
  /** an upper bound, value <= max, in the same units as min (rating models only) */
  max?: number;
}

/** Which records make a subject a candidate for a list. */
export interface ListCriterion {
  recordType: string;
  /**
   * only records furnished by an authority of one of these domains count (the serious
   * market violation list rests on penalties of market regulators, not on any penalty)
   */
  fromDomains?: string[];
  conditions: FieldCondition[];
}

export type ListPeriod =
  /** a fixed term from the day the entry takes effect */
  | { kind: 'fixed'; duration: string }
  /** no fixed term: it lasts until the obligation is performed (court list, circumstance 1) */
  | { kind: 'until_performed' };

export interface ListType {
  id: string;
  layer?: LayerRef;
  name: LocalizedText;
  description: LocalizedText;
  colour: ListColour;
  /** the domain whose authorities decide designations */
  owningDomain: string;
  legalBasis: LegalBasis[];
  /**
   * decided by the owning authority after notice; automatic from the triggering records; or
   * by escalation only, as the bar another list's escalation puts on the persons behind it
   */
  designation: 'decided' | 'automatic' | 'escalation';
  criteria: ListCriterion[];
  /** working days the subject has to state its case after notice (decided lists) */
  noticeWorkingDays: number;
  period: ListPeriod;
  /** a record field whose value picks another period (court list: the circumstance) */
  periodByField?: { field: string; periods: Record<string, ListPeriod> };
  /** allowed extensions of a fixed period */
  extensions?: { min: string; max: string; times: number };
  /** early removal on application: after the minimum time served, on these conditions */
  earlyRemoval?: { minServed: string; conditions: LocalizedText };
  /** removal when the record shows the obligation performed, within a deadline in working days */
  removalOnPerformance?: { field: string; values: string[]; deadlineWorkingDays: number };
  /**
   * still effective after `after` → designated on list `to`; the persons in the `bars` roles
   * are designated on the `bars.list` list (designation `escalation`), for its period
   */
  escalation?: { after: string; to: string; bars?: { roles: string[]; list: string } };
  /** persons behind an organization that measures of this list reach */
  reaches: string[];
}

export type MeasureKind = 'restriction' | 'management' | 'market' | 'incentive';

export interface Measure {
  id: string;
  layer?: LayerRef;
  name: LocalizedText;
  description: LocalizedText;
  kind: MeasureKind;
  /** list types whose effective entries trigger the measure */
  lists: string[];
  /** `subject` (the listed subject) and the roles of persons behind it the measure reaches */
  reaches: string[];
  implementingDomain: string;
  legalBasis: LegalBasis[];
  /** action codes it governs, e.g. rail.g_train_ticket */
  actions: string[];
  /** the answer it gives for those actions */
  effect: 'deny' | 'review' | 'fast_track';
}
