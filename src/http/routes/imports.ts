import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Account } from '../../domain/account.js';
import { CredenceError } from '../../errors.js';
import { openErrorReport } from '../../services/import/error-report.js';
import { importFile, type ImportSummary } from '../../services/import/import.service.js';
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

interface ImportJob {
  id: string;
  accountId: string;
  status: 'running' | 'finished' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  progress: { bytesRead: number; bytesTotal: number; rows: number };
  summary: Omit<ImportSummary, 'file'> | null;
  error: string | null;
  reportPath: string;
}

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

const shown = ({ accountId: _a, reportPath: _r, ...job }: ImportJob) => job;

/**
 * Imports over HTTP: upload a CSV or JSON Lines file, follow its progress, fetch its error
 * report. Jobs live as long as the server process; the records they write are in the store.
 */
export const importRoutes: RegisterRoutes = (app, { deps, jobs, importBatchSize }) => {
  const tags = ['imports'];
  const dir = mkdtempSync(join(tmpdir(), 'credence-imports-'));
  const running = new Map<string, ImportJob>();
  app.addHook('onClose', async () => {
    await jobs.drain();
    await rm(dir, { recursive: true, force: true });
  });
  app.addContentTypeParser(
    Object.keys(FORMATS),
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  const jobOf = (account: Account, id: string): ImportJob => {
    const job = running.get(id);
    if (!job || (account.role !== 'operator' && job.accountId !== account.id)) {
      throw new CredenceError('IMPORT_NOT_FOUND', `no import ${id}`, { field: 'id' });
    }
    return job;
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
      const id = `imp_${randomUUID()}`;
      const file = join(dir, `${id}.${format}`);
      await writeFile(file, request.body);
      const job: ImportJob = {
        id,
        accountId: account.id,
        status: 'running',
        startedAt: deps.clock.now().toISOString(),
        finishedAt: null,
        progress: { bytesRead: 0, bytesTotal: request.body.length, rows: 0 },
        summary: null,
        error: null,
        reportPath: join(dir, `${id}.errors.csv`),
      };
      running.set(id, job);
      const report = openErrorReport(job.reportPath);
      const stop = new AbortController();
      const work = importFile(deps, file, {
        signal: stop.signal,
        actor: account.id,
        authority,
        batchSize: importBatchSize,
        format,
        onProgress: (p) => (job.progress = p),
        onRejected: (line, problems) => report.write(line, problems),
      })
        .then(({ file: _file, ...summary }) => {
          job.summary = summary;
          job.status = 'finished';
        })
        .catch((error: unknown) => {
          job.status = 'failed';
          job.error =
            error instanceof CredenceError
              ? error.message
              : 'the import stopped on an unexpected error';
          throw error;
        })
        .finally(async () => {
          job.finishedAt = deps.clock.now().toISOString();
          await report.close();
          await rm(file, { force: true });
        });
      jobs.track(
        work,
        (error) => request.log.error({ err: error, importId: id }, 'import failed'),
        stop,
      );
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
    async (request) => shown(jobOf(accountOf(request), request.params.id)),
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
      const job = jobOf(accountOf(request), request.params.id);
      return reply.type('text/csv; charset=utf-8').send(await readFile(job.reportPath, 'utf8'));
    },
  );
};
