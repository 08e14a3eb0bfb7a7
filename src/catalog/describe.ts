import type { ScorecardModel } from '../domain/scorecard/model.js';
import type {
  FieldCondition,
  Lang,
  LegalBasis,
  ListCriterion,
  ListPeriod,
  ListType,
  Measure,
  PublicationRule,
  RecordType,
} from '../domain/catalog.js';
import type {
  GradeBand,
  GroupModel,
  PointsModel,
  PointsRule,
  RatingModel,
  RecordSelector,
  SubjectCondition,
} from '../domain/rating-model.js';

/** Short plain-text descriptions of catalog entries, for the CLI and logs. */

export function describePublication(rule: PublicationRule): string {
  switch (rule.kind) {
    case 'never':
      return 'never public';
    case 'always':
      return 'public, no end';
    case 'while_listed':
      return 'public while listed';
    case 'fixed':
      return `public ${rule.window} from ${rule.from}${rule.repairAfter ? `, repair after ${rule.repairAfter}` : ''}`;
    case 'when':
      return `public when ${rule.field} is ${rule.values.join('/')}${rule.window ? ` for ${rule.window}` : ''}`;
    case 'tiered': {
      const tiers = Object.entries(rule.tiers).map(
        ([tier, t]) =>
          `${tier} ${t.window ?? 'not published'}${t.repairAfter ? ` (repair after ${t.repairAfter})` : ''}`,
      );
      const classes = rule.classField ? `; ${rule.classField} raise the tier, longest wins` : '';
      return `by ${rule.tierField} from ${rule.from}: ${tiers.join(', ')}${classes}`;
    }
  }
}

/** a law's title and its provision note in `lang` (the CLI reads English unless told) */
export const describeLegalBasis = (b: LegalBasis, lang: Lang = 'en'): string => {
  if (lang === 'zh') return `《${b.title}》${b.provision?.zh ?? ''}`;
  return b.provision ? `${b.title}, ${b.provision.en}` : b.title;
};

const legalBasisLines = (basis: readonly LegalBasis[], lang: Lang): string[] =>
  basis.map((b) => `    - ${describeLegalBasis(b, lang)}`);

/** One line per record type: id, disclosure, publication, name. */
export function describeTypeLine(t: RecordType): string {
  return `${t.id.padEnd(22)} ${t.disclosure.padEnd(10)} ${t.adverse ? 'adverse ' : '        '} ${describePublication(t.publication)}  ${t.name.zh} / ${t.name.en}`;
}

/** Several lines about one record type: what, who, when public, on what basis, and its fields. */
export function describeType(t: RecordType, lang: Lang = 'en'): string[] {
  const lines = [
    `${t.id}: ${t.name.zh} / ${t.name.en}`,
    `  ${t.description[lang]}`,
    `  domains: ${t.domains.join(', ')}; subjects: ${t.subjectKinds.join(', ')}`,
    `  disclosure: ${t.disclosure}${t.adverse ? ', adverse' : ''}${t.severities ? `; severities: ${t.severities.join(', ')}` : ''}`,
    `  publication: ${describePublication(t.publication)}`,
  ];
  if (t.retention) lines.push(`  retention: ${t.retention.afterEnd} after the conduct ends`);
  lines.push('  legal basis:', ...legalBasisLines(t.legalBasis, lang));
  lines.push('  fields:');
  for (const f of t.fields) {
    const rules = [
      f.required ? 'required' : 'optional',
      f.values ? `one${f.type === 'enum_list' ? ' or more' : ''} of ${f.values.join(', ')}` : '',
      f.min !== undefined ? `min ${f.min}` : '',
      f.max !== undefined ? `max ${f.max}` : '',
      f.maxLength !== undefined ? `max ${f.maxLength} chars` : '',
      f.pattern ? `pattern ${f.pattern}` : '',
      f.notBefore ? `not before ${f.notBefore}` : '',
    ].filter(Boolean);
    lines.push(
      `    ${f.name.padEnd(22)} ${f.type.padEnd(9)} ${rules.join('; ')}  (${f.label.zh} / ${f.label.en})`,
    );
  }
  return lines;
}

const isZero = (duration: string): boolean => /^P(0+[YMD])*$/.test(duration);

export const describePeriod = (p: ListPeriod): string =>
  p.kind === 'fixed' ? p.duration : 'until performed';

