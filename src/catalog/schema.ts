import { ROLES } from '../domain/account.js';
import { z } from 'zod';
import { PURPOSE_JURISDICTIONS } from '../domain/catalog.js';
import { SUBJECT_KINDS } from '../domain/subject.js';
import { catalogId, duration, legalBasis, localized, text } from './schema-parts.js';

/**
 * Zod schemas for the catalog files, one per file kind. Keys are the camelCase names of
 * src/domain/catalog.ts, so a parsed record type is a `RecordType` as it stands.
 * Cross-references (domains, fields, tiers) are checked in cross-checks.ts.
 */

const id = catalogId;

const dateField = z.enum(['decision_date', 'effective_date', 'end_date']);

const fieldDef = z.strictObject({
  name: id('a field name'),
  label: localized,
  type: z.enum([
    'string',
    'text',
    'integer',
    'decimal',
    'money',
    'date',
    'boolean',
    'enum',
    'enum_list',
  ]),
  required: z.boolean().default(false),
  values: z.array(text).optional(),
  valueLabels: z.record(z.string(), localized).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  scale: z.int().min(0).max(6).optional(),
  maxLength: z.int().positive().optional(),
  pattern: z.string().min(1).optional(),
  notBefore: z.string().optional(),
});

const penaltyTier = z.strictObject({
  window: duration.nullable(),
  repairAfter: duration.optional(),
});

const publication = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('never') }),
    z.strictObject({ kind: z.literal('always') }),
    z.strictObject({
      kind: z.literal('fixed'),
      from: dateField,
      window: duration,
      repairAfter: duration.optional(),
    }),
    z.strictObject({
      kind: z.literal('tiered'),
      from: dateField,
      tierField: z.literal('severity'),
      tiers: z.record(z.string(), penaltyTier),
      classField: z.string().optional(),
      classTiers: z.record(z.string(), z.string()).optional(),
    }),
    z.strictObject({
      kind: z.literal('when'),
      field: z.string(),
      values: z.array(z.string()).min(1),
      window: duration.optional(),
      from: dateField.optional(),
    }),
    z.strictObject({ kind: z.literal('while_listed') }),
  ],
  { error: 'publication kind is one of never, always, fixed, tiered, when, while_listed' },
);

export const recordTypeSchema = z.strictObject({
  id: id('a record type id'),
  name: localized,
  description: localized,
  domains: z.array(z.string()).min(1, 'name at least one domain, or any'),
  subjectKinds: z.array(z.enum(SUBJECT_KINDS)).min(1, 'name at least one subject kind'),
  disclosure: z.enum(['public', 'restricted']),
  publication,
  retention: z.strictObject({ afterEnd: duration }).optional(),
  adverse: z.boolean(),
  severities: z.array(text).min(1).optional(),
  legalBasis,
  fields: z.array(fieldDef).default([]),
});

export const catalogFileSchema = z.strictObject({
  id: z
    .string({ error: 'the catalog id must be a string' })
    .regex(/^[a-z][a-z0-9_-]*$/, 'the catalog id is lower-case letters, digits, _ and -'),
  version: z
    .string({
      error:
        'version must be a string: quote it (version: "2026.1") so YAML does not read a number',
    })
    .min(1),
  description: localized.optional(),
});

/**
 * A regional layer's catalog.yaml (issue 22): the catalog it extends (the national directory's
 * name), the division-code prefix it governs, its name as answers show it, its local basis.
 */
export const layerFileSchema = catalogFileSchema.extend({
  extends: text,
  prefix: z
    .string({ error: 'prefix must be a string: quote it (prefix: "3710")' })
    .regex(/^\d{2}(\d{2}){0,2}$/, 'prefix is a division-code prefix of 2, 4 or 6 digits'),
  name: localized,
  legalBasis: legalBasis.refine(
    (b) => b.length > 0,
    'a layer names the local regulation it rests on',
  ),
});

export const domainsFileSchema = z.strictObject({
  domains: z.array(z.strictObject({ id: id('a domain id'), name: localized })),
});

export const purposesFileSchema = z.strictObject({
  purposes: z.array(
    z.strictObject({
      id: id('a purpose id'),
      name: localized,
      legalBasis,
      recordTypes: z.array(z.string()).default([]),
      roles: z.array(z.enum(ROLES)).min(1, 'name the roles that may state this purpose'),
      domains: z.union([z.literal('any'), z.array(z.string()).min(1)], {
        error: 'domains is any, or a list of the domains whose authorities the purpose serves',
      }),
      jurisdiction: z.enum(PURPOSE_JURISDICTIONS, {
        error: 'jurisdiction is national (any subject) or own (the reader’s regions and domains)',
      }),
      consent: z.boolean().default(false),
    }),
  ),
});

const dayCount = z
  .strictObject({
    days: z.number().int().min(1).max(365).optional(),
    workingDays: z.number().int().min(1).max(250).optional(),
  })
  .refine((d) => (d.days === undefined) !== (d.workingDays === undefined), {
    message: 'give days or workingDays, exactly one',
  });

export const objectionsFileSchema = z.strictObject({
  objections: z.array(
    z.strictObject({
      id: id('an objection rule id'),
      name: localized,
      recordTypes: z.array(z.string()).default([]),
      listTypes: z.array(z.string()).default([]),
      default: z.boolean().default(false),
      answer: dayCount,
      correct: dayCount.optional(),
      reconsiderWithin: dayCount.optional(),
      legalBasis,
    }),
  ),
});

export const repairFileSchema = z.strictObject({
  repair: z.strictObject({
    answer: dayCount,
    decide: dayCount,
    legalBasis,
    rules: z.array(
      z.strictObject({
        id: id('a repair rule id'),
        name: localized,
        recordTypes: z.array(z.string()).default([]),
        listTypes: z.array(z.string()).default([]),
        default: z.boolean().default(false),
        obligations: z
          .array(z.strictObject({ id: id('an obligation id'), name: localized }))
          .min(1, 'a repair rule names at least one obligation to perform'),
      }),
    ),
  }),
});

export const commitmentsFileSchema = z.strictObject({
  commitments: z.array(
    z.strictObject({
      id: id('a commitment template id'),
      name: localized,
      text: localized,
      context: text,
      terms: z.array(duration).min(1, 'a commitment template offers at least one term'),
      recipientDomain: text,
      legalBasis,
    }),
  ),
});
