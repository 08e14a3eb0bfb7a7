/** The record types the demo writes, the fields each fills, and how often each kind of subject has each. */
import type { SubjectKind } from '../../domain/subject.js';

export const DEMO_RECORD_TYPES = [
  'admin_licence',
  'admin_penalty',
  'court_enforcement',
  'tax_violation',
  'tax_rating',
  'wage_arrears',
  'loan_default',
  'bill_overdue',
  'annual_report_missing',
  'commendation',
  'credit_commitment',
] as const;
export type DemoRecordType = (typeof DEMO_RECORD_TYPES)[number];

/** The fields each demo record type fills (a subset of the catalog's), in CSV column order. */
export const FIELDS_BY_TYPE: Record<DemoRecordType, readonly string[]> = {
  admin_licence: [
    'licence_class',
    'licence_name',
    'licence_number',
    'content',
    'valid_from',
    'valid_to',
  ],
  admin_penalty: [
    'violation_type',
    'penalty_classes',
    'fine_amount',
    'confiscation_amount',
    'violated_provision',
    'basis_provision',
  ],
  court_enforcement: [
    'case_number',
    'basis_document',
    'basis_issuer',
    'obligation',
    'performance',
    'circumstances',
    'filing_date',
  ],
  tax_violation: [
    'violation_kind',
    'evaded_amount',
    'evaded_share_percent',
    'invoice_count',
    'invoice_amount',
  ],
  tax_rating: ['year', 'grade', 'score', 'direct_grade'],
  wage_arrears: ['amount', 'workers_affected', 'project_name'],
  loan_default: ['lender', 'loan_kind', 'amount', 'days_past_due'],
  bill_overdue: ['provider', 'service', 'amount', 'cycles_overdue'],
  annual_report_missing: ['year'],
  commendation: ['honour', 'level'],
  credit_commitment: ['promise', 'context', 'due_date', 'kept'],
};

/** Every field any demo record fills, each once. */
export const DEMO_FIELDS: readonly string[] = [...new Set(Object.values(FIELDS_BY_TYPE).flat())];

// how often each kind of subject has each type; a type missing here never applies to it
export const TYPE_WEIGHTS: Record<SubjectKind, Partial<Record<DemoRecordType, number>>> = {
  business: {
    admin_licence: 14,
    admin_penalty: 18,
    court_enforcement: 9,
    tax_violation: 4,
    tax_rating: 14,
    wage_arrears: 4,
    loan_default: 7,
    bill_overdue: 5,
    annual_report_missing: 8,
    commendation: 6,
    credit_commitment: 7,
  },
  person: {
    admin_licence: 6,
    admin_penalty: 12,
    court_enforcement: 25,
    tax_violation: 2,
    wage_arrears: 3,
    loan_default: 25,
    bill_overdue: 18,
    commendation: 4,
    credit_commitment: 5,
  },
  government: {
    admin_licence: 25,
    admin_penalty: 20,
    court_enforcement: 10,
    commendation: 25,
    credit_commitment: 20,
  },
  social_org: {
    admin_licence: 20,
    admin_penalty: 20,
    court_enforcement: 8,
    tax_violation: 4,
    commendation: 25,
    credit_commitment: 23,
  },
};