/** `unit` follows a bound: ` yuan` for money in a rating model, ` fen` in a list criterion */
const describeCondition = (c: FieldCondition, unit = ''): string =>
  [
    c.in ? `${c.field} in ${c.in.join('/')}` : '',
    c.notIn ? `${c.field} not in ${c.notIn.join('/')}` : '',
    c.min !== undefined ? `${c.field} >= ${c.min}${unit}` : '',
    c.max !== undefined ? `${c.field} <= ${c.max}${unit}` : '',
  ]
    .filter(Boolean)
    .join(' and ');

/** `admin_penalty (from market) where severity in serious` */
export function describeCriterion(c: ListCriterion): string {
  const from = c.fromDomains ? ` (from ${c.fromDomains.join('/')})` : '';
  const where = c.conditions.map((k) => describeCondition(k)).join(' and ');
  return `${c.recordType}${from}${where ? ` where ${where}` : ', any'}`;
}

/** One line per list type: id, colour, designation, period, name. */
export function describeListTypeLine(l: ListType): string {
  return `${l.id.padEnd(28)} ${l.colour.padEnd(8)} ${l.designation.padEnd(9)} ${describePeriod(l.period).padEnd(16)} ${l.name.zh} / ${l.name.en}`;
}

/** Several lines about one list type: who decides, on what records, for how long, and how it ends. */
export function describeListType(l: ListType, lang: Lang = 'en'): string[] {
  const lines = [
    `${l.id}: ${l.name.zh} / ${l.name.en}`,
    `  ${l.description[lang]}`,
    `  colour: ${l.colour}; owning domain: ${l.owningDomain}; designation: ${l.designation}`,
    '  criteria (any of):',
    ...l.criteria.map((c) => `    - ${describeCriterion(c)}`),
    l.noticeWorkingDays > 0
      ? `  notice: ${l.noticeWorkingDays} working days to state a case`
      : '  notice: none before designation',
    `  period: ${describePeriod(l.period)}`,
  ];
  for (const [value, p] of Object.entries(l.periodByField?.periods ?? {}))
    lines.push(`    ${l.periodByField?.field} ${value}: ${describePeriod(p)}`);
  const { extensions: x, earlyRemoval: early, removalOnPerformance: perf, escalation: esc } = l;
  if (x)
    lines.push(`  extensions: ${x.min} to ${x.max}, ${x.times} time${x.times === 1 ? '' : 's'}`);
  if (early) {
    const when = isZero(early.minServed) ? 'at any time' : `after ${early.minServed}`;
    lines.push(`  early removal: ${when}, when ${early.conditions[lang]}`);
  }
  if (perf)
    lines.push(
      `  removal on performance: ${perf.field} ${perf.values.join('/')}, within ${perf.deadlineWorkingDays} working days`,
    );
  if (esc) {
    const bars = esc.bars ? `; bars ${esc.bars.roles.join(', ')} on ${esc.bars.list}` : '';
    lines.push(`  escalation: after ${esc.after} to ${esc.to}${bars}`);
  }
  lines.push(
    `  reaches: ${l.reaches.length > 0 ? l.reaches.join(', ') : 'the listed subject only'}`,
  );
  lines.push('  legal basis:', ...legalBasisLines(l.legalBasis, lang));
  return lines;
}

/** One line per measure: id, kind, effect, actions, name. */
export function describeMeasureLine(m: Measure): string {
  return `${m.id.padEnd(30)} ${m.kind.padEnd(11)} ${m.effect.padEnd(10)} ${m.actions.join(', ')}  ${m.name.zh} / ${m.name.en}`;
}

/** Several lines about one measure: what it governs, what triggers it, whom it reaches, on what basis. */
export function describeMeasure(m: Measure, lang: Lang = 'en'): string[] {
  return [
    `${m.id}: ${m.name.zh} / ${m.name.en}`,
    `  ${m.description[lang]}`,
    `  kind: ${m.kind}; answers ${m.effect} for ${m.actions.join(', ')}`,
    `  triggered by: ${m.lists.join(', ')}`,
    `  reaches: ${m.reaches.join(', ')}`,
    `  implemented by: ${m.implementingDomain}`,
    '  legal basis:',
    ...legalBasisLines(m.legalBasis, lang),
  ];
}

// ---- rating models (SPEC 4.6) ----

/** One line per rating model: id, kind, version, status, public, name. */
export function describeRatingModelLine(m: RatingModel): string {
  return `${m.id.padEnd(32)} ${m.kind.padEnd(9)} ${m.version.padEnd(8)} ${m.status.padEnd(9)} ${m.public ? 'public ' : 'private'}  ${m.name.zh} / ${m.name.en}`;
}

/** the record types a description looks up field types in, to print units */
type Types = ReadonlyMap<string, RecordType>;
let types: Types = new Map();

