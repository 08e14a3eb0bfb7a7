import { z } from 'zod';
import { SUBJECT_KINDS } from '../domain/subject.js';
import { catalogId, legalBasis, localized } from './schema-parts.js';

/** The zod schema of memberships.yaml: the membership relation kinds of the catalog (issue 22). */

const subjectClass = z.strictObject({
  kinds: z
    .array(z.enum(SUBJECT_KINDS, { error: `a subject kind is ${SUBJECT_KINDS.join(', ')}` }))
    .min(1, 'name at least one subject kind'),
  uscc: z
    .array(
      z
        .string({ error: 'a USCC class is text' })
        .regex(
          /^[0-9A-HJ-NP-RT-UW-Y][0-9A-HJ-NP-RT-UW-Y]$/,
          'a USCC class is positions 1-2 of a USCC: registration authority and entity type, e.g. N2',
        ),
    )
    .min(1, 'name at least one USCC class')
    .optional(),
  label: localized,
  plural: localized,
});

export const membershipsFileSchema = z.strictObject({
  memberships: z.array(
    z.strictObject({
      id: catalogId('a membership id'),
      name: localized,
      description: localized,
      legalBasis,
      group: subjectClass,
      members: subjectClass,
      writers: z.strictObject({
        domains: z.array(z.string()).min(1, 'name the domains whose authorities record it'),
      }),
    }),
  ),
});
