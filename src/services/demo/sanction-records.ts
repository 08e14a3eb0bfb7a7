/** Demo records of wrongdoing: penalties, court enforcement, tax violations, wage arrears, missing reports. */
import { VIOLATIONS, type Severity } from './penalties.js';
import {
  AGENCY,
  COURT,
  head,
  LABOUR,
  lastYear,
  later,
  MARKET,
  nth,
  pickAuthority,
  recent,
  serialOf,
  TAX,
  type Draw,
  type Row,
} from './draw.js';
import { dayOf, fromDays, yearOf } from './calendar.js';
import { placeName, prefectureShort } from './regions.js';
import { CIRCUMSTANCE_TEXT, OBLIGATIONS, PROJECTS } from './texts.js';

const CLASSES: Record<Severity, readonly (readonly string[])[]> = {
  minor: [['warning'], ['fine'], ['warning', 'fine']],
  general: [
    ['fine'],
    ['fine'],
    ['fine', 'confiscation'],
    ['warning', 'fine'],
    ['fine', 'production_suspension'],
  ],
  serious: [
    ['fine', 'confiscation'],
    ['fine', 'licence_revocation'],
    ['fine', 'confiscation', 'licence_suspension'],
    ['fine', 'production_suspension'],
  ],
};
const PERSON_SERIOUS = [
  ['fine', 'confiscation'],
  ['fine', 'employment_ban'],
];
// the value involved (goods, turnover) grows with the tier, so fines and facts agree in size
const AMOUNTS: Record<Severity, readonly [number, number]> = {
  minor: [500, 20_000],
  general: [5_000, 300_000],
  serious: [100_000, 5_000_000],
};
// tax and labour authorities warn and fine; confiscation and licence measures are the market regulators'
const FISCAL: Record<Severity, readonly (readonly string[])[]> = {
  minor: [['warning'], ['fine']],
  general: [['fine']],
  serious: [['fine']],
};
const FINES: Record<Severity, readonly [number, number, number]> = {
  minor: [200, 5_000, 100],
  general: [5_000, 200_000, 100],
  serious: [200_000, 5_000_000, 1_000],
};
const CLASS_TEXT: Record<string, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得',
  licence_suspension: '暂扣许可证件',
  licence_revocation: '吊销许可证件',
  production_suspension: '责令停产停业',
  employment_ban: '限制从业',
};
const ROLE_MARK = { market: '罚', tax: '稽罚', labour: '监罚' } as const;