/** ` yuan` after a bound on a money field (rating models write money in yuan), else nothing */
const unitOf = (recordType: string, field: string): string =>
  types.get(recordType)?.fields.find((f) => f.name === field)?.type === 'money' ? ' yuan' : '';

/** Several lines about one rating model, by kind; with the record types, bounds carry units. */
export function describeRatingModel(
  m: RatingModel,
  recordTypes: Types = new Map(),
  lang: Lang = 'en',
): string[] {
  types = recordTypes;
  switch (m.kind) {
    case 'points':
      return describePointsModel(m, lang);
    case 'scorecard':
      return describeScorecard(m, lang);
    case 'group':
      return describeGroupModel(m, lang);
  }
}

const signed = (n: number): string => (n > 0 ? `+${n}` : String(n));

const describeSelector = (s: RecordSelector): string => {
  const of = (c: FieldCondition) => describeCondition(c, unitOf(s.recordType, c.field));
  const where = s.conditions.map(of).join(' and ');
  const unless = s.unless ? ` unless ${s.unless.map(of).join(' and ')}` : '';
  const within = s.within ? ` within ${s.within}` : ' in the period';
  return `${s.recordType}${where ? ` where ${where}` : ''}${unless}${within}`;
};

function describeSubjectCondition(c: SubjectCondition): string {
  const parts = [
    c.all ? `all of (${c.all.map(describeSubjectCondition).join('; ')})` : '',
    c.any ? `any of (${c.any.map(describeSubjectCondition).join('; ')})` : '',
    c.not ? `not (${describeSubjectCondition(c.not)})` : '',
    c.records
      ? `${c.records.atLeast && c.records.atLeast > 1 ? `${c.records.atLeast} or more` : 'a'} ${describeSelector(c.records)}`
      : '',
    c.listed ? `listed on ${c.listed.join('/')}` : '',
    c.newSubject !== undefined ? (c.newSubject ? 'new in the period' : 'not new') : '',
    c.subjectAge?.under ? `existing less than ${c.subjectAge.under}` : '',
    c.subjectAge?.atLeast ? `existing at least ${c.subjectAge.atLeast}` : '',
    c.score?.min !== undefined ? `score >= ${c.score.min}` : '',
    c.score?.below !== undefined ? `score < ${c.score.below}` : '',
  ];
  return parts.filter(Boolean).join(' and ');
}

const describeEvidence = (r: { records?: RecordSelector; entries?: { listTypes: string[] } }) =>
  r.records
    ? describeSelector(r.records)
    : `an effective entry on ${r.entries?.listTypes.join('/')}`;

function describePer(rule: PointsRule): string {
  const per = rule.per;
  if (per?.field) {
    const money = rule.records && unitOf(rule.records.recordType, per.field) !== '';
    const unit = money ? ` fen` : '';
    return ` per ${per.unit && per.unit > 1 ? `${per.unit}${unit} of ` : money ? 'fen of ' : ''}${per.field}${per.round === 'up' ? ' (started units)' : ''}`;
  }
  if (per?.duration)
    return ` per started ${per.duration} from ${per.from ?? 'decision_date'} to ${per.to ?? 'the period end'}`;
  return ' each';
}

function describeDecay(rule: PointsRule): string {
  const d = rule.decay;
  if (!d) return '';
  if (d.kind === 'linear') return `; linear decay from ${d.after ?? 'P0D'} to zero at ${d.until}`;
  return `; ${d.steps.map((s) => `×${s.factor} after ${s.after}`).join(', ')}`;
}

const describePeriodOf = (m: PointsModel): string =>
  m.period.kind === 'rolling' ? `rolling ${m.period.duration}` : m.period.kind.replace('_', ' ');

const describeBand = (b: GradeBand): string =>
  b.min !== undefined && b.below !== undefined
    ? `${b.grade} ${b.min} to <${b.below}`
    : b.min !== undefined
      ? `${b.grade} >= ${b.min}`
      : `${b.grade} < ${b.below}`;

