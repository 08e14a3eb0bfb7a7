/** The story's records, as submission rows dated back from today (days before it). */
import type { SubmissionInput } from '../records/submission.js';
import { fromDays, yearOf } from './calendar.js';
import { CIRCUMSTANCE_TEXT, LEGAL_BASIS } from './texts.js';
import { STORY, STORY_AUTHORITIES as A, type StorySubject } from './story-cast.js';

type Row = SubmissionInput;

// a serial number of its own for each story reference
const serial = (ref: string, from: number): number =>
  from + ([...ref].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 900);

const basis = (type: string): string => (LEGAL_BASIS[type] as readonly string[])[0]!;

/** The columns that name a story subject, as a submission or a registration gives them. */
export function subjectColumns(s: StorySubject): Row {
  return {
    subject_identifier: s.identifier,
    subject_scheme: s.scheme,
    subject_name: s.name,
    subject_kind: s.kind,
    subject_region: s.region,
    ...(s.nameEn ? { subject_name_en: s.nameEn } : {}),
  };
}

function head(s: StorySubject, type: string, authority: string, ref: string, decided: string): Row {
  return {
    ...subjectColumns(s),
    type,
    authority,
    // fixed references: the story's records are the same whatever day the demo is loaded
    source_ref: `DEMO-STORY-${ref}`,
    legal_basis: basis(type),
    decision_date: decided,
    effective_date: decided,
  };
}

/** A court's enforcement record: unperformed, with one dishonest circumstance. */
export function courtRecord(
  s: StorySubject,
  ref: string,
  decided: number,
  circumstance: keyof typeof CIRCUMSTANCE_TEXT,
  amount: string,
): Row {
  const year = yearOf(decided - 200);
  const caseNumber = `（${year}）粤0305执${serial(ref, 1000)}号`;
  return {
    ...head(s, 'court_enforcement', A.court.id, ref, fromDays(decided)),
    document_number: caseNumber,
    case_number: caseNumber,
    basis_document: `（${year - 1}）粤0305民初${serial(ref, 2000)}号民事判决书`,
    basis_issuer: A.court.name,
    obligation: `支付货款人民币${amount}元及迟延履行期间的债务利息`,
    performance: 'none',
    circumstances: circumstance,
    filing_date: fromDays(decided - 200),
    facts: `被执行人${s.name}${CIRCUMSTANCE_TEXT[circumstance]}，${A.court.name}依法将其纳入失信被执行人名单。`,
  };
}

/** A market regulator's penalty of the given tier. */
export function penaltyRecord(
  s: StorySubject,
  ref: string,
  decided: number,
  severity: 'general' | 'serious',
  fine: string,
): Row {
  const number = `深市监罚〔${yearOf(decided)}〕${serial(ref, 300)}号`;
  const classes = severity === 'serious' ? 'fine|licence_suspension' : 'fine';
  return {
    ...head(s, 'admin_penalty', A.market.id, ref, fromDays(decided)),
    document_number: number,
    severity,
    violation_type: '经营不符合食品安全标准的食品',
    penalty_classes: classes,
    fine_amount: fine,
    violated_provision: '《中华人民共和国食品安全法》第三十四条',
    basis_provision: '《中华人民共和国食品安全法》第一百二十四条',
    facts: `经查，${s.name}经营的散装食品菌落总数不符合食品安全标准。依据《中华人民共和国食品安全法》第一百二十四条，决定给予罚款人民币${fine}元的行政处罚。`,
  };
}

/** A bank's report of a loan overdue. */
export function loanRecord(
  s: StorySubject,
  ref: string,
  decided: number,
  days: number,
  amount: string,
): Row {
  return {
    ...head(s, 'loan_default', A.bank.id, ref, fromDays(decided)),
    document_number: `CMB-${yearOf(decided) - 2}-LN-${String(40_000_000 + serial(ref, 0)).padStart(8, '0')}`,
    effective_date: fromDays(decided - days),
    lender: A.bank.name,
    loan_kind: 'consumer',
    amount,
    days_past_due: days,
    facts: `借款人与${A.bank.name}签订借款合同，截至${fromDays(decided)}逾期${days}天，逾期金额${amount}元。`,
  };
}

/** A tax office's A grade for the year before the decision. */
export function gradeA(s: StorySubject, ref: string, decided: number): Row {
  const year = yearOf(decided) - 1;
  return {
    ...head(s, 'tax_rating', A.tax.id, ref, fromDays(decided)),
    document_number: `深税信评〔${year + 1}〕88号`,
    year,
    grade: 'A',
    score: '96.50',
    facts: `${year}年度纳税信用评价得分96.50分，评价为A级。`,
  };
}

/** A labour office's wage arrears record. */
export function wageRecord(s: StorySubject, ref: string, decided: number): Row {
  return {
    ...head(s, 'wage_arrears', A.labour.id, ref, fromDays(decided)),
    document_number: `深人社监令〔${yearOf(decided)}〕57号`,
    amount: '186000.00',
    workers_affected: 23,
    facts: `${s.name}拖欠23名员工工资共计186000.00元，经责令限期支付后逾期仍未支付。`,
  };
}

/** The debtor's legal representative, for the relation that lets measures reach him. */
export const REPRESENTATION = { firm: STORY.debtor, person: STORY.debtorRep } as const;
