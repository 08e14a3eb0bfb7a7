/** Demo records of standing: licences, tax ratings, loans and bills, commendations and commitments. */
import {
  AGENCY,
  BANK,
  head,
  lastYear,
  later,
  nth,
  pickAuthority,
  PROVIDER,
  recent,
  serialOf,
  TAX,
  type Draw,
  type Row,
} from './draw.js';
import { addYears, dayOf, fromDays, yearOf } from './calendar.js';
import { HONOURS, LICENCES, PROMISES } from './texts.js';

export function licence(d: Draw): Row | null {
  const options = LICENCES.filter((l) => l.entities.includes(d.subject.entity));
  const l = d.rng.pick(options);
  const a = pickAuthority(d.ctx, d.rng, AGENCY[l.role], d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const year = yearOf(decision);
  const content = l.content(d.rng);
  const row = head(d, 'admin_licence', a, decision);
  row.document_number = `${a.abbr}许〔${year}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  row.facts = `准予${d.subject.name}取得${l.name}，许可内容：${content}。`;
  row.licence_class = l.licenceClass;
  row.licence_name = l.name;
  row.licence_number = l.number(d.rng, d.subject.region, a.abbr, year);
  row.content = content;
  row.valid_from = fromDays(decision);
  if (l.years !== null) {
    const validTo = fromDays(addYears(decision, l.years) - 1);
    row.valid_to = validTo;
    row.end_date = validTo;
  }
  return row;
}

export function taxRating(d: Draw): Row | null {
  const n = nth(d, 'tax_rating');
  if (n >= 6) return null;
  const a = pickAuthority(d.ctx, d.rng, TAX, d.subject.region);
  if (!a) return null;
  const year = lastYear(d, 4, 30) - n;
  const decision = dayOf(year + 1, 4, d.rng.int(1, 28));
  const grade = d.rng.weighted(['A', 'B', 'M', 'C', 'D'], [25, 45, 15, 10, 5]);
  const row = head(d, 'tax_rating', a, decision);
  row.document_number = `${a.abbr}信评〔${year + 1}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  row.year = year;
  row.grade = grade;
  if (grade === 'D' && d.rng.chance(0.6)) {
    row.direct_grade = true;
    row.facts = `${year}年度存在重大税收违法失信行为，直接判为D级。`;
  } else {
    const [min, max] = {
      A: [90, 100],
      B: [70, 89.99],
      M: [70, 100],
      C: [40, 69.99],
      D: [0, 39.99],
    }[grade] as [number, number];
    row.score = (d.rng.int(min * 100, max * 100) / 100).toFixed(2);
    row.facts = `${year}年度纳税信用评价得分${row.score}分，评价为${grade}级。`;
  }
  return row;
}

export function loan(d: Draw): Row | null {
  const a = pickAuthority(d.ctx, d.rng, BANK, d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const person = d.subject.kind === 'person';
  const kind = person
    ? d.rng.weighted(['consumer', 'mortgage', 'credit_card'], [45, 20, 35])
    : 'business';
  const days = d.rng.int(31, 720);
  const row = head(d, 'loan_default', a, decision);
  const signed = yearOf(decision) - d.rng.int(1, 5);
  row.document_number = `${a.abbr}-${signed}-${kind === 'credit_card' ? 'CC' : 'LN'}-${String(d.rng.int(1, 99_999_999)).padStart(8, '0')}`;
  // the conduct starts when the first instalment is missed
  row.effective_date = fromDays(decision - days);
  if (d.rng.chance(0.6)) row.end_date = fromDays(later(d, decision, 10, 400));
  row.lender = a.name;
  row.loan_kind = kind;
  row.amount = person
    ? d.rng.money(kind === 'credit_card' ? 500 : 1_000, kind === 'mortgage' ? 100_000 : 200_000)
    : d.rng.money(50_000, 10_000_000);
  row.days_past_due = days;
  row.facts = `借款人于${signed}年与${a.name}签订借款合同，截至${fromDays(decision)}逾期${days}天，逾期金额${row.amount}元。`;
  return row;
}

export function bill(d: Draw): Row | null {
  const a = pickAuthority(d.ctx, d.rng, PROVIDER, d.subject.region);
  if (!a) return null;
  const decision = recent(d);
  const cycles = d.rng.int(2, 12);
  const row = head(d, 'bill_overdue', a, decision);
  row.document_number = `${a.abbr}${String(d.rng.int(1, 2_000_000_000)).padStart(10, '0')}`;
  row.effective_date = fromDays(decision - cycles * 30);
  if (d.rng.chance(0.6)) row.end_date = fromDays(later(d, decision, 5, 120));
  row.provider = a.name;
  row.service = a.service ?? 'other';
  row.amount = d.subject.kind === 'person' ? d.rng.money(50, 3_000) : d.rng.money(1_000, 200_000);
  row.cycles_overdue = cycles;
  row.facts = `用户欠缴${cycles}个账期的费用共计${row.amount}元，经催缴仍未缴清。`;
  return row;
}

export function commendation(d: Draw): Row | null {
  const role = d.rng.pick(['market', 'tax', 'labour'] as const);
  const honours = HONOURS[role][d.subject.kind] ?? HONOURS.market[d.subject.kind] ?? [];
  const a = pickAuthority(
    d.ctx,
    d.rng,
    AGENCY[HONOURS[role][d.subject.kind] ? role : 'market'],
    d.subject.region,
  );
  if (!a || honours.length === 0) return null;
  const decision = recent(d);
  const honour = d.rng.pick(honours);
  const row = head(d, 'commendation', a, decision);
  row.document_number = `${a.abbr}〔${yearOf(decision)}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  row.honour = `${yearOf(decision) - 1}年度${honour}`;
  row.level = a.level;
  row.facts = `授予${d.subject.name}“${row.honour}”称号。`;
  return row;
}

export function commitment(d: Draw): Row | null {
  const a = pickAuthority(
    d.ctx,
    d.rng,
    AGENCY[d.rng.pick(['market', 'tax', 'labour'] as const)],
    d.subject.region,
  );
  if (!a) return null;
  const decision = recent(d);
  const context = d.rng.weighted(
    ['repair', 'licensing', 'procurement', 'other'] as const,
    [40, 35, 15, 10],
  );
  const due = decision + 365;
  const row = head(d, 'credit_commitment', a, decision);
  row.document_number = `${a.abbr}承诺〔${yearOf(decision)}〕${serialOf(d.rng)}号`;
  row.effective_date = fromDays(decision);
  row.promise = `${d.subject.kind === 'person' ? '本人' : '本单位'}${PROMISES[context]}`;
  row.context = context;
  row.due_date = fromDays(due);
  // whether a promise was kept is known only once it is due
  if (due <= d.ctx.today) row.kept = d.rng.chance(0.85);
  row.facts = `${d.subject.name}向${a.name}作出信用承诺。`;
  return row;
}
