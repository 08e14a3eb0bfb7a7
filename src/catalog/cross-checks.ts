import type { FieldDef, InquiryPurpose, PublicationRule, RecordType } from '../domain/catalog.js';
import { compareDurations } from '../domain/dates.js';
import { RESERVED_FIELD_NAMES } from '../domain/fields.js';
import type { Report } from './source.js';

/** Checks that need more than one value: references, duplicates and the due-process rules. */

const NUMERIC = new Set(['integer', 'decimal', 'money']);
const TEXTUAL = new Set(['string', 'text']);
const ENUMS = new Set(['enum', 'enum_list']);

/** `domains` is null when domains.yaml failed, so unknown-domain checks are skipped. */
export function checkRecordType(
  type: RecordType,
  domains: ReadonlySet<string> | null,
  report: Report,
) {
  // SPEC 2.1: every record type names its legal basis, and nothing adverse exists without one
  if (type.legalBasis.length === 0) {
    const why = type.adverse
      ? 'an adverse record type needs a legal basis'
      : 'every record type names its legal basis';
    report(['legalBasis'], `${why} (title and provision)`);
  }
  checkDomains(type, domains, report);
  checkFields(type.fields, report);
  checkPublication(type, report);
  if (type.severities)
    duplicates(type.severities, (i, v) =>
      report(['severities', i], `severity "${v}" is listed twice`),
    );
}

function checkDomains(type: RecordType, domains: ReadonlySet<string> | null, report: Report) {
  type.domains.forEach((d, i) => {
    if (d === 'any' && type.domains.length > 1)
      report(['domains', i], '"any" stands alone: it already means every domain');
    else if (d !== 'any' && domains && !domains.has(d))
      report(['domains', i], `unknown domain "${d}" (not in domains.yaml)`);
  });
  duplicates(type.domains, (i, v) => report(['domains', i], `domain "${v}" is listed twice`));
}

function checkFields(fields: readonly FieldDef[], report: Report) {
  const byName = new Map(fields.map((f) => [f.name, f]));
  duplicates(
    fields.map((f) => f.name),
    (i, v) => report(['fields', i, 'name'], `field "${v}" is defined twice`),
  );
  fields.forEach((f, i) => {
    const at = (key: string, message: string) => report(['fields', i, key], message);
    if (RESERVED_FIELD_NAMES.includes(f.name) || f.name.startsWith('subject_')) {
      at('name', `"${f.name}" is a common record column; choose another field name`);
    }
    if (ENUMS.has(f.type)) {
      if (!f.values || f.values.length === 0)
        at('values', `an ${f.type} field needs a non-empty list of values`);
      else duplicates(f.values, (_, v) => at('values', `value "${v}" is listed twice`));
      // a reader is never shown a raw value: each has its words in Chinese and English
      for (const v of f.values ?? [])
        if (!f.valueLabels?.[v])
          report(['fields', i, 'valueLabels', v], `value "${v}" has no label in zh and en`);
      for (const v of Object.keys(f.valueLabels ?? {}))
        if (!f.values?.includes(v))
          report(['fields', i, 'valueLabels', v], `"${v}" is not a value of field ${f.name}`);
    } else if (f.values) at('values', `values apply to enum and enum_list fields, not ${f.type}`);
    if ((f.min !== undefined || f.max !== undefined) && !NUMERIC.has(f.type))
      at('min', `min and max apply to numeric fields, not ${f.type}`);
    if (f.min !== undefined && f.max !== undefined && f.min > f.max)
      at('max', `max ${f.max} is below min ${f.min}`);
    if (f.scale !== undefined && f.type !== 'decimal')
      at('scale', `scale applies to decimal fields, not ${f.type}`);
    if ((f.maxLength !== undefined || f.pattern !== undefined) && !TEXTUAL.has(f.type)) {
      at(
        f.pattern !== undefined ? 'pattern' : 'maxLength',
        `maxLength and pattern apply to string and text fields, not ${f.type}`,
      );
    }
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch (e) {
        at('pattern', `not a valid regular expression: ${(e as Error).message}`);
      }
    }
    if (f.notBefore !== undefined) {
      const other = byName.get(f.notBefore);
      if (f.type !== 'date' || other?.type !== 'date')
        at(
          'notBefore',
          `notBefore links two date fields; "${f.notBefore}" is not a date field of this type`,
        );
    }
  });
}

