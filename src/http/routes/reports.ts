import { z } from 'zod';
import { isCredenceError } from '../../errors.js';
import {
  issuePublicReport,
  verifyPublicReport,
} from '../../services/reports/public-report.service.js';
import { REPORT_POLICY } from '../../services/reports/report-html.js';
import { langOfHeader, REPORT_LANGS } from '../../services/reports/report-lang.js';
import { ANYONE } from '../access.js';
import { errors, IdentifierParam, NonBlank } from '../schemas.js';
import type { LookupThrottle } from '../throttle.js';
import type { RegisterRoutes } from '../types.js';

const tags = ['reports'];

export const LangQuery = z.object({
  lang: z
    .enum(REPORT_LANGS)
    .optional()
    .describe(
      "the report's language; by default the first of zh and en in Accept-Language, else zh",
    ),
});

const VerificationSchema = z
  .object({
    issuedOn: z.string().describe('the day the report was issued'),
    issuedAt: z.string(),
    lang: z.enum(REPORT_LANGS),
    organization: z.object({ name: z.string(), identifier: z.string() }),
    digest: z.string().describe('the SHA-256 of the report issued, as the audit log keeps it'),
    matches: z
      .boolean()
      .nullable()
      .describe('whether the document or digest given is the report issued; null if none given'),
  })
  .meta({ id: 'ReportVerification' });

const CodeField = NonBlank.min(1).max(64).describe('the verification code printed on the report');
const DigestField = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'the 64 lower-case hex digits of a SHA-256 hash')
  .optional()
  .describe('the SHA-256 (64 lower-case hex digits) of the report’s canonical content');

/** a miss counts against the address as the public lookup's do; past the limit every call waits */
async function throttled<T>(lookups: LookupThrottle, ip: string, run: () => Promise<T>) {
  await lookups.check(ip);
  return run().catch(async (error: unknown) => {
    if (
      isCredenceError(error) &&
      (error.code === 'REPORT_NOT_FOUND' || error.code === 'SUBJECT_NOT_FOUND')
    )
      await lookups.miss(ip);
    throw error;
  });
}

/** Public credit reports of organizations: issue one, verify one (issue 18). */
export const reportRoutes: RegisterRoutes = (app, { deps, lookups }) => {
  app.post(
    '/v1/subjects/:identifier/public-report',
    {
      config: { access: ANYONE },
      schema: {
        tags,
        summary: "Issue an organization's public credit report as a printable HTML page",
        description:
          'The public view as a document with a verification code; its SHA-256 and issue date are kept in the audit log. Only organizations: a person’s identifier is REPORT_PERSON. Identifiers that find no subject count against the address as public lookups do.',
        params: IdentifierParam,
        querystring: LangQuery,
        response: { 200: z.string(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? langOfHeader(request.headers['accept-language']);
      const issued = await throttled(lookups, request.ip, () =>
        issuePublicReport(deps, request.params.identifier, lang),
      );
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', REPORT_POLICY)
        .header('x-frame-options', 'DENY')
        .header('cache-control', 'no-store')
        .header('content-language', lang)
        .header('x-report-code', issued.code)
        .header('x-report-digest', issued.digest)
        .send(issued.html);
    },
  );

  app.get(
    '/v1/reports/verify',
    {
      config: { access: ANYONE },
      schema: {
        tags,
        summary: 'Whether a public credit report was issued with this code, when, and for whom',
        description:
          'With `digest`, also whether it is the digest of the report issued. A code never issued and a code that cannot be one are the same 404; misses count against the address as public lookups do.',
        querystring: z.object({ code: CodeField, digest: DigestField }),
        response: { 200: VerificationSchema, ...errors(404) },
      },
    },
    async (request) =>
      throttled(lookups, request.ip, () => verifyPublicReport(deps, request.query)),
  );

  app.post(
    '/v1/reports/verify',
    {
      config: { access: ANYONE },
      schema: {
        tags,
        summary: 'Check a public credit report (the document, or its digest) against its code',
        description:
          'The document is hashed as issued (line ends as LF, NFC, outer blanks trimmed): any change to it makes `matches` false.',
        body: z.object({
          code: CodeField,
          digest: DigestField,
          document: z.string().max(2_000_000).optional().describe('the report as downloaded'),
        }),
        response: { 200: VerificationSchema, ...errors(404) },
      },
    },
    async (request) => throttled(lookups, request.ip, () => verifyPublicReport(deps, request.body)),
  );
};
