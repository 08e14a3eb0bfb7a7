import { z } from 'zod';
import { catalogId, duration, legalBasis, localized, text } from './schema-parts.js';
import { LIST_COLOURS } from '../domain/catalog.js';

/**
 * Zod schemas for list type files (list-types/<id>.yaml) and measure files
 * (measures/<id>.yaml). Keys are the camelCase names of src/domain/catalog.ts, so a parsed
 * file is a `ListType` or a `Measure` as it stands. References (domains, record types,
 * fields, lists, roles) are checked in list-checks.ts.
 */

const id = catalogId;
const workingDays = z.int('a number of working days is a whole number').min(0);

const period = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('fixed'), duration }),
    z.strictObject({ kind: z.literal('until_performed') }),
  ],
  { error: 'period kind is fixed (with a duration) or until_performed' },
);

const condition = z.strictObject({
  field: z.string().min(1),
  in: z.array(text).min(1, 'in needs at least one value').optional(),
  notIn: z.array(text).min(1, 'notIn needs at least one value').optional(),
  min: z.number().optional(),
});

const criterion = z.strictObject({
  recordType: z.string().min(1),
  fromDomains: z.array(z.string()).min(1).optional(),
  conditions: z.array(condition).default([]),
});

export const listTypeSchema = z.strictObject({
  id: id('a list type id'),
  name: localized,
  description: localized,
  colour: z.enum(LIST_COLOURS, { error: 'colour is black, red or warning' }),
  owningDomain: z.string(),
  legalBasis,
  designation: z.enum(['decided', 'automatic', 'escalation'], {
    error: 'designation is decided, automatic or escalation',
  }),
  // at least one, except on a list designated by escalation only (list-checks.ts)
  criteria: z.array(criterion).default([]),
  noticeWorkingDays: workingDays,
  period,
  periodByField: z
    .strictObject({ field: z.string(), periods: z.record(z.string(), period) })
    .optional(),
  extensions: z
    .strictObject({ min: duration, max: duration, times: z.int().positive() })
    .optional(),
  earlyRemoval: z.strictObject({ minServed: duration, conditions: localized }).optional(),
  removalOnPerformance: z
    .strictObject({
      field: z.string(),
      values: z.array(text).min(1),
      deadlineWorkingDays: workingDays,
    })
    .optional(),
  escalation: z
    .strictObject({
      after: duration,
      to: z.string(),
      bars: z.strictObject({ roles: z.array(z.string()).min(1), list: z.string() }).optional(),
    })
    .optional(),
  reaches: z.array(z.string()).default([]),
});

/** `area.action`, e.g. rail.g_train_ticket */
const ACTION_RE = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

export const measureSchema = z.strictObject({
  id: id('a measure id'),
  name: localized,
  description: localized,
  kind: z.enum(['restriction', 'management', 'market', 'incentive'], {
    error: 'kind is restriction, management, market or incentive',
  }),
  lists: z.array(z.string()).min(1, 'name at least one list type that triggers the measure'),
  reaches: z.array(z.string()).min(1, 'name whom the measure reaches: subject and/or roles'),
  implementingDomain: z.string(),
  legalBasis,
  actions: z
    .array(z.string().regex(ACTION_RE, 'an action code is area.action, e.g. rail.g_train_ticket'))
    .min(1, 'name at least one action code the measure governs'),
  effect: z.enum(['deny', 'review', 'fast_track'], {
    error: 'effect is deny, review or fast_track',
  }),
});
