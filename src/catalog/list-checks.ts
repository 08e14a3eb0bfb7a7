import type {
  FieldCondition,
  FieldDef,
  ListPeriod,
  ListType,
  Measure,
  RecordType,
} from '../domain/catalog.js';
import { compareDurations } from '../domain/dates.js';
import { RELATION_KINDS } from '../domain/subject.js';
import { duplicates } from './cross-checks.js';
import type { Report, Segment } from './source.js';

/** Cross-checks of list types and measures: references, due process and legal basis (SPEC 2, 4.4, 4.5). */

/** roles of the persons behind an organization that lists and measures can reach */
export const PERSON_ROLES: readonly string[] = RELATION_KINDS;
/** measures also name the listed subject itself */
export const MEASURE_REACH: readonly string[] = ['subject', ...RELATION_KINDS];

const NUMERIC = new Set(['integer', 'decimal', 'money']);
const ENUMS = new Set(['enum', 'enum_list']);

export interface ListCheckContext {
  /** null when domains.yaml failed: unknown-domain checks are skipped */
  domains: ReadonlySet<string> | null;
  recordTypes: ReadonlyMap<string, RecordType>;
  /** record types whose files failed: references to them are not reported again */
  brokenTypes: ReadonlySet<string>;
  /** every list type that parsed, for escalation targets */
  lists: ReadonlyMap<string, ListType>;
  brokenLists: ReadonlySet<string>;
}

export function checkListType(list: ListType, ctx: ListCheckContext, report: Report) {
  // SPEC 2.1: every list type names its legal basis; nothing adverse exists without one
  if (list.legalBasis.length === 0) {
    const why =
      list.colour === 'red'
        ? 'every list type names its legal basis'
        : `a ${list.colour} list is adverse and needs a legal basis`;
    report(['legalBasis'], `${why} (title and provision)`);
  }
  checkDomain(list.owningDomain, ['owningDomain'], ctx.domains, report);
  // SPEC 2.3: notice before listing, with a period to state one's case
  if (list.designation === 'decided' && list.colour !== 'red' && list.noticeWorkingDays < 1)
    report(
      ['noticeWorkingDays'],
      'a decided adverse list gives notice: at least 1 working day to state a case',
    );
  if (list.designation === 'escalation') {
    if (list.criteria.length > 0)
      report(
        ['criteria'],
        'a list designated by escalation takes no criteria: its entries come from the escalation of another list',
      );
    if (list.period.kind !== 'fixed') report(['period'], 'a bar by escalation has a fixed period');
  } else if (list.criteria.length === 0) {
    report(['criteria'], 'name at least one criterion: which records make a candidate');
  }
  list.criteria.forEach((c, i) => {
    const at = (path: readonly Segment[], message: string) =>
      report(['criteria', i, ...path], message);
    c.fromDomains?.forEach((d, j) => checkDomain(d, ['fromDomains', j], ctx.domains, at));
    const type = ctx.recordTypes.get(c.recordType);
    if (!type) {
      if (!ctx.brokenTypes.has(c.recordType))
        at(['recordType'], `unknown record type "${c.recordType}"`);
      return;
    }
    c.conditions.forEach((cond, j) =>
      checkCondition(cond, type, (p, m) => at(['conditions', j, ...p], m)),
    );
  });
  checkPeriods(list, ctx, report);
  checkRemovals(list, ctx, report);
  checkEscalation(list, ctx, report);
  checkRoles(list.reaches, PERSON_ROLES, ['reaches'], report);
}