function checkPublication(type: RecordType, report: Report) {
  const rule = type.publication;
  const at = (path: (string | number)[], message: string) =>
    report(['publication', ...path], message);
  // SPEC 2.4: everything adverse ends, in public view or in the registry
  if (type.adverse && rule.kind === 'always')
    at(['kind'], 'an adverse record type cannot be public always: give it a window');
  if (type.disclosure === 'restricted' && rule.kind !== 'never')
    at(['kind'], 'restricted types are never public: use kind never');
  if (type.disclosure === 'public' && rule.kind === 'never')
    at(['kind'], 'a public type needs a publication rule other than never');
  if (type.adverse && type.disclosure === 'restricted' && !type.retention) {
    report(
      ['retention'],
      'an adverse restricted type needs retention.afterEnd: everything adverse ends',
    );
  }
  if (rule.kind === 'fixed') checkRepair(rule.window, rule.repairAfter, ['repairAfter'], at);
  if (rule.kind === 'when') checkWhen(type, rule, at);
  if (rule.kind === 'tiered') checkTiers(type, rule, at);
}

function checkWhen(
  type: RecordType,
  rule: Extract<PublicationRule, { kind: 'when' }>,
  at: PathReport,
) {
  const field = type.fields.find((f) => f.name === rule.field);
  if (!field) return at(['field'], `no field "${rule.field}" in ${type.id}`);
  if (!field.values) return;
  rule.values.forEach((v, i) => {
    if (!field.values?.includes(v))
      at(['values', i], `"${v}" is not a value of field ${field.name}`);
  });
}

function checkTiers(
  type: RecordType,
  rule: Extract<PublicationRule, { kind: 'tiered' }>,
  at: PathReport,
) {
  const tiers = Object.keys(rule.tiers);
  if (tiers.length === 0) at(['tiers'], 'a tiered rule needs at least one tier');
  if (!type.severities) at(['tiers'], 'a tiered rule needs the type to list its severities');
  for (const tier of tiers) {
    if (type.severities && !type.severities.includes(tier))
      at(
        ['tiers', tier],
        `tier "${tier}" is not one of the severities (${type.severities.join(', ')})`,
      );
    const def = rule.tiers[tier];
    if (def?.window) checkRepair(def.window, def.repairAfter, ['tiers', tier, 'repairAfter'], at);
    else if (def?.repairAfter)
      at(['tiers', tier, 'repairAfter'], 'a tier that is not published has nothing to repair');
  }
  for (const s of type.severities ?? [])
    if (!tiers.includes(s)) at(['tiers'], `severity "${s}" has no tier`);
  if (rule.classTiers && !rule.classField)
    at(['classTiers'], 'classTiers needs classField: the enum_list field holding the classes');
  if (!rule.classField) return;
  const field = type.fields.find((f) => f.name === rule.classField);
  if (field?.type !== 'enum_list')
    return at(['classField'], `"${rule.classField}" is not an enum_list field of ${type.id}`);
  for (const [cls, tier] of Object.entries(rule.classTiers ?? {})) {
    if (!field.values?.includes(cls))
      at(['classTiers', cls], `"${cls}" is not a value of field ${field.name}`);
    if (!tiers.includes(tier))
      at(['classTiers', cls], `tier "${tier}" is not a tier of this rule (${tiers.join(', ')})`);
  }
}

type PathReport = (path: (string | number)[], message: string) => void;

function checkRepair(
  window: string,
  repairAfter: string | undefined,
  path: (string | number)[],
  at: PathReport,
) {
  // durations that do not parse were reported by the schema
  if (repairAfter && compareDurations(repairAfter, window) > 0)
    at(path, `repair after ${repairAfter} comes after the window ${window} ends`);
}

/**
 * Purposes may name only known, restricted record types and catalog domains (null: domains
 * unread); a consent-based purpose reads restricted data, so it serves inquirers, never subjects.
 */
export function checkPurpose(
  purpose: InquiryPurpose,
  types: ReadonlyMap<string, RecordType>,
  brokenTypes: ReadonlySet<string>,
  domainIds: ReadonlySet<string> | null,
  report: Report,
) {
  if (purpose.domains !== 'any' && domainIds) {
    purpose.domains.forEach((id, i) => {
      if (!domainIds.has(id)) report(['domains', i], `unknown domain "${id}"`);
    });
  }
  if (purpose.consent && purpose.roles.includes('subject'))
    report(['consent'], 'a subject reading its own file needs no consent of its own');
  if (purpose.legalBasis.length === 0)
    report(['legalBasis'], 'an inquiry purpose names its legal basis');
  purpose.recordTypes.forEach((id, i) => {
    const type = types.get(id);
    if (!type && !brokenTypes.has(id)) report(['recordTypes', i], `unknown record type "${id}"`);
    else if (type && type.disclosure !== 'restricted')
      report(['recordTypes', i], `${id} is public; a purpose lists only restricted types`);
  });
}

/** Calls `found(index, value)` for every value seen before. */
export function duplicates(
  values: readonly string[],
  found: (index: number, value: string) => void,
) {
  const seen = new Set<string>();
  values.forEach((v, i) => (seen.has(v) ? found(i, v) : seen.add(v)));
}
