import { z } from 'zod';
import type { Account } from '../../domain/account.js';
import { CredenceError } from '../../errors.js';
import {
  correctRecord,
  revokeRecord,
  submitRecords,
} from '../../services/records/records.service.js';
import { inquireRecord } from '../../services/inquiries/record-inquiry.service.js';
import type { SubmissionInput } from '../../services/records/submission.js';
import { problemsError } from '../../services/problems.js';
import { accountOf } from '../auth.js';
import { SUBJECT_KINDS } from '../../domain/subject.js';
import { consentOf, InquirySchema, PurposeQuery } from '../inquiry-schemas.js';
import { errors, IdParam, JsonObject, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

/** Rows a batch request may carry; larger sets go through an import. */
export const RECORD_BATCH_MAX = 1000;
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

/** One submission: the import columns as JSON (values are strings, numbers, booleans or string lists). */
const Submission = z
  .record(
    z.string().max(64),
    z.union([
      z.string().max(20_000),
      z.number(),
      z.boolean(),
      z.null(),
      z.array(z.string().max(2000)).max(100),
    ]),
  )
  .describe(
    'the columns of an import row, e.g. subject_identifier, type, source_ref, decision_date and the type’s fields',
  )
  .meta({ id: 'Submission' });

const RowOutcomeSchema = z
  .object({
    line: z.number(),
    status: z.enum(['created', 'unchanged', 'rejected']),
    recordId: z.string().optional(),
    subjectId: z.string().optional(),
    warnings: z.array(z.string()).optional(),
    problems: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'RowOutcome' });

const RecordVersionSchema = JsonObject.meta({ id: 'RecordVersion' });

const FURNISHER = ['furnisher'] as const;
const OFFICERS = ['operator', 'furnisher', 'decider', 'implementer'] as const;

/** A furnisher writes for its own authority: the column may be left out, never changed. */
function asFurnisher(account: Account, input: SubmissionInput): SubmissionInput {
  const own = account.authorityId;
  if (!own) throw new CredenceError('ROLE_FORBIDDEN', 'this account acts for no authority');
  const given = input.authority;
  if (given !== undefined && String(given).trim().toUpperCase() !== own) {
    throw new CredenceError('AUTHORITY_MISMATCH', `this account submits for ${own} only`, {
      field: 'authority',
    });
  }
  return { ...input, authority: own };
}

/** The version must be of a record the furnisher's authority made. */
async function ownVersion(
  deps: Parameters<RegisterRoutes>[1]['deps'],
  account: Account,
  id: string,
) {
  const version = await deps.store.getRecordVersion(id);
  if (!version)
    throw new CredenceError('RECORD_NOT_FOUND', `no record version ${id}`, { field: 'id' });
  if (version.authorityId !== account.authorityId) {
    throw new CredenceError(
      'AUTHORITY_MISMATCH',
      'only the authority that made a record changes it',
      {
        field: 'id',
      },
    );
  }
  return version;
}

/** Records: submit one or a batch, correct, revoke (SPEC 4.3); every change is a new version. */
export const recordRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['records'];
  app.post(
    '/v1/records',
    {
      config: { access: FURNISHER },
      schema: {
        tags,
        summary: 'Submit one record for the account’s authority',
        description:
          'Re-submitting the same source_ref with the same content changes nothing (200).',
        body: Submission,
        response: { 200: RowOutcomeSchema, 201: RowOutcomeSchema, ...errors(409) },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      const [outcome] = await submitRecords(deps, [asFurnisher(account, request.body)], account.id);
      if (!outcome) throw new Error('no outcome for a submission');
      if (outcome.status === 'rejected') throw problemsError(outcome.problems);
      return reply.code(outcome.status === 'created' ? 201 : 200).send(outcome);
    },
  );

  app.post(
    '/v1/records/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      config: { access: FURNISHER },
      schema: {
        tags,
        summary: `Submit up to ${RECORD_BATCH_MAX} records in one transaction`,
        description:
          'The valid rows land; each bad row is reported with its position (line, from 1) and problems.',
        body: z.object({ records: z.array(Submission).min(1) }),
        response: {
          200: z.object({
            created: z.number(),
            unchanged: z.number(),
            rejected: z.number(),
            rows: z.array(RowOutcomeSchema),
          }),
          ...errors(413),
        },
      },
    },
    async (request) => {
      const account = accountOf(request);
      const { records } = request.body;
      if (records.length > RECORD_BATCH_MAX) {
        throw new CredenceError(
          'BATCH_TOO_LARGE',
          `at most ${RECORD_BATCH_MAX} records a batch; import larger sets`,
          {
            field: 'records',
          },
        );
      }
      const inputs = records.map((r) => asFurnisher(account, r));
      const rows = await submitRecords(deps, inputs, account.id, { via: 'api.batch' });
      const count = (s: string) => rows.filter((r) => r.status === s).length;
      return {
        created: count('created'),
        unchanged: count('unchanged'),
        rejected: count('rejected'),
        rows,
      };
    },
  );

  app.get(
    '/v1/records/:id',
    {
      config: { access: ['operator', 'furnisher'] },
      schema: {
        tags,
        summary: 'One stored record version (a furnisher sees its own authority’s)',
        params: IdParam,
        response: { 200: RecordVersionSchema, ...errors(404) },
      },
    },
    async (request) => {
      const account = accountOf(request);
      if (account.role === 'operator') {
        const version = await deps.store.getRecordVersion(request.params.id);
        if (!version) throw new CredenceError('RECORD_NOT_FOUND', undefined, { field: 'id' });
        return version;
      }
      return ownVersion(deps, account, request.params.id);
    },
  );

  app.get(
    '/v1/records/:id/file',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'One record read for a catalog purpose; the read lands in the inquiry log',
        description:
          'Any version id of the record opens it as of today, with its status and history. The purpose is checked as for a full-file read (its roles, domains, jurisdiction and consent) and the read is logged in the subject’s inquiry log the same way. A record the purpose does not reach (its subject outside the reader’s regions, a restricted type it does not cover) is the same 404 as one that does not exist, and nothing is logged.',
        params: IdParam,
        querystring: PurposeQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            purpose: z.string(),
            subject: z.object({
              id: z.string(),
              kind: z.enum(SUBJECT_KINDS),
              region: z.string().nullable(),
              name: z.string(),
              names: z.array(JsonObject),
            }),
            item: JsonObject.describe(
              'the record: current version, status, visibility, publication window, history, disputed',
            ),
            inquiry: InquirySchema,
          }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const { purpose, ...consent } = request.query;
      return inquireRecord(deps, {
        reader: accountOf(request),
        id: request.params.id,
        purpose,
        consent: consentOf(consent),
      });
    },
  );

  const Change = { reason: NonBlank.min(1).max(2000) };
  app.post(
    '/v1/records/:id/correction',
    {
      config: { access: FURNISHER },
      schema: {
        tags,
        summary: 'Correct the current version: a new version that supersedes it',
        params: IdParam,
        body: z.object({ ...Change, set: Submission }),
        response: { 201: RecordVersionSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      await ownVersion(deps, account, request.params.id);
      const { reason, set } = request.body;
      return reply
        .code(201)
        .send(await correctRecord(deps, request.params.id, set, reason, account.id));
    },
  );

  app.post(
    '/v1/records/:id/revocation',
    {
      config: { access: FURNISHER },
      schema: {
        tags,
        summary: 'Revoke the record: a final version that withdraws it',
        params: IdParam,
        body: z.object(Change),
        response: { 201: RecordVersionSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      await ownVersion(deps, account, request.params.id);
      return reply
        .code(201)
        .send(await revokeRecord(deps, request.params.id, request.body.reason, account.id));
    },
  );
};
