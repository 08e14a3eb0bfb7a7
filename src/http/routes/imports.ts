import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import type { Account } from '../../domain/account.js';
import { CredenceError } from '../../errors.js';
import { ERROR_REPORT_HEADER, errorReportRow } from '../../services/import/error-report.js';
import {
  IMPORT_JOB,
  importView,
  submitImport,
  type ImportJobView,
} from '../../services/jobs/import-jobs.service.js';
import { accountOf, authorityOf } from '../auth.js';
import { errors, IdParam } from '../schemas.js';
import { notUtf8 } from '../utf8-bodies.js';
import type { RegisterRoutes } from '../types.js';

/** An uploaded file may be this large; larger sets are split or imported with the CLI. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
const FORMATS = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
} as const;

const JobSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'finished', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    progress: z.object({ bytesRead: z.number(), bytesTotal: z.number(), rows: z.number() }),
    summary: z
      .object({
        rows: z.number(),
        created: z.number(),
        unchanged: z.number(),
        rejected: z.number(),
        warnings: z.number(),
        batches: z.number(),
      })
      .nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Import' });

const shown = ({ accountId: _a, ...job }: ImportJobView) => job;

/**
 * Imports over HTTP: upload a CSV or JSON Lines file, follow its progress, fetch its error
 * report. The jobs are in the store: any server process runs them, and any answers for them.
 */
export const importRoutes: RegisterRoutes = (app, { deps, runner }) => {
  const tags = ['imports'];
  app.addContentTypeParser(
    Object.keys(FORMATS),
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  const jobOf = async (account: Account, id: string): Promise<ImportJobView> => {
    const job = await deps.store.getJob(id);
    if (
      !job ||
      job.kind !== IMPORT_JOB ||
      (account.role !== 'operator' && job.accountId !== account.id)
    ) {
      throw new CredenceError('IMPORT_NOT_FOUND', `no import ${id}`, { field: 'id' });
    }
    return importView(job);
  };

  app.post(
    '/v1/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      config: { access: ['furnisher'] },
      schema: {
        tags,
        summary: 'Upload a file of records (text/csv or application/x-ndjson) and import it',
        description:
          'Answers 202 at once; every row must be the account’s authority’s (a missing authority column is filled in). Bad rows do not stop the good ones.',
        response: { 202: JobSchema, ...errors(413, 415) },
      },
    },
    async (request, reply) => {
      const account = accountOf(request);
      const authority = authorityOf(request);
      const mime = (request.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() as keyof typeof FORMATS;
      const format = FORMATS[mime];
      if (!format || !Buffer.isBuffer(request.body)) {
        throw new CredenceError(
          'REQUEST_CONTENT_TYPE',
          `upload ${Object.keys(FORMATS).join(' or ')}`,
        );
      }
      if (!isUtf8(request.body)) throw notUtf8();
      const job = await submitImport(deps, {
        accountId: account.id,
        authority: authority ?? null,
        format,
        body: request.body,
      });
      runner.kick();
      return reply.code(202).send(shown(job));
    },
  );

  app.get(
    '/v1/imports/:id',
    {
      config: { access: ['operator', 'furnisher'] },
      schema: {
        tags,
        summary: 'An import’s progress and, once finished, its summary',
        params: IdParam,
        response: { 200: JobSchema, ...errors(404) },
      },
    },
    async (request) => shown(await jobOf(accountOf(request), request.params.id)),
  );

  app.get(
    '/v1/imports/:id/errors',
    {
      config: { access: ['operator', 'furnisher'] },
      schema: {
        tags,
        summary:
          'The bad rows as CSV: line, field, code, message (complete once the import has finished)',
        params: IdParam,
        response: { 200: z.string(), ...errors(404) },
      },
    },
    async (request, reply) => {
      const job = await jobOf(accountOf(request), request.params.id);
      const rows = await deps.store.jobReport(job.id);
      const csv = rows.map((r) => errorReportRow(r.line, r)).join('');
      return reply.type('text/csv; charset=utf-8').send(`${ERROR_REPORT_HEADER}\n${csv}`);
    },
  );
};
