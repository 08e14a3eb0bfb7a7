import { z } from 'zod';
import { RELATION_KINDS, SUBJECT_KINDS } from '../../domain/subject.js';
import { CredenceError, isCredenceError } from '../../errors.js';
import { publicLookupJson } from '../../services/disclosure/public-lookup.service.js';
import {
  findReadableSubject,
  inquireFile,
  OWN_PURPOSE,
} from '../../services/inquiries/inquiry.service.js';
import { ownReport } from '../../services/reports/own-report.service.js';
import { renderReportHtml, REPORT_POLICY } from '../../services/reports/report-html.js';
import { langOfHeader } from '../../services/reports/report-lang.js';
import { addRelation, registerSubject } from '../../services/subjects/subjects.service.js';
import { writeScopeOf } from '../../services/subjects/subject-scope.js';
import { ANY_ACCOUNT, ANYONE } from '../access.js';
import { consentOf, InquirySchema, PurposeQuery } from '../inquiry-schemas.js';
import { accountOf } from '../auth.js';
import { decodeCursor, nextCursor } from '../cursor.js';
import {
  AsOfQuery,
  DateString,
  errors,
  IdentifierParam,
  JsonObject,
  LayerSchema,
  LegalBasisSchema,
  LocalizedSchema as Localized,
  NonBlank,
  page,
  PageQuery,
} from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { publicRepresentatives } from '../../services/disclosure/public-representatives.service.js';
import { readingDeps } from '../standby-reads.js';
import { LangQuery } from './reports.js';