export function penalty(d: Draw): Row | null {
  const options = VIOLATIONS.filter((v) => v.kinds.includes(d.subject.kind));
  const v = d.rng.pick(options);
  const a = pickAuthority(d.ctx, d.rng, AGENCY[v.role], d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const person = d.subject.kind === 'person';
  // a person's penalty is rarely serious and smaller
  const tiers =
    person && v.severities.length > 1 ? v.severities.filter((t) => t !== 'serious') : v.severities;
  const severity = d.rng.pick(tiers);
  const classes = d.rng.pick(
    v.role !== 'market'
      ? FISCAL[severity]
      : person && severity === 'serious'
        ? PERSON_SERIOUS
        : CLASSES[severity],
  );
  const [low, high] = v.amount ?? AMOUNTS[severity];
  const amount = d.rng.money(low, high);
  const row = head(d, 'admin_penalty', a, decision);
  row.document_number = `${a.abbr}${ROLE_MARK[v.role]}〔${yearOf(decision)}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(later(d, decision, 0, 15));
  row.severity = severity;
  row.violation_type = v.violation;
  row.penalty_classes = classes.join('|');
  if (classes.includes('fine')) {
    const [min, max, step] = FINES[severity];
    const scale = person ? 10 : 1;
    row.fine_amount = v.fineTimes
      ? d.rng.money(Number(amount) * v.fineTimes[0], Number(amount) * v.fineTimes[1], 1)
      : d.rng.money(min / scale, max / scale, step);
  }
  // illegal gains confiscated are part of the value involved
  if (classes.includes('confiscation'))
    row.confiscation_amount = d.rng.money(Number(amount) / 10, Number(amount));
  row.violated_provision = v.violated;
  row.basis_provision = v.basis;
  const decided = classes.map((c) => CLASS_TEXT[c]).join('、');
  row.facts = `${v.facts(d.rng, amount)}依据${v.basis}，决定给予${decided}的行政处罚。`;
  return row;
}

const CIRCUMSTANCES = Object.keys(CIRCUMSTANCE_TEXT);
const CIRCUMSTANCE_WEIGHTS = [50, 5, 8, 15, 15, 7];

export function court(d: Draw): Row | null {
  const a = pickAuthority(d.ctx, d.rng, COURT, d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const filed = decision - d.rng.int(30, 400);
  const year = yearOf(filed);
  // a high court furnishes the cases of the basic courts below it, whose code is abbr + county digits
  const county = a.level === 'provincial';
  const code = county ? `${a.abbr}${d.subject.region.slice(2)}` : a.abbr;
  const issuer = county ? `${placeName(d.subject.region)}人民法院` : a.name;
  const caseNumber = `（${year}）${code}执${d.rng.chance(0.1) ? '恢' : ''}${d.rng.int(1, 30_000)}号`;
  const row = head(d, 'court_enforcement', a, decision);
  const basis = d.rng.next();
  if (basis < 0.9) {
    const kind = basis < 0.7 ? '判决书' : '调解书';
    row.basis_document = `（${year - 1}）${code}民初${d.rng.int(1, 40_000)}号民事${kind}`;
    row.basis_issuer = issuer;
  } else {
    const city = prefectureShort(d.subject.region);
    row.basis_document = `（${year - 1}）${city}仲字第${d.rng.int(1, 3_000)}号裁决书`;
    row.basis_issuer = `${city}仲裁委员会`;
  }
  const person = d.subject.kind === 'person';
  const what = d.rng.pick(OBLIGATIONS[person ? 'person' : 'org']);
  const amount = person ? d.rng.money(3_000, 800_000) : d.rng.money(20_000, 20_000_000);
  const performance = d.rng.weighted(['none', 'partial', 'full'], [70, 25, 5]);
  const circumstances = [d.rng.weighted(CIRCUMSTANCES, CIRCUMSTANCE_WEIGHTS)];
  if (d.rng.chance(0.2)) {
    const second = d.rng.weighted(CIRCUMSTANCES, CIRCUMSTANCE_WEIGHTS);
    if (second !== circumstances[0]) circumstances.push(second);
  }
  row.document_number = caseNumber;
  row.effective_date = fromDays(decision);
  if (performance === 'full') row.end_date = fromDays(later(d, decision, 20, 300));
  row.case_number = caseNumber;
  row.obligation = `支付${what}人民币${amount}元及迟延履行期间的债务利息`;
  row.performance = performance;
  row.circumstances = circumstances.join('|');
  row.filing_date = fromDays(filed);
  const how = circumstances.map((c) => CIRCUMSTANCE_TEXT[c]).join('，并');
  row.facts = `被执行人${d.subject.name}${how}，${issuer}依法将其纳入失信被执行人名单。`;
  return row;
}

export function taxViolation(d: Draw): Row | null {
  const a = pickAuthority(d.ctx, d.rng, TAX, d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const kind =
    d.subject.kind === 'business'
      ? d.rng.weighted(
          [
            'evasion',
            'false_invoicing',
            'arrears_evasion',
            'export_refund_fraud',
            'invoice_forgery',
            'tax_resistance',
            'other',
          ],
          [40, 25, 10, 5, 5, 3, 2],
        )
      : d.rng.pick(['evasion', 'evasion', 'false_invoicing']);
  const row = head(d, 'tax_violation', a, decision);
  row.document_number = `${a.abbr}稽罚〔${yearOf(decision)}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  row.violation_kind = kind;
  const from = yearOf(decision) - d.rng.int(2, 4);
  if (kind === 'false_invoicing' || kind === 'invoice_forgery') {
    row.invoice_count = d.rng.int(10, 2_000);
    row.invoice_amount = d.rng.money(1_000_000, 200_000_000);
    row.facts = `经检查，${d.subject.name}于${from}年至${from + 1}年期间虚开增值税专用发票${row.invoice_count}份，金额${row.invoice_amount}元。`;
  } else {
    row.evaded_amount = d.rng.money(1_000_000, 50_000_000);
    row.evaded_share_percent = (d.rng.int(1_000, 9_500) / 100).toFixed(2);
    row.facts = `经检查，${d.subject.name}于${from}年至${from + 1}年期间采取隐匿收入、虚假申报等手段，少缴税款${row.evaded_amount}元，占应纳税额的${row.evaded_share_percent}%。`;
  }
  return row;
}

export function wages(d: Draw): Row | null {
  const a = pickAuthority(d.ctx, d.rng, LABOUR, d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const row = head(d, 'wage_arrears', a, decision);
  row.document_number = `${a.abbr}监令〔${yearOf(decision)}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  if (d.rng.chance(0.5)) row.end_date = fromDays(later(d, decision, 30, 200));
  row.amount = d.rng.money(30_000, 5_000_000);
  row.workers_affected = d.subject.kind === 'person' ? d.rng.int(3, 40) : d.rng.int(3, 300);
  if (d.subject.kind === 'person' || d.rng.chance(0.6)) {
    row.project_name = `${placeName(d.subject.region)}${d.rng.pick(PROJECTS)}项目`;
  }
  row.facts = `${d.subject.name}拖欠${row.workers_affected}名农民工工资共计${row.amount}元，经责令限期支付后逾期仍未支付。`;
  return row;
}

export function annualReport(d: Draw): Row | null {
  const n = nth(d, 'annual_report_missing');
  if (n >= 5) return null;
  const a = pickAuthority(d.ctx, d.rng, MARKET, d.subject.region);
  if (!a) return null;
  const year = lastYear(d, 7, 31) - n;
  const decision = dayOf(year + 1, 7, d.rng.int(1, 31));
  const row = head(d, 'annual_report_missing', a, decision);
  row.document_number = `${a.abbr}异〔${year + 1}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  row.year = year;
  row.facts = `${d.subject.name}未依照《企业信息公示暂行条例》第八条规定的期限公示${year}年度报告，列入经营异常名录。`;
  return row;
}
