import { z } from 'zod';
import { parseDuration } from '../domain/dates.js';

/** The pieces every catalog file schema is made of: ids, texts, durations, legal bases. */

const ID_RE = /^[a-z][a-z0-9_]*$/;

export const catalogId = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .regex(ID_RE, `${what} is lower-case letters, digits and underscores, starting with a letter`);

export const duration = z
  .string({ error: 'a duration is a string like P3M or P1Y' })
  .check((ctx) => {
    if (parseDuration(ctx.value) === null) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `"${ctx.value}" is not an ISO 8601 duration of years, months and days (e.g. P3M, P1Y)`,
      });
    }
  });

export const text = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');
export const localized = z.strictObject({ zh: text, en: text });

export const legalBasisItems = z.array(z.strictObject({ title: text, provision: text.optional() }));
// a missing or empty list is reported by the cross-checks with the rule it breaks
export const legalBasis = legalBasisItems.default([]);
