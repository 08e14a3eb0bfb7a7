import type { LegalBasis } from '../../catalog';
import type { Label } from '../../i18n';

/** The own report as GET /v1/subjects/{identifier}/report answers it (see docs/openapi.json). */
export interface OwnReport {
  asOf: string;
  generatedAt: string;
  subject: {
    id: string;
    kind: string;
    region: string | null;
    identifiers: Array<{ scheme: string; value: string }>;
    names: Array<{ name: string; lang: string; current: boolean }>;
  };
  items: ReportItem[];
  listEntries: ReportEntry[];
  measures: ReportMeasure[];
  ratings: ReportRating[];
  inquiries: Inquiry[];
  objections: ReportObjection[];
  repairs: ReportRepair[];
  /** every published rating, oldest first: the score history per model */
  ratingHistory: RatingPoint[];
}

export interface RatingPoint {
  modelId: string;
  modelVersion: string;
  asOf: string;
  score: number | null;
  grade: string;
  runId: string | null;
}

export interface ReportItem {
  recordId: string;
  current: {
    id: string;
    version: number;
    type: string;
    authorityId: string;
    legalBasis: string;
    documentNumber: string | null;
    decisionDate: string;
    effectiveDate: string | null;
    endDate: string | null;
    facts: string | null;
    severity: string | null;
    disclosure: string;
    fields: Record<string, string | number | boolean | string[]>;
    amounts: Array<{ field: string; minor: number; currency: string }>;
  };
  status: 'active' | 'expired' | 'repaired' | 'corrected' | 'revoked';
  visibility: 'public' | 'not_public' | 'restricted';
  window: {
    mode: string;
    publicFrom: string | null;
    publicUntil: string | null;
    repairFrom: string | null;
    tier: string | null;
  };
  retainedUntil: string | null;
  history: Array<{ id: string; version: number; action: string; reason: string | null }>;
  disputed: boolean;
}

export interface ReportEntry {
  entry: {
    id: string;
    listType: string;
    state: 'proposed' | 'noticed' | 'effective' | 'removed' | 'rejected';
    authorityId: string;
    recordIds: string[];
    circumstance: string | null;
    proposedOn: string;
    noticeEnds: string | null;
    effectiveFrom: string | null;
    endsOn: string | null;
    removedOn: string | null;
    removal: string | null;
  };
  disputed: boolean;
}

export interface ReportMeasure {
  id: string;
  name: Label;
  kind: string;
  lists: string[];
  actions: string[];
  effect: string;
  legalBasis: LegalBasis[];
}

/** One contribution of a points model: the points a rule (or the start) added or deducted. */
export interface PointsContribution {
  rule: string;
  source: 'start' | 'rule' | 'carry_over' | 'cap' | 'range';
  label: Label;
  points: number;
  recordIds: string[];
  entryIds: string[];
  uncapped?: number;
}

export interface PointsResult {
  kind: 'points';
  score: number;
  grade: string;
  scoreGrade: string;
  basis: string;
  period: { start: string; end: string };
  contributions: PointsContribution[];
  directGrade?: { label: Label; grade: string };
  specialGrade?: { label: Label; grade: string };
  ceilings?: Array<{ label: Label; grade: string }>;
}

/** A scorecard's result: points per characteristic and the reason codes. */
export interface ScorecardResult {
  kind: 'scorecard';
  score: number;
  grade: string;
  characteristics: Array<{
    name: string;
    label: string;
    bin: string;
    points: number;
    displayPoints: number;
    maxPoints: number;
    fallback: boolean;
    recordIds: string[];
  }>;
  reasons: Array<{
    rank: number;
    characteristic: string;
    label: string;
    bin: string;
    shortfall: number;
  }>;
}

export interface ReportRating {
  rating: {
    id: string;
    modelId: string;
    modelVersion: string;
    asOf: string;
    score: number | null;
    grade: string;
    published: boolean;
    result: PointsResult | ScorecardResult | { kind: string };
  };
  explanation: string[];
  disputed: boolean;
}

export interface Inquiry {
  seq: number;
  accountId: string;
  accountName: string;
  authorityId: string | null;
  purpose: string;
  at: string;
  read: { recordIds: string[]; restricted: string[] };
  /** the subject's consent the read rests on (loan approval, employment); else null */
  consent: { document: string; date: string; scope: string } | null;
}

export type ObjectionItem = 'record' | 'list_entry' | 'rating' | 'repair';

export interface ReportObjection {
  id: string;
  item: ObjectionItem;
  itemId: string;
  itemType: string;
  grounds: string;
  documents: string[];
  filedOn: string;
  answerBy: string;
  state: 'open' | 'upheld' | 'rejected';
  decidedOn: string | null;
  reasons: string | null;
  overdue: boolean;
}

export interface ReportRepair {
  id: string;
  item: 'record' | 'list_entry';
  itemId: string;
  itemType: string;
  rule: string;
  filedOn: string;
  answerBy: string;
  state: 'submitted' | 'forwarded' | 'approved' | 'refused';
  forwardedOn: string | null;
  decideBy: string | null;
  decidedOn: string | null;
  reasons: string | null;
  dueBy: string | null;
  overdue: boolean;
}
