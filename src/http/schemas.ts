import { z } from 'zod';
import { isIsoDate } from '../domain/dates.js';
import { ERRORS, type ErrorCode } from '../errors.js';

/** Request and response pieces shared by route modules. */

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
      field: z.string().optional(),
      rule: z.string().describe('the rule broken, in English (the catalog statement)'),
      ruleZh: z
        .string()
        .describe('the same rule in Chinese, for a reader in Chinese; `message` stays English'),
      message: z.string(),
      problems: z.array(z.string()).optional(),
      problemsZh: z
        .array(z.string())
        .optional()
        .describe('`problems` in the same order, each rule in Chinese (the code kept)'),
      possibleFrom: z
        .string()
        .optional()
        .describe('REPAIR_TOO_EARLY: the first day an application can be made'),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** The error responses every route may give, for the document. */
export const errors = (...statuses: number[]) =>
  Object.fromEntries([400, 401, 403, 429, ...statuses].map((s) => [s, ErrorSchema]));

/** Text that says something: a character other than white space (minLength alone lets "  " in). */
export const NonBlank = z.string().regex(/\S/, 'must hold a character that is not white space');

export const IdentifierParam = z.object({
  identifier: NonBlank.min(1)
    .max(64)
    .describe('a USCC, resident ID number, LEI, passport or legacy registration number'),
});
export const IdParam = z.object({ id: NonBlank.min(1).max(128) });

/** A real calendar date written YYYY-MM-DD (the one rule, domain/dates.ts); else DATE_INVALID. */
export const DateString = z
  .string()
  .refine(isIsoDate, {
    message: 'a date is a real calendar date written YYYY-MM-DD',
    params: { code: 'DATE_INVALID' },
  })
  .meta({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
  .describe('YYYY-MM-DD');

export const AsOfQuery = z.object({ asOf: DateString.optional() });

/** A cursor is a `next` this API gave out (base64url); any other is refused (query.cursor). */
export const Cursor = z
  .string()
  .max(200)
  .meta({ pattern: '^[A-Za-z0-9_-]+$' })
  .describe('a `next` this API gave out');

/** A page of a list that can grow: pass `next` back as `cursor` until it is null. */
export const PageQuery = z.object({
  cursor: Cursor.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable() });

/** A text a person reads, in both languages: the reader picks (issue 18). */
export const LocalizedSchema = z.object({ zh: z.string(), en: z.string() });

export const LegalBasisSchema = z.object({
  title: z.string().describe('the law’s title as published'),
  provision: LocalizedSchema.optional().describe('the article and what it says, in zh and en'),
  url: z.string().optional(),
});

/** The regional catalog layer an answer rests on (issue 22); null where only national rules apply. */
export const LayerSchema = z
  .object({
    region: z.string().describe("the layer's 6-digit division code"),
    name: z
      .object({ zh: z.string(), en: z.string() })
      .describe('e.g. 荣成市规则 / Rongcheng city rules'),
  })
  .meta({ id: 'CatalogLayer' });

/** Nested detail the document does not spell out (catalog entries, explanations): JSON objects. */
export const JsonObject = z.record(z.string(), z.any());

/** Whose case it is and the facts of its item, as an officer's queue shows them (issue 18). */
export const CaseFactsSchema = {
  subject: z
    .object({
      kind: z.string().nullable(),
      name: z.string(),
      identifiers: z.array(
        z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() }),
      ),
    })
    .describe('the subject; a person’s identifier masked'),
  target: z
    .object({
      type: z.string().describe('the record type, list type or rating model'),
      date: z.string().nullable(),
      documentNumber: z.string().nullable(),
      facts: z.string().nullable(),
      state: z.string().nullable().describe('a list entry’s state'),
      grade: z.string().nullable().describe('a rating’s grade'),
    })
    .nullable()
    .describe('the facts of the item the case is about'),
};
