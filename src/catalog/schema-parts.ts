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

/** a text in one language of a localized pair: a missing one is named by its language */
const textIn = (lang: 'zh' | 'en') =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `has no ${lang === 'zh' ? 'Chinese' : 'English'} text (${lang})`
          : 'must be text',
    })
    .trim()
    .min(1, 'must not be empty');

/** Every text a person reads, in Chinese and English: `{ zh: …, en: … }` (issue 18). */
export const localized = z.strictObject(
  { zh: textIn('zh'), en: textIn('en') },
  { error: 'give the text in Chinese and English: { zh: …, en: … }' },
);

/** a law's title as published (Chinese), and the provision note in both languages */
export const legalBasisItems = z.array(
  z.strictObject({ title: text, provision: localized.optional() }),
);
// a missing or empty list is reported by the cross-checks with the rule it breaks
export const legalBasis = legalBasisItems.default([]);