function checkCondition(cond: FieldCondition, type: RecordType, at: Report) {
  if (cond.in === undefined && cond.notIn === undefined && cond.min === undefined)
    return at([], 'a condition needs in, notIn or min');
  const target = conditionTarget(type, cond.field);
  if (!target)
    return at(
      ['field'],
      `no field "${cond.field}" in ${type.id}${type.severities ? ' (nor severity)' : ''}`,
    );
  for (const key of ['in', 'notIn'] as const) {
    const values = cond[key];
    if (!values) continue;
    if (!target.values) {
      at([key], `${key} applies to enum and enum_list fields and severity, not ${target.type}`);
      continue;
    }
    values.forEach((v, k) => {
      if (!target.values?.includes(v))
        at([key, k], `"${v}" is not a value of ${cond.field} (${target.values?.join(', ')})`);
    });
  }
  if (cond.min !== undefined && !NUMERIC.has(target.type))
    at(['min'], `min applies to integer, decimal and money fields, not ${target.type}`);
  else if (cond.min !== undefined && target.type !== 'decimal' && !Number.isInteger(cond.min))
    at(
      ['min'],
      `min for a ${target.type} field is a whole number${target.type === 'money' ? ' of minor units (fen)' : ''}`,
    );
}

/** the field a condition names, with `severity` as an enum of the type's severities */
function conditionTarget(
  type: RecordType,
  field: string,
): Pick<FieldDef, 'type' | 'values'> | null {
  if (field === 'severity')
    return type.severities ? { type: 'enum', values: type.severities } : null;
  return type.fields.find((f) => f.name === field) ?? null;
}

/** the field of that name on the first criterion's record type that has one */
function criterionField(list: ListType, ctx: ListCheckContext, name: string) {
  for (const c of list.criteria) {
    const field = ctx.recordTypes.get(c.recordType)?.fields.find((f) => f.name === name);
    if (field) return field;
  }
  return null;
}

/** whether the criteria's record types are all known, so a missing field is worth reporting */
const typesKnown = (list: ListType, ctx: ListCheckContext) =>
  list.criteria.every((c) => !ctx.brokenTypes.has(c.recordType));

function checkEnumField(
  list: ListType,
  ctx: ListCheckContext,
  name: string,
  values: readonly string[],
  at: (path: readonly Segment[], message: string) => void,
  valuePath: (value: string, index: number) => Segment[],
) {
  const field = criterionField(list, ctx, name);
  if (!field) {
    if (typesKnown(list, ctx))
      at(
        ['field'],
        `no field "${name}" in the criteria's record types (${list.criteria.map((c) => c.recordType).join(', ')})`,
      );
    return;
  }
  if (!ENUMS.has(field.type) || !field.values)
    return at(
      ['field'],
      `${name} is a ${field.type} field; only enum and enum_list fields pick values`,
    );
  values.forEach((v, i) => {
    if (!field.values?.includes(v))
      at(valuePath(v, i), `"${v}" is not a value of ${name} (${field.values?.join(', ')})`);
  });
}

function checkPeriods(list: ListType, ctx: ListCheckContext, report: Report) {
  const byField = list.periodByField;
  if (byField) {
    const at = (path: readonly Segment[], message: string) =>
      report(['periodByField', ...path], message);
    const keys = Object.keys(byField.periods);
    if (keys.length === 0) at(['periods'], 'name at least one value with its period');
    checkEnumField(list, ctx, byField.field, keys, at, (v) => ['periods', v]);
  }
  const periods = [list.period, ...Object.values(byField?.periods ?? {})];
  const fixed = periods.filter(
    (p): p is Extract<ListPeriod, { kind: 'fixed' }> => p.kind === 'fixed',
  );
  const longest = fixed.map((p) => p.duration).sort((a, b) => compareDurations(b, a))[0];
  if (list.extensions) {
    const { min, max } = list.extensions;
    if (!longest) report(['extensions'], 'only a fixed period can be extended');
    if (compareDurations(min, max) > 0)
      report(['extensions', 'max'], `max ${max} is below min ${min}`);
  }
  if (list.earlyRemoval && longest && compareDurations(list.earlyRemoval.minServed, longest) >= 0)
    report(
      ['earlyRemoval', 'minServed'],
      `early removal after ${list.earlyRemoval.minServed} comes after the period ${longest} ends`,
    );
}

function checkRemovals(list: ListType, ctx: ListCheckContext, report: Report) {
  const rule = list.removalOnPerformance;
  if (!rule) return;
  const at = (path: readonly Segment[], message: string) =>
    report(['removalOnPerformance', ...path], message);
  checkEnumField(list, ctx, rule.field, rule.values, at, (_, i) => ['values', i]);
}