const PublicRatingReasonSchema = z
  .object({
    basis: z
      .enum(['score', 'direct', 'special'])
      .describe('by score, set directly by a rule, or a special grade'),
    scoreGrade: z
      .string()
      .nullable()
      .describe('the band of the score alone: not the grade when a rule set or bounded it'),
    steps: z.array(
      z.object({
        kind: z.enum([
          'start',
          'rule',
          'carry_over',
          'cap',
          'range',
          'direct',
          'special',
          'ceiling',
        ]),
        rule: z.string(),
        label: Localized,
        points: z.number().nullable(),
        uncapped: z.number().nullable().describe("the rule's points before its cap cut them"),
        grade: z.string().nullable().describe('the grade a direct, special or ceiling step set'),
        evidence: z.array(
          z.object({
            kind: z.enum(['record', 'list_entry']),
            type: z.string().describe('the record type or list type'),
            date: z.string().nullable(),
            factor: z.number().describe('the decay weight applied, 1 at full weight'),
            recordId: z
              .string()
              .nullable()
              .describe('the public record it is, when that record is public today'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'PublicRatingReason' });

const PublicGroupCountSchema = z
  .object({
    membership: z.string().describe('the membership kind of the catalog, e.g. village_household'),
    plural: Localized.describe('what the members are called, e.g. households'),
    members: z.int().describe('current members'),
    atOrAbove: z
      .int()
      .describe('members holding the threshold grade or better under the member model'),
    withoutRating: z
      .int()
      .describe('members with no current rating under the member model, counted as below'),
    share: z.number().describe('atOrAbove / members, 0 to 1'),
    met: z.boolean(),
    gradeLabel: Localized,
    threshold: z.object({
      model: z.string(),
      modelName: Localized,
      grade: z.string(),
      share: z.number().describe('0 to 1'),
      minMembers: z.int(),
      ratedWithin: z
        .string()
        .describe("an ISO 8601 duration: older members' ratings count as none"),
    }),
  })
  .describe("a group rating's count and share (issue 22); never a member's identity or grade")
  .meta({ id: 'PublicGroupCount' });

/** A public record as a subject's public view shows it. */
export const PublicRecordSchema = z
  .object({
    recordId: z.string(),
    type: z.string(),
    typeName: z.string(),
    authority: z.string(),
    legalBasis: z.string(),
    documentNumber: z.string().nullable(),
    decisionDate: z.string(),
    effectiveDate: z.string().nullable(),
    facts: z.string().nullable(),
    severity: z.string().nullable(),
    fields: z.record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
    ),
    publicUntil: z.string().nullable(),
    corrected: z.boolean(),
    disputed: z.boolean(),
    layer: LayerSchema.nullable(),
  })
  .meta({ id: 'PublicRecord' });

export const PublicViewSchema = z
  .object({
    asOf: z.string(),
    subject: z.object({
      kind: z.enum(SUBJECT_KINDS),
      name: z.string(),
      names: z.array(z.object({ name: z.string(), lang: z.string(), current: z.boolean() })),
      identifiers: z.array(
        z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() }),
      ),
      region: z.string().nullable(),
      regionName: z.string().nullable(),
      registrationAuthority: z
        .object({ zh: z.string(), en: z.string() })
        .nullable()
        .describe('the registration authority an organization’s USCC names; null for a person'),
    }),
    records: z.array(PublicRecordSchema),
    listEntries: z.array(
      z.object({
        entryId: z.string(),
        listType: z.string(),
        listName: z.string(),
        colour: z.string(),
        authority: z.string(),
        circumstance: z.string().nullable(),
        effectiveFrom: z.string().nullable(),
        endsOn: z.string().nullable(),
        legalBasis: z.array(LegalBasisSchema),
        disputed: z.boolean(),
        layer: LayerSchema.nullable(),
      }),
    ),
    ratings: z.array(
      z.object({
        modelId: z.string(),
        modelVersion: z.string(),
        asOf: z.string(),
        score: z.number().nullable(),
        grade: z.string(),
        explanation: z.array(z.string()),
        reason: PublicRatingReasonSchema,
        group: PublicGroupCountSchema.nullable(),
        layer: LayerSchema.nullable(),
      }),
    ),
  })
  .meta({ id: 'PublicView' });

export const SubjectSchema = z
  .object({
    id: z.string(),
    kind: z.enum(SUBJECT_KINDS),
    region: z.string().nullable(),
    identifiers: z.array(JsonObject),
    names: z.array(JsonObject),
    relations: z.array(JsonObject),
    createdAt: z.string(),
  })
  .meta({ id: 'Subject' });

const SubjectClaimBody = z.object({
  subject_identifier: NonBlank.min(1).max(64),
  subject_scheme: z.string().max(16).optional(),
  subject_kind: z.enum(SUBJECT_KINDS).optional(),
  subject_name: NonBlank.min(1).max(300),
  subject_name_en: z.string().max(300).optional(),
  subject_region: z.string().max(6).optional(),
});

const FURNISHERS = ['operator', 'furnisher'] as const;

/** the printable report's language: as asked, else the first of zh and en the reader accepts */
const langOf = (request: {
  query: { lang?: 'zh' | 'en' | undefined };
  headers: { 'accept-language'?: string | undefined };
}) => request.query.lang ?? langOfHeader(request.headers['accept-language']);
const JSON_UTF8 = 'application/json; charset=utf-8';

/** Subjects: the public view, registration and relations, the full file for a purpose, the inquiry log. */
export const subjectRoutes: RegisterRoutes = (app, { deps, lookups }) => {
  const tags = ['subjects'];
  app.get(
    '/v1/subjects/:identifier',
    {
      config: { access: ANYONE, reads: 'standby' },
      schema: {
        tags,
        summary: "A subject's public view",
        description:
          "Names; organization identifiers in full and a person's masked to its region code; public records inside their window; effective list entries with circumstances and legal basis; public ratings. A view as of a past date (asOf) shows of that day's records and entries only those still public today. An organization is found by its identifier alone; a person only by the full identifier together with one of its names (`name`): an identifier no one carries and a name that does not fit are the same 404. Lookups that find no subject are limited per address (CREDENCE_LOOKUP_MISSES in CREDENCE_LOOKUP_WINDOW seconds); past the limit every lookup of the address is a 429 with Retry-After.",
        params: IdentifierParam,
        querystring: AsOfQuery.extend({
          name: z
            .string()
            .max(300)
            .optional()
            .describe("a person's name, required with a person's identifier"),
        }),
        response: { 200: PublicViewSchema, ...errors(404) },
      },
    },
    // the view's JSON text as saved (or computed), sent as it is: a string with a JSON type
    // skips the serializer, and the service writes the keys in the schema's order
    async (request, reply) => {
      await lookups.check(request.ip);
      const { name, asOf } = request.query;
      const reading = readingDeps(deps, request);
      const text = await publicLookupJson(reading, request.params.identifier, name, asOf).catch(
        async (error: unknown) => {
          if (isCredenceError(error) && error.code === 'SUBJECT_NOT_FOUND')
            await lookups.miss(request.ip);
          throw error;
        },
      );
      return reply.type(JSON_UTF8).send(text as never);
    },
  );

  app.get(
    '/v1/subjects/:identifier/representatives',
    {
      config: { access: ANYONE, reads: 'standby' },
      schema: {
        tags,
        summary: "An organization's legal representative and principal",
        description:
          "The legal representative and principal in force today, by name, as the organization's registration publishes them; a person's number is never shown. Organizations only: a person's identifier answers as one no one carries (404). Misses count toward the public lookup's limit per address.",
        params: IdentifierParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                kind: z.enum(RELATION_KINDS),
                name: z.string(),
                since: z.string().nullable().describe('the day the relation began, where known'),
              }),
            ),
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      await lookups.check(request.ip);
      const items = await publicRepresentatives(
        readingDeps(deps, request),
        request.params.identifier,
      ).catch(async (error: unknown) => {
        if (isCredenceError(error) && error.code === 'SUBJECT_NOT_FOUND')
          await lookups.miss(request.ip);
        throw error;
      });
      return { items };
    },
  );

  app.post(
    '/v1/subjects',
    {
      config: { access: FURNISHERS },
      schema: {
        tags,
        summary: 'Register a subject',
        description:
          "The kind and region a USCC or resident ID encodes are the subject's (a subject_kind or subject_region that contradicts them is refused); a furnisher registers only subjects in its authority's regions.",
        body: SubjectClaimBody,
        response: { 201: SubjectSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      const scope = await writeScopeOf(deps, account);
      return reply.code(201).send(await registerSubject(deps, request.body, account.id, scope));
    },
  );

  app.post(
    '/v1/subjects/:identifier/relations',
    {
      config: { access: FURNISHERS },
      schema: {
        tags,
        summary: 'Record that another subject stands in a relation to this organization',
        description:
          "A legal representative, principal or actual controller (relations through which measures reach a person) comes only from an operator or a market-registration authority whose regions cover the organization's, and names its basis document; a shareholder comes from any authority whose regions cover the organization. A membership (a catalog membership kind: a household of a village, a village of a township) comes from an operator or an authority of the membership's domains whose regions cover the group's; the group's USCC must say it is of the membership's class, the member must be of the member class, and memberships form no cycle. A membership carries no listing or measure to anyone: only group rating models read it, as counts. The same relation (kind, organization and other subject) is recorded once while it has not ended: a second is refused with RELATION_DUPLICATE (409) and writes nothing.",
        params: IdentifierParam,
        body: z.object({
          kind: z
            .string()
            .min(1)
            .max(64)
            .describe(
              `one of ${RELATION_KINDS.join(', ')}, or a membership kind of the catalog (memberships.yaml, e.g. village_household: the other subject is a member household of this village)`,
            ),
          other: NonBlank.min(1).max(64),
          basis: NonBlank.min(1)
            .max(300)
            .optional()
            .describe(
              'the document the relation rests on, e.g. the number of the registration that names the legal representative',
            ),
        }),
        response: { 204: z.null(), ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      const scope = await writeScopeOf(deps, account);
      const input = { subject: request.params.identifier, ...request.body };
      await addRelation(deps, input, account.id, scope);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/subjects/:identifier/file',
    {
      config: { access: ANY_ACCOUNT },
      schema: {
        tags,
        summary: 'The full file, read for a catalog purpose; the read lands in the inquiry log',
        description: `Restricted records show only where the purpose covers their type. A subject reads its own file with purpose ${OWN_PURPOSE} (the default for a subject's account). A purpose serves only the domains and jurisdiction the catalog names (PURPOSE_OUT_OF_SCOPE otherwise, and nothing is logged; a person outside the jurisdiction is the same 404 as a number no one carries); a consent-based purpose (loan_approval, employment_consent) needs consentDocument, consentDate and consentScope, recorded with the inquiry and shown to the subject.`,
        params: IdentifierParam,
        querystring: PurposeQuery.partial({ purpose: true }).extend({
          asOf: DateString.optional(),
        }),
        response: {
          200: z.object({
            asOf: z.string(),
            purpose: z.string(),
            withheld: z.number(),
            subject: SubjectSchema,
            items: z.array(JsonObject),
            listEntries: z.array(JsonObject),
            measures: z.array(JsonObject),
            ratings: z.array(JsonObject),
            inquiry: InquirySchema,
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const reader = accountOf(request);
      const purpose =
        request.query.purpose ?? (reader.role === 'subject' ? OWN_PURPOSE : undefined);
      if (!purpose)
        throw new CredenceError('PURPOSE_UNKNOWN', 'state the purpose of the inquiry', {
          field: 'query.purpose',
        });
      const { asOf, ...rest } = request.query;
      const file = await inquireFile(deps, {
        reader,
        identifier: request.params.identifier,
        purpose,
        ...(asOf ? { asOf } : {}),
        consent: consentOf(rest),
      });
      return file;
    },
  );

  app.get(
    '/v1/subjects/:identifier/inquiries',
    {
      config: { access: ['operator', 'subject'] },
      schema: {
        tags,
        summary: 'Who read the full file, when, and for what purpose',
        params: IdentifierParam,
        querystring: PageQuery,
        response: { 200: page(InquirySchema), ...errors(404) },
      },
    },
    async (request) => {
      const reader = accountOf(request);
      const subject = await findReadableSubject(deps, reader, request.params.identifier);
      const { limit, cursor } = request.query;
      const items = await deps.store.listInquiries(subject.id, decodeCursor(cursor, 0), limit);
      return { items, next: nextCursor(items, limit, (i) => i.seq) };
    },
  );

  const report = (
    request: { params: { identifier: string }; query: { asOf?: string | undefined } } & Parameters<
      typeof accountOf
    >[0],
  ) => ownReport(deps, accountOf(request), request.params.identifier, request.query.asOf);
  const reportSchema = (summary: string, body: z.ZodType) => ({
    tags,
    summary,
    description: 'Read as an inquiry under subject_own, so it lands in the inquiry log it shows.',
    params: IdentifierParam,
    querystring: AsOfQuery,
    response: { 200: body, ...errors(404) },
  });

  app.get(
    '/v1/subjects/:identifier/report',
    {
      config: { access: ['operator', 'subject'] },
      schema: reportSchema(
        'The subject’s own report: every record, list entries, measures, ratings and the inquiry log',
        z.object({
          asOf: z.string(),
          generatedAt: z.string(),
          subject: SubjectSchema,
          items: z.array(JsonObject),
          listEntries: z.array(JsonObject),
          measures: z.array(JsonObject),
          ratings: z.array(JsonObject),
          inquiries: z.array(InquirySchema),
          objections: z.array(JsonObject),
          repairs: z.array(JsonObject),
          ratingHistory: z
            .array(
              z.object({
                modelId: z.string(),
                modelVersion: z.string(),
                asOf: z.string(),
                score: z.number().nullable(),
                grade: z.string(),
                runId: z.string().nullable(),
              }),
            )
            .describe('every published rating, oldest first: the score history per model'),
        }),
      ),
    },
    async (request) => report(request),
  );

  app.get(
    '/v1/subjects/:identifier/report/printable',
    {
      config: { access: ['operator', 'subject'] },
      schema: {
        ...reportSchema('The own report as a printable HTML page', z.string()),
        querystring: AsOfQuery.extend(LangQuery.shape),
      },
    },
    // a person's whole file: run nothing, load nothing, be framed by no one, kept by no cache
    async (request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', REPORT_POLICY)
        .header('x-frame-options', 'DENY')
        .header('cache-control', 'no-store')
        .header('content-language', langOf(request))
        .send(renderReportHtml(await report(request), deps.catalog, langOf(request))),
  );
};
