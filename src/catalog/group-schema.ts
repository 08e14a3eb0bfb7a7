import { z } from 'zod';
import { modelHeaderShape, subjectKinds } from './rating-schema.js';
import { catalogId, duration, localized } from './schema-parts.js';

/**
 * The zod schema of a group model file (rating-models/<id>.yaml, kind: group, issue 22). Keys
 * are the camelCase names of GroupModel in src/domain/rating-model.ts; the references (the
 * membership, the member model and its grade) are checked in group-checks.ts.
 */

const grade = z
  .string({ error: 'a grade must be a string' })
  .regex(/^[A-Z][A-Za-z0-9+-]*$/, 'a grade starts with a capital letter, e.g. A, AA, B+');

const band = z.strictObject({ grade, label: localized });

export const groupModelSchema = z.strictObject({
  id: catalogId('a rating model id'),
  kind: z.literal('group'),
  ...modelHeaderShape,
  appliesTo: z.strictObject({ subjectKinds }),
  membership: catalogId('a membership id'),
  membersAtOrAbove: z.strictObject({
    model: catalogId('a rating model id'),
    grade,
    share: z
      .number({ error: 'share is a number from 0 to 1 (0.6: 60%)' })
      .gt(0, 'share is more than 0')
      .max(1, 'share is at most 1 (all members)')
      .refine(
        (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-9,
        'share is in whole percent (0.6, 0.75)',
      ),
    minMembers: z.int('minMembers is a whole number').positive('minMembers is at least 1'),
    ratedWithin: duration,
  }),
  grades: z
    .array(band)
    .length(2, 'a group model has two grades, best first: met, and not (yet) met'),
});
