import { z } from 'zod';
import type { ConsentInput } from '../services/inquiries/purpose-scope.js';
import { NonBlank } from './schemas.js';

/** One read in a subject's inquiry log, as the API returns it. */
export const InquirySchema = z
  .object({
    seq: z.number(),
    subjectId: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    authorityId: z.string().nullable(),
    purpose: z.string(),
    at: z.string(),
    read: z.object({ recordIds: z.array(z.string()), restricted: z.array(z.string()) }),
    consent: z
      .object({ document: z.string(), date: z.string(), scope: z.string() })
      .nullable()
      .describe('the subject’s consent the read rests on (consent-based purposes); else null'),
  })
  .meta({ id: 'Inquiry' });

/** The purpose a read is made for and, for a consent-based purpose, the subject's consent. */
export const PurposeQuery = z.object({
  purpose: NonBlank.min(1).max(64).describe('a catalog inquiry purpose'),
  consentDocument: z
    .string()
    .max(128)
    .optional()
    .describe('the id of the subject’s written consent (consent-based purposes)'),
  consentDate: z.string().max(10).optional().describe('the day consent was given, YYYY-MM-DD'),
  consentScope: z.string().max(500).optional().describe('what the consent allows'),
});

/** The consent parts of a purpose query, as the inquiry services take them. */
export const consentOf = (query: {
  consentDocument?: string | undefined;
  consentDate?: string | undefined;
  consentScope?: string | undefined;
}): ConsentInput => ({
  document: query.consentDocument,
  date: query.consentDate,
  scope: query.consentScope,
});
