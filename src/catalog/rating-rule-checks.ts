import type { MembershipKind } from '../domain/membership.js';
import type { RatingModel } from '../domain/rating-model.js';
import type { FieldCondition, FieldDef, ListType, RecordType } from '../domain/catalog.js';
import { compareDurations, parseDuration } from '../domain/dates.js';
import type {
  Decay,
  EntrySelector,
  PerUnit,
  RecordSelector,
  SubjectCondition,
} from '../domain/rating-model.js';
import type { SubjectKind } from '../domain/subject.js';
import { hasHundredths } from '../domain/ratings/hundredths.js';
import { duplicates } from './cross-checks.js';
import type { Report, Segment } from './source.js';

/**
 * Cross-checks of what a rating rule counts (SPEC 4.6): record types, fields and list
 * types exist, conditions fit the field types, units, decay and subject conditions make sense.
 */

export interface RatingCheckContext {
  recordTypes: ReadonlyMap<string, RecordType>;
  /** record types whose files failed: references to them are not reported again */
  brokenTypes: ReadonlySet<string>;
  listTypes: ReadonlyMap<string, ListType>;
  brokenLists: ReadonlySet<string>;
  /** the rating models a group model may rate members by: the national and its layers' (issue 22) */
  ratingModels?: ReadonlyMap<string, RatingModel>;
  /** rating models whose files failed: references to them are not reported again */
  brokenModels?: ReadonlySet<string>;
  memberships?: ReadonlyMap<string, MembershipKind>;
}

const NUMERIC = new Set(['integer', 'decimal', 'money']);
const COUNTABLE = new Set(['integer', 'money']);
const ENUMS = new Set(['enum', 'enum_list']);
const CONDITION_KEYS = [
  'all',
  'any',
  'not',
  'records',
  'listed',
  'newSubject',
  'subjectAge',
  'score',
];

/** what a message is about: `rule "bank_arrears"`, `start score "complete"`, `appliesTo` */
export type Who = string;

export interface Scope {
  ctx: RatingCheckContext;
  kinds: readonly SubjectKind[];
  report: Report;
}

/** a rule counts records or list entries; returns the record type when it is known */
export function checkEvidence(
  rule: { records?: RecordSelector; entries?: EntrySelector },
  at: Segment[],
  who: Who,
  scope: Scope,
): RecordType | null {
  if (!rule.records && !rule.entries) {
    scope.report(at, `${who}: name the records or the list entries it counts`);
    return null;
  }
  if (rule.records && rule.entries)
    scope.report([...at, 'entries'], `${who}: one rule counts records or list entries, not both`);
  if (rule.entries) checkLists(rule.entries.listTypes, [...at, 'entries', 'listTypes'], who, scope);
  return rule.records ? checkSelector(rule.records, [...at, 'records'], who, scope) : null;
}

function checkSelector(
  selector: RecordSelector,
  at: Segment[],
  who: Who,
  scope: Scope,
): RecordType | null {
  const type = scope.ctx.recordTypes.get(selector.recordType);
  if (!type) {
    if (!scope.ctx.brokenTypes.has(selector.recordType))
      scope.report([...at, 'recordType'], `${who}: unknown record type "${selector.recordType}"`);
    return null;
  }
  if (!type.subjectKinds.some((k) => scope.kinds.includes(k)))
    scope.report(
      [...at, 'recordType'],
      `${who}: ${type.id} is never about a ${scope.kinds.join(' or ')}, whom the model rates`,
    );
  selector.conditions.forEach((c, j) =>
    checkFieldCondition(c, type, [...at, 'conditions', j], who, scope.report),
  );
  selector.unless?.forEach((c, j) =>
    checkFieldCondition(c, type, [...at, 'unless', j], who, scope.report),
  );
  if (selector.within) checkPositive(selector.within, [...at, 'within'], who, scope.report);
  return type;
}

function checkLists(ids: readonly string[], at: Segment[], who: Who, scope: Scope) {
  const { listTypes, brokenLists } = scope.ctx;
  // a catalog that runs no lists at all (no list-types/): entry rules never fire
  const runsLists = listTypes.size > 0 || brokenLists.size > 0;
  ids.forEach((id, j) => {
    if (!runsLists) return;
    if (!scope.ctx.listTypes.has(id) && !scope.ctx.brokenLists.has(id))
      scope.report([...at, j], `${who}: unknown list type "${id}"`);
  });
  duplicates(ids, (j, v) => scope.report([...at, j], `${who}: "${v}" is listed twice`));
}

/** the field a condition names, with `severity` as an enum of the type's severities */
function target(type: RecordType, field: string): Pick<FieldDef, 'type' | 'values'> | null {
  if (field === 'severity')
    return type.severities ? { type: 'enum', values: type.severities } : null;
  return type.fields.find((f) => f.name === field) ?? null;
}

