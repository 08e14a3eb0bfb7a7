import type { CatalogEntry, FieldDef } from '../../../catalog';
import type { I18n } from '../../../i18n';

/** One control of the submission form: a column of POST /v1/records, named as the API names it. */
export interface FormField {
  name: string;
  label: string;
  hint?: string;
  /** the catalog's field type (string, text, integer, decimal, money, date, boolean, enum, enum_list) */
  type: string;
  required: boolean;
  values?: Array<{ value: string; label: string }>;
  maxLength?: number;
}

export interface FieldGroup {
  id: string;
  title: string;
  fields: FormField[];
}

export type Values = Record<string, string | string[]>;

/** The element a problem of this field sends the focus to (a list's first box). */
export const inputId = (name: string) => `f-${name}`;
export const focusId = (field: FormField) =>
  field.type === 'enum_list' ? `${inputId(field.name)}-0` : inputId(field.name);

const SCHEMES = ['uscc', 'ric', 'lei', 'passport', 'legacy_reg'] as const;
const KINDS = ['business', 'person', 'government', 'social_org'] as const;

type Translate = Pick<I18n, 't' | 'pick'>;

/** The subject, the decision, and the type's own fields, as the catalog entry describes them. */
export function formGroups({ t, pick }: Translate, type: CatalogEntry): FieldGroup[] {
  const severities = (type.severities as string[] | undefined) ?? [];
  const tiered = (type.publication as { kind?: string } | undefined)?.kind === 'tiered';
  const own = type.fields ?? [];
  const field = (
    name: string,
    kind: string,
    required = false,
    extra: Partial<FormField> = {},
  ): FormField => ({
    name,
    type: kind,
    required,
    label: t(`furnish.field.${name}` as Parameters<typeof t>[0]),
    ...extra,
  });
  const subject: FormField[] = [
    field('subject_identifier', 'string', true, {
      maxLength: 64,
      hint: t('furnish.hint.identifier'),
    }),
    field('subject_scheme', 'enum', false, {
      hint: t('furnish.hint.detected'),
      values: SCHEMES.map((s) => ({ value: s, label: t(`furnish.scheme.${s}`) })),
    }),
    field('subject_kind', 'enum', false, {
      hint: t('furnish.hint.kind'),
      values: KINDS.map((k) => ({ value: k, label: t(`common.kind.${k}`) })),
    }),
    field('subject_name', 'string'),
    field('subject_name_en', 'string'),
    field('subject_region', 'string', false, { maxLength: 6, hint: t('furnish.hint.region') }),
  ];
  const decision: FormField[] = [
    field('legal_basis', 'text', true, { hint: t('furnish.hint.legalBasis') }),
    field('document_number', 'string'),
    field('decision_date', 'date', true),
    field('effective_date', 'date'),
    field('end_date', 'date'),
    ...(severities.length > 0
      ? [
          field('severity', 'enum', tiered, {
            hint: tiered ? t('furnish.hint.severity') : undefined,
            values: severities.map((s) => ({ value: s, label: severityLabel(t, s) })),
          }),
        ]
      : []),
    field('facts', 'text'),
    field('source_ref', 'string', true, { hint: t('furnish.hint.sourceRef') }),
  ];
  const fields = own.map((def) => catalogField({ t, pick }, def));
  if (own.some((def) => def.type === 'money')) {
    fields.push(
      field('currency', 'string', false, { maxLength: 3, hint: t('furnish.hint.currency') }),
    );
  }
  return [
    { id: 'subject', title: t('furnish.group.subject'), fields: subject },
    { id: 'decision', title: t('furnish.group.decision'), fields: decision },
    { id: 'own', title: t('furnish.group.own', { type: pick(type.name) }), fields },
  ];
}

function severityLabel(t: I18n['t'], severity: string): string {
  return ['minor', 'general', 'serious'].includes(severity)
    ? t(`furnish.severity.${severity}` as Parameters<typeof t>[0])
    : severity;
}

/** A field the catalog defines; the hint says how the API reads it, the API checks it. */
function catalogField({ t, pick }: Translate, def: FieldDef): FormField {
  const hints: Record<string, string> = {
    money: t('furnish.hint.money'),
    integer: t('furnish.hint.integer'),
    decimal: t('furnish.hint.decimal'),
    enum_list: t('furnish.hint.list'),
  };
  const length = def.maxLength ? t('furnish.hint.maxLength', { max: def.maxLength }) : '';
  const hint = [hints[def.type], length].filter(Boolean).join(' ');
  return {
    name: def.name,
    label: pick(def.label),
    type: def.type,
    required: def.required,
    ...(hint ? { hint } : {}),
    ...(def.maxLength ? { maxLength: def.maxLength } : {}),
    // each value by its words in the catalog, the raw value only where the catalog gives none
    ...(def.values
      ? {
          values: def.values.map((v) => ({
            value: v,
            label: def.valueLabels?.[v] ? pick(def.valueLabels[v]) : v,
          })),
        }
      : {}),
  };
}

const isEmpty = (value: string | string[] | undefined) =>
  value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');

/** The required fields left empty: the one rule besides length the form checks itself. */
export function missing(fields: FormField[], values: Values): FormField[] {
  return fields.filter((f) => f.required && isEmpty(values[f.name]));
}

/** The body of POST /v1/records: filled fields only, text as typed (the API parses it). */
export function submission(
  type: string,
  fields: FormField[],
  values: Values,
): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const f of fields) {
    const value = values[f.name];
    if (isEmpty(value)) continue;
    if (Array.isArray(value)) body[f.name] = value;
    else if (f.type === 'boolean') body[f.name] = value === 'true';
    else body[f.name] = value!.trim();
  }
  return body;
}
