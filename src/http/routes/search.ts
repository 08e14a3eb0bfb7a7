import { z } from 'zod';
import { LIST_COLOURS } from '../../domain/catalog.js';
import { SUBJECT_KINDS } from '../../domain/subject.js';
import { searchSubjects } from '../../services/search/search.service.js';
import { DEFAULT_THRESHOLD, MAX_BATCH, screen } from '../../services/search/screening.service.js';
import { ANY_ACCOUNT, ANYONE } from '../access.js';
import { accountOf } from '../auth.js';
import { DateString, errors, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { readingDeps } from '../standby-reads.js';

const PublicIdentifier = z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() });

const HitSchema = z
  .object({
    kind: z.enum(SUBJECT_KINDS),
    name: z.string(),
    names: z.array(z.string()),
    identifiers: z.array(PublicIdentifier),
    region: z.string().nullable(),
    regionName: z.string().nullable(),
    score: z.number().describe('0 to 1; 1 for an identifier'),
    matched: z.string().describe('the name that matched'),
    reasons: z.array(z.string()),
    close: z
      .boolean()
      .describe(
        'a close match: the identifier, a whole name exactly or a few edits away, or every token of the query found in the name; false when the name shares only part of the query',
      ),
    listed: z.boolean().describe('a list entry is in force today'),
    colours: z
      .array(z.enum(LIST_COLOURS))
      .describe(
        'the colours of the lists with an entry in force today, black first: black and warning lists are adverse, a red list commends',
      ),
  })
  .meta({ id: 'SearchHit' });

const CandidateSchema = z
  .object({
    kind: z.enum(SUBJECT_KINDS),
    name: z.string(),
    identifiers: z.array(PublicIdentifier),
    region: z.string().nullable(),
    score: z.number(),
    hit: z.boolean().describe('the score is at or above the threshold'),
    namesakes: z
      .number()
      .int()
      .optional()
      .describe('for a person: how many persons on file carry this name, this one included'),
    features: z.array(
      z.object({
        feature: z.enum(['name', 'identifier', 'date', 'region']),
        outcome: z.enum(['match', 'conflict', 'unknown', 'similar']),
        effect: z.number().describe('what the feature added to the score'),
        detail: z.string(),
      }),
    ),
    listEntries: z.array(
      z.object({
        listType: z.string(),
        listName: z.string(),
        colour: z.string(),
        effectiveFrom: z.string().nullable(),
        endsOn: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'ScreeningCandidate' });

/** Search (SPEC 4.9): by identifier or by name, fuzzily, for anyone; persons masked. */
export const searchRoutes: RegisterRoutes = (app, { deps, queries: quota, screeningLimit }) => {
  app.get(
    '/v1/search',
    {
      config: { access: ANYONE, reads: 'standby' },
      schema: {
        tags: ['search'],
        summary: 'Find subjects by identifier or by name, best first, each with why it matched',
        description:
          'A valid identifier (even full-width) answers exactly its subject. A name is matched in Chinese, pinyin (full or initials), Latin or English, with typos, full-width forms, traditional characters and other legal forms or regions; the score and reasons are explained in the README.',
        querystring: z.object({
          q: NonBlank.min(1).max(200),
          kind: z.enum(SUBJECT_KINDS).optional(),
          region: z
            .string()
            .regex(/^\d{2,6}$/, 'a region is a division code or its prefix, 2 to 6 digits')
            .optional(),
          listed: z.enum(['true', 'false']).optional(),
          colour: z
            .enum(LIST_COLOURS)
            .optional()
            .describe('only subjects with an entry in force today on a list of this colour'),
          limit: z.coerce.number().int().min(1).max(100).default(10),
        }),
        response: { 200: z.object({ items: z.array(HitSchema) }), ...errors() },
      },
    },
    async (request) => {
      const { q, kind, region, listed, colour, limit } = request.query;
      const items = await searchSubjects(readingDeps(deps, request), {
        q,
        limit,
        ...(kind ? { kind } : {}),
        ...(region ? { region } : {}),
        ...(listed ? { listed: listed === 'true' } : {}),
        ...(colour ? { colour } : {}),
      });
      return { items };
    },
  );

  app.post(
    '/v1/screening',
    {
      // its own group of the request limit; its queries are counted by the screening quota
      config: { access: ANY_ACCOUNT, rateLimit: screeningLimit, reads: 'standby' },
      schema: {
        tags: ['search'],
        summary: 'Screen a batch of subjects by example: scored candidates, feature by feature',
        description: `Each query gives a name and/or identifiers, and optionally a birth date, region and kind. An identifier that names a subject decides; otherwise the name finds candidates, a conflicting identifier, birth date or birth year lowers the score by 0.3 and another province by 0.1; for persons, every namesake of the best hit is ranked by the region and birth date or year the query gives, and each person candidate says how many persons carry its name (namesakes). Candidates at or above the threshold (default ${DEFAULT_THRESHOLD}) are hits; each comes with its list entries in force. Persons are screened only for a \`purpose\` (SPEC 4.9): without one a query about a person is refused (SCREEN_PURPOSE_REQUIRED) and no person is a candidate; with one, each person answered lands in its inquiry log. Rate limits: a screening request counts against a request limit of its own, apart from the account's other requests, and each query in it against the account's screening quota (CREDENCE_SCREENING_QUERIES a minute, shared with reconciliation); past it a batch is refused whole with SCREENING_RATE_LIMITED and Retry-After.`,
        body: z.object({
          queries: z
            .array(
              z.object({
                name: z.string().max(200).optional(),
                identifiers: z.array(NonBlank.min(1).max(64)).max(5).optional(),
                birthDate: DateString.optional(),
                birthYear: z
                  .number()
                  .int()
                  .min(1900)
                  .max(2100)
                  .optional()
                  .describe('a person’s birth year, where the whole date is not known'),
                region: z
                  .string()
                  .regex(/^\d{2,6}$/)
                  .optional(),
                kind: z.enum(SUBJECT_KINDS).optional(),
              }),
            )
            .min(1)
            .max(MAX_BATCH),
          threshold: z.number().min(0).max(1).optional(),
          purpose: z
            .string()
            .min(1)
            .max(64)
            .optional()
            .describe(
              'a catalog purpose the caller’s role may state: required to screen persons (a query with kind person, a birth date or a person’s identifier); without one, persons are no candidates. Each person answered lands in its inquiry log.',
            ),
          consentDocument: z
            .string()
            .max(128)
            .optional()
            .describe('the id of the person’s written consent (consent-based purposes, one query)'),
          consentDate: DateString.optional().describe('the day consent was given'),
          consentScope: z.string().max(500).optional().describe('what the consent allows'),
        }),
        response: {
          200: z.object({
            results: z.array(
              z.object({ threshold: z.number(), candidates: z.array(CandidateSchema) }),
            ),
          }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const { queries, threshold, purpose, consentDocument, consentDate, consentScope } =
        request.body;
      const reader = accountOf(request);
      await quota.take(reader.id, queries.length);
      const consent = { document: consentDocument, date: consentDate, scope: consentScope };
      const access = { reader, consent, ...(purpose === undefined ? {} : { purpose }) };
      return { results: await screen(readingDeps(deps, request), queries, access, threshold) };
    },
  );
};
