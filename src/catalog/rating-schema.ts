import { z } from 'zod';
import type { SubjectCondition } from '../domain/rating-model.js';
import { hasHundredths } from '../domain/ratings/hundredths.js';
import { SUBJECT_KINDS } from '../domain/subject.js';
import { catalogId, duration, legalBasis, localized, text } from './schema-parts.js';

/**
 * The zod schema of a points model file (rating-models/<id>.yaml, kind: points). Keys are
 * the camelCase names of src/domain/rating-model.ts, so a parsed file is a `PointsModel`.
 * References (record types, fields, list types, grades) are checked in rating-checks.ts.
 */

const id = catalogId;
const dateField = z.enum(['decision_date', 'effective_date', 'end_date'], {
  error: 'a date is decision_date, effective_date or end_date',
});
const grade = z
  .string({ error: 'a grade must be a string' })
  .regex(/^[A-Z][A-Za-z0-9+-]*$/, 'a grade starts with a capital letter, e.g. A, AA, B+');

/** points and scores: numbers with at most 2 decimal places, kept exact as hundredths */
const points = z.number({ error: 'must be a number' }).check((ctx) => {
  if (!hasHundredths(ctx.value))
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${ctx.value} has more than 2 decimal places (points are kept in hundredths)`,
    });
});
const factor = points.pipe(z.number().min(0, 'a factor is 0 to 1').max(1, 'a factor is 0 to 1'));

const fieldCondition = z.strictObject({
  field: z.string().min(1),
  in: z.array(text).min(1, 'in needs at least one value').optional(),
  notIn: z.array(text).min(1, 'notIn needs at least one value').optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

const recordSelectorShape = {
  recordType: z.string({ error: 'recordType must be a string' }).min(1),
  conditions: z.array(fieldCondition).default([]),
  unless: z.array(fieldCondition).min(1, 'unless needs at least one condition').optional(),
  date: dateField.optional(),
  within: duration.optional(),
};
const recordSelector = z.strictObject(recordSelectorShape);
const entrySelector = z.strictObject({
  listTypes: z.array(z.string()).min(1, 'name at least one list type'),
});

const subjectCondition: z.ZodType<SubjectCondition> = z.lazy(() =>
  z.strictObject({
    all: z.array(subjectCondition).min(1, 'all needs at least one condition').optional(),
    any: z.array(subjectCondition).min(1, 'any needs at least one condition').optional(),
    not: subjectCondition.optional(),
    records: z
      .strictObject({
        ...recordSelectorShape,
        atLeast: z.int('atLeast is a whole number').positive().optional(),
      })
      .optional(),
    listed: z.array(z.string()).min(1, 'name at least one list type').optional(),
    newSubject: z.boolean().optional(),
    subjectAge: z
      .strictObject({ under: duration.optional(), atLeast: duration.optional() })
      .optional(),
    score: z.strictObject({ min: points.optional(), below: points.optional() }).optional(),
  }),
);

const ruleHeader = { id: id('a rule id'), label: localized, basis: localized };

const decay = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('step'),
      steps: z
        .array(z.strictObject({ after: duration, factor }))
        .min(1, 'a step decay needs at least one step'),
    }),
    z.strictObject({ kind: z.literal('linear'), after: duration.optional(), until: duration }),
  ],
  { error: 'decay kind is step or linear' },
);

const pointsRule = z.strictObject({
  ...ruleHeader,
  records: recordSelector.optional(),
  entries: entrySelector.optional(),
  points,
  per: z
    .strictObject({
      field: z.string().min(1).optional(),
      unit: z.int('unit is a whole number (minor units for money)').positive().optional(),
      round: z.enum(['down', 'up'], { error: 'round is down or up' }).optional(),
      duration: duration.optional(),
      from: dateField.optional(),
      to: dateField.optional(),
    })
    .optional(),
  cap: points.pipe(z.number().positive('a cap is a positive number of points')).optional(),
  decay: decay.optional(),
  repeat: z.array(points).min(1, 'repeat lists the points of the second occurrence on').optional(),
});

const previousMatch = z.strictObject({
  grades: z.array(grade).min(1, 'name at least one grade'),
  by: z
    .enum(['score', 'direct', 'special'], { error: 'by is score, direct or special' })
    .optional(),
});

const carryOver = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ ...ruleHeader, kind: z.literal('points'), from: previousMatch, points }),
    z.strictObject({
      ...ruleHeader,
      kind: z.literal('hold'),
      from: previousMatch,
      periods: z.int('periods is a whole number').min(2, 'a hold lasts at least 2 periods'),
      thenCeiling: grade.optional(),
    }),
    z.strictObject({ ...ruleHeader, kind: z.literal('ceiling'), from: previousMatch, grade }),
  ],
  { error: 'carry-over kind is points, hold or ceiling' },
);

const period = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('calendar_year') }),
    z.strictObject({ kind: z.literal('quarter') }),
    z.strictObject({ kind: z.literal('rolling'), duration }),
  ],
  { error: 'period kind is calendar_year, quarter or rolling (with a duration)' },
);

/** What a points or group model file says about itself after its id and kind (RatingModelHeader). */
export const modelHeaderShape = {
  version: z
    .string({
      error:
        'version must be a string: quote it (version: "2026.1") so YAML does not read a number',
    })
    .min(1),
  name: localized,
  description: localized,
  legalBasis,
  status: z.enum(['draft', 'published'], { error: 'status is draft or published' }),
  public: z.boolean({ error: 'public is true or false: whether results are public' }),
};

/** the subject kinds a model rates */
export const subjectKinds = z
  .array(z.enum(SUBJECT_KINDS, { error: `a subject kind is ${SUBJECT_KINDS.join(', ')}` }))
  .min(1, 'name at least one subject kind');

export const pointsModelSchema = z.strictObject({
  id: id('a rating model id'),
  kind: z.literal('points'),
  ...modelHeaderShape,
  appliesTo: z.strictObject({ subjectKinds, when: subjectCondition.optional() }),
  period,
  startScore: z
    .array(
      z.strictObject({
        id: id('a start score id'),
        label: localized,
        points,
        when: subjectCondition.optional(),
      }),
    )
    .min(1, 'give a start score'),
  rules: z.array(pointsRule).default([]),
  directGrades: z
    .array(
      z.strictObject({
        ...ruleHeader,
        grade,
        records: recordSelector.optional(),
        entries: entrySelector.optional(),
      }),
    )
    .default([]),
  grades: z
    .array(
      z.strictObject({
        grade,
        label: localized.optional(),
        min: points.optional(),
        below: points.optional(),
      }),
    )
    .min(1, 'give at least one grade band'),
  specialGrades: z
    .array(z.strictObject({ ...ruleHeader, grade, when: subjectCondition }))
    .default([]),
  ceilings: z.array(z.strictObject({ ...ruleHeader, grade, when: subjectCondition })).default([]),
  carryOver: z.array(carryOver).default([]),
  sharedCaps: z
    .array(
      z.strictObject({
        ...ruleHeader,
        rules: z.array(id('a rule id')).min(2, 'a shared cap names at least two rules'),
        cap: points.pipe(z.number().positive('a cap is a positive number of points')),
      }),
    )
    .optional(),
  scoreRange: z.strictObject({ min: points.optional(), max: points.optional() }).optional(),
});