function checkEscalation(list: ListType, ctx: ListCheckContext, report: Report) {
  const esc = list.escalation;
  if (!esc) return;
  const at = (path: readonly Segment[], message: string) =>
    report(['escalation', ...path], message);
  const target = ctx.lists.get(esc.to);
  if (esc.to === list.id) at(['to'], 'a list cannot escalate to itself');
  else if (!target && !ctx.brokenLists.has(esc.to)) at(['to'], `unknown list type "${esc.to}"`);
  else if (target?.colour === 'red')
    at(['to'], `${esc.to} is a redlist; escalation leads to a heavier list`);
  if (list.period.kind === 'fixed' && compareDurations(esc.after, list.period.duration) >= 0)
    at(
      ['after'],
      `escalation after ${esc.after} never comes: the period ${list.period.duration} ends first`,
    );
  if (!esc.bars) return;
  checkRoles(esc.bars.roles, PERSON_ROLES, ['escalation', 'bars', 'roles'], report);
  const bar = ctx.lists.get(esc.bars.list);
  if (!bar && !ctx.brokenLists.has(esc.bars.list))
    at(['bars', 'list'], `unknown list type "${esc.bars.list}"`);
  else if (bar && bar.designation !== 'escalation')
    at(
      ['bars', 'list'],
      `${bar.id} is designated ${bar.designation}; a bar goes on a list designated by escalation`,
    );
}

function checkRoles(
  roles: readonly string[],
  allowed: readonly string[],
  path: Segment[],
  report: Report,
) {
  roles.forEach((r, i) => {
    if (!allowed.includes(r))
      report([...path, i], `"${r}" is not a role that can be reached (${allowed.join(', ')})`);
  });
  duplicates(roles, (i, r) => report([...path, i], `"${r}" is listed twice`));
}

function checkDomain(
  domain: string,
  path: Segment[],
  domains: ReadonlySet<string> | null,
  report: Report,
) {
  if (domain === 'any') report(path, 'name one domain: "any" does not decide or implement');
  else if (domains && !domains.has(domain))
    report(path, `unknown domain "${domain}" (not in domains.yaml)`);
}

export interface MeasureCheckContext {
  domains: ReadonlySet<string> | null;
  lists: ReadonlyMap<string, ListType>;
  brokenLists: ReadonlySet<string>;
}

export function checkMeasure(measure: Measure, ctx: MeasureCheckContext, report: Report) {
  // SPEC 4.5: a restriction of a right needs an explicit legal basis
  if (measure.legalBasis.length === 0)
    report(
      ['legalBasis'],
      measure.kind === 'restriction'
        ? 'a restriction of a right needs an explicit legal basis (title and provision)'
        : 'every measure names its legal basis (title and provision)',
    );
  else if (measure.kind === 'restriction' && measure.legalBasis.every((b) => !b.provision))
    report(['legalBasis'], 'a restriction of a right cites the provision that allows it');
  checkDomain(measure.implementingDomain, ['implementingDomain'], ctx.domains, report);
  measure.lists.forEach((id, i) => {
    const list = ctx.lists.get(id);
    if (!list) {
      if (!ctx.brokenLists.has(id)) report(['lists', i], `unknown list type "${id}"`);
      return;
    }
    // incentives follow redlists; everything else follows black and warning lists
    if (measure.kind === 'incentive' && list.colour !== 'red')
      report(['lists', i], `an incentive follows redlists; ${id} is ${list.colour}`);
    if (measure.kind !== 'incentive' && list.colour === 'red')
      report(['lists', i], `a ${measure.kind} measure does not follow a redlist (${id})`);
  });
  duplicates(measure.lists, (i, v) => report(['lists', i], `"${v}" is listed twice`));
  checkRoles(measure.reaches, MEASURE_REACH, ['reaches'], report);
  duplicates(measure.actions, (i, v) => report(['actions', i], `"${v}" is listed twice`));
  const incentive = measure.kind === 'incentive';
  if (incentive !== (measure.effect === 'fast_track'))
    report(
      ['effect'],
      incentive
        ? 'an incentive answers fast_track'
        : `a ${measure.kind} measure answers deny or review, not fast_track`,
    );
}