function describePointsModel(m: PointsModel, lang: Lang): string[] {
  const lines = [
    `${m.id}: ${m.name.zh} / ${m.name.en} (points model ${m.version}, ${m.status}, ${m.public ? 'public' : 'not public'})`,
    `  ${m.description[lang]}`,
    `  rates: ${m.appliesTo.subjectKinds.join(', ')}${m.appliesTo.when ? ` when ${describeSubjectCondition(m.appliesTo.when)}` : ''}`,
    `  period: ${describePeriodOf(m)}`,
    '  start score:',
    ...m.startScore.map(
      (s) =>
        `    ${s.points} ${s.id}${s.when ? ` when ${describeSubjectCondition(s.when)}` : ' otherwise'}`,
    ),
    '  units: points; money in conditions in yuan',
    '  rules:',
    ...m.rules.map(
      (r) =>
        `    ${signed(r.points)}${r.repeat ? ` (then ${r.repeat.map(signed).join(', ')} for repeats)` : ''}${describePer(r)}: ${r.id}: ${describeEvidence(r)}${r.cap !== undefined ? `; cap ${r.cap}` : ''}${describeDecay(r)}`,
    ),
    ...(m.sharedCaps ?? []).map(
      (c) => `    shared cap ${c.id}: ${c.rules.join(' + ')} at most ${c.cap} points together`,
    ),
  ];
  if (m.scoreRange)
    lines.push(`  score held to: ${m.scoreRange.min ?? '…'} to ${m.scoreRange.max ?? '…'}`);
  if (m.directGrades.length > 0) lines.push('  direct grades:');
  for (const d of m.directGrades) lines.push(`    ${d.grade}: ${d.id}: ${describeEvidence(d)}`);
  lines.push(`  grades: ${m.grades.map(describeBand).join(', ')}`);
  for (const s of m.specialGrades)
    lines.push(`  special grade ${s.grade}: ${s.id} when ${describeSubjectCondition(s.when)}`);
  for (const c of m.ceilings)
    lines.push(`  no better than ${c.grade}: ${c.id} when ${describeSubjectCondition(c.when)}`);
  for (const c of m.carryOver) {
    const from = `${c.from.grades.join('/')}${c.from.by ? ` by ${c.from.by}` : ''} the period before`;
    const effect =
      c.kind === 'points'
        ? signed(c.points)
        : c.kind === 'ceiling'
          ? `no better than ${c.grade}`
          : `held ${c.periods} periods in all${c.thenCeiling ? `, then no better than ${c.thenCeiling} for one` : ''}`;
    lines.push(`  carry-over ${c.id}: ${from} → ${effect}`);
  }
  lines.push('  legal basis:', ...legalBasisLines(m.legalBasis, lang));
  return lines;
}

function describeScorecard(m: ScorecardModel, lang: Lang): string[] {
  const s = m.scaling;
  return [
    `${m.id}: ${m.name.zh} / ${m.name.en} (scorecard ${m.version}, ${m.status}, ${m.public ? 'public' : 'not public'})`,
    `  ${m.description[lang]}`,
    `  rates: ${m.subjects.join(', ')}`,
    `  scaling: ${s.basePoints} points at ${s.baseOdds}:1 odds, ${s.pdo} points to double them (factor ${s.factor.toFixed(4)}, offset ${s.offset.toFixed(3)})`,
    `  metrics: AUC ${m.metrics.auc.toFixed(3)}, KS ${m.metrics.ks.toFixed(3)}, Gini ${m.metrics.gini.toFixed(3)}, ${m.metrics.folds}-fold CV AUC ${m.metrics.cvAuc.toFixed(3)}`,
    '  characteristics:',
    ...m.characteristics.map(
      (c) =>
        `    ${c.name}${c.label !== c.name ? ` "${c.label}"` : ''} (IV ${c.informationValue.toFixed(3)}; ${c.source ? `from ${c.source.aggregate} of ${c.source.recordType}${c.source.field ? `.${c.source.field}${unitOf(c.source.recordType, c.source.field) ? ' in fen' : ''}` : ''}${c.source.window ? ` within ${c.source.window}` : ''}${c.source.divideBy ? ` / ${c.source.divideBy}` : ''}` : 'not mapped to records'}): ${c.bins.map((b) => `${b.label} ${b.displayPoints}`).join(', ')}`,
    ),
    '  legal basis:',
    ...legalBasisLines(m.legalBasis, lang),
  ];
}

function describeGroupModel(m: GroupModel, lang: Lang): string[] {
  const r = m.membersAtOrAbove;
  const [met, notMet] = m.grades;
  return [
    `${m.id}: ${m.name.zh} / ${m.name.en} (group model ${m.version}, ${m.status}, ${m.public ? 'public' : 'not public'})`,
    `  rates the groups of membership ${m.membership}`,
    `  ${met!.grade} (${met!.label[lang]}) when at least ${Math.round(r.share * 100)}% of at least ${r.minMembers} members hold ${r.grade} or above under ${r.model}, rated within ${r.ratedWithin}; else ${notMet!.grade} (${notMet!.label[lang]})`,
    '  legal basis:',
    ...legalBasisLines(m.legalBasis, lang),
  ];
}