function checkFieldCondition(
  cond: FieldCondition,
  type: RecordType,
  at: Segment[],
  who: Who,
  report: Report,
) {
  if (
    cond.in === undefined &&
    cond.notIn === undefined &&
    cond.min === undefined &&
    cond.max === undefined
  )
    return report(at, `${who}: a condition needs in, notIn, min or max`);
  const field = target(type, cond.field);
  if (!field)
    return report(
      [...at, 'field'],
      `${who}: no field "${cond.field}" in ${type.id}${type.severities ? ' (nor severity)' : ''}`,
    );
  for (const key of ['in', 'notIn'] as const) {
    const values = cond[key];
    if (!values) continue;
    const allowed =
      field.type === 'boolean'
        ? ['true', 'false']
        : ENUMS.has(field.type)
          ? field.values
          : undefined;
    if (!allowed) {
      report(
        [...at, key],
        `${who}: ${key} applies to enum, enum_list and boolean fields and severity, not ${field.type}`,
      );
      continue;
    }
    values.forEach((v, k) => {
      if (!allowed.includes(v))
        report(
          [...at, key, k],
          `${who}: "${v}" is not a value of ${cond.field} (${allowed.join(', ')})`,
        );
    });
  }
  for (const key of ['min', 'max'] as const) {
    const bound = cond[key];
    if (bound === undefined) continue;
    if (!NUMERIC.has(field.type))
      report(
        [...at, key],
        `${who}: ${key} applies to integer, decimal and money fields, not ${field.type}`,
      );
    else if (field.type === 'integer' && !Number.isInteger(bound))
      report([...at, key], `${who}: ${key} for an integer field is a whole number`);
    else if (field.type === 'money' && !hasHundredths(bound))
      report(
        [...at, key],
        `${who}: ${key} for a money field is yuan with at most 2 decimals (fen), e.g. 100000 or 99.5`,
      );
  }
  if (cond.min !== undefined && cond.max !== undefined && cond.min > cond.max)
    report([...at, 'max'], `${who}: no value is at least ${cond.min} and at most ${cond.max}`);
}

export function checkPer(
  per: PerUnit,
  type: RecordType | null,
  entries: boolean,
  at: Segment[],
  who: Who,
  report: Report,
) {
  if (entries) return report(at, `${who}: per applies to records; a list entry counts once`);
  if ((per.field === undefined) === (per.duration === undefined))
    return report(at, `${who}: per names a field or a duration, one of them`);
  if (per.field !== undefined) {
    if (per.from || per.to) report(at, `${who}: from and to go with a duration, not with a field`);
    const field = type?.fields.find((f) => f.name === per.field);
    if (type && !field) report([...at, 'field'], `${who}: no field "${per.field}" in ${type.id}`);
    else if (field && !COUNTABLE.has(field.type))
      report(
        [...at, 'field'],
        `${who}: points count per unit of an integer or money field, not of a ${field.type} field`,
      );
    return;
  }
  if (per.unit !== undefined || per.round !== undefined)
    report(at, `${who}: unit and round go with a field, not with a duration`);
  if (per.duration) checkPositive(per.duration, [...at, 'duration'], who, report);
}

export function checkDecay(decay: Decay, at: Segment[], who: Who, report: Report) {
  if (decay.kind === 'linear') {
    if (compareDurations(decay.after ?? 'P0D', decay.until) >= 0)
      report(
        [...at, 'until'],
        `${who}: linear decay ends (until ${decay.until}) after it starts (after ${decay.after ?? 'P0D'})`,
      );
    return;
  }
  decay.steps.forEach((step, i) => {
    const before = decay.steps[i - 1];
    if (!before) return;
    if (compareDurations(step.after, before.after) <= 0)
      report(
        [...at, 'steps', i, 'after'],
        `${who}: steps are in order of age: ${step.after} is not after ${before.after}`,
      );
    if (step.factor > before.factor)
      report(
        [...at, 'steps', i, 'factor'],
        `${who}: an older record weighs no more than a newer one (${step.factor} after ${before.factor})`,
      );
  });
}

export function checkCondition(
  cond: SubjectCondition,
  at: Segment[],
  who: Who,
  scoreKnown: boolean,
  scope: Scope,
) {
  const { report } = scope;
  if (!CONDITION_KEYS.some((k) => (cond as Record<string, unknown>)[k] !== undefined))
    return report(at, `${who}: a condition needs at least one of ${CONDITION_KEYS.join(', ')}`);
  cond.all?.forEach((c, i) => checkCondition(c, [...at, 'all', i], who, scoreKnown, scope));
  cond.any?.forEach((c, i) => checkCondition(c, [...at, 'any', i], who, scoreKnown, scope));
  if (cond.not) checkCondition(cond.not, [...at, 'not'], who, scoreKnown, scope);
  if (cond.records) checkSelector(cond.records, [...at, 'records'], who, scope);
  if (cond.listed) checkLists(cond.listed, [...at, 'listed'], who, scope);
  if (cond.subjectAge) {
    const { under, atLeast } = cond.subjectAge;
    if (under === undefined && atLeast === undefined)
      report([...at, 'subjectAge'], `${who}: subjectAge needs under or atLeast`);
  }
  if (cond.score) {
    const { min, below } = cond.score;
    if (!scoreKnown)
      report(
        [...at, 'score'],
        `${who}: the score is not known here; score conditions belong to special grades and ceilings`,
      );
    else if (min === undefined && below === undefined)
      report([...at, 'score'], `${who}: score needs min or below`);
    else if (min !== undefined && below !== undefined && min >= below)
      report([...at, 'score'], `${who}: no score is at least ${min} and below ${below}`);
  }
}

/** durations that do not parse were reported by the schema; a zero one is reported here */
export function checkPositive(duration: string, at: Segment[], who: Who, report: Report) {
  const d = parseDuration(duration);
  if (d && d.years === 0 && d.months === 0 && d.days === 0)
    report(at, `${who}: ${duration} is no time at all; give a duration longer than zero`);
}
