import { z } from 'zod';
import { CredenceError } from '../../errors.js';
import { checkAction, checkBatch } from '../../services/lists/check.service.js';
import { readFeed } from '../../services/lists/queries.service.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { DateString, errors, JsonObject, NonBlank, PageQuery } from '../schemas.js';
import { errorBody } from '../problem.js';
import type { RegisterRoutes } from '../types.js';
import { readingDeps } from '../standby-reads.js';

/** Items a batch check may carry (SPEC 4.5: implementers screen whole customer lists). */
export const CHECK_BATCH_MAX = 10_000;
const BATCH_BODY_LIMIT = 8 * 1024 * 1024;

const CheckQuerySchema = z.object({
  identifier: NonBlank.min(1).max(64),
  action: NonBlank.min(1)
    .max(128)
    .describe('an action code a catalog measure governs, e.g. rail.g_train_ticket'),
  date: DateString.optional(),
});

// in a batch a bad date is that item's error (DATE_INVALID), like a bad identifier: not the batch's
const BatchItemSchema = CheckQuerySchema.extend({
  date: z
    .string()
    .max(64)
    .optional()
    .describe('YYYY-MM-DD; any other text is that item’s DATE_INVALID error'),
});

const CheckResultSchema = z
  .object({
    identifier: z.string(),
    subjectId: z.string(),
    action: z.string(),
    date: z.string(),
    decision: z.enum(['allow', 'deny', 'review']),
    reasons: z.array(JsonObject),
    incentives: z.array(JsonObject),
  })
  .meta({ id: 'CheckResult' });

const IMPLEMENTERS = ['operator', 'implementer'] as const;

/** Measure checks and the list change feed (SPEC 4.5): what implementing agencies call. */
export const checkRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['measures'];
  app.post(
    '/v1/checks',
    {
      config: { access: IMPLEMENTERS, reads: 'standby' },
      schema: {
        tags,
        summary:
          'May we grant this action to this subject? allow, deny or review, with the measures and entries behind it',
        body: CheckQuerySchema,
        response: { 200: CheckResultSchema, ...errors(404) },
      },
    },
    async (request) => checkAction(readingDeps(deps, request), request.body),
  );

  app.post(
    '/v1/checks/batch',
    {
      bodyLimit: BATCH_BODY_LIMIT,
      config: { access: IMPLEMENTERS, reads: 'standby' },
      schema: {
        tags,
        summary: `Up to ${CHECK_BATCH_MAX} checks in one request; a bad item gets its error and does not stop the others`,
        body: z.object({ checks: z.array(BatchItemSchema).min(1) }),
        response: {
          200: z.object({
            results: z.array(
              z.union([
                CheckResultSchema,
                z.object({ identifier: z.string(), action: z.string(), error: JsonObject }),
              ]),
            ),
          }),
          ...errors(413),
        },
      },
    },
    async (request) => {
      const { checks } = request.body;
      if (checks.length > CHECK_BATCH_MAX) {
        throw new CredenceError('BATCH_TOO_LARGE', `at most ${CHECK_BATCH_MAX} checks a batch`, {
          field: 'checks',
        });
      }
      const results = await checkBatch(readingDeps(deps, request), checks);
      return {
        results: results.map((r) =>
          'error' in r
            ? {
                identifier: r.identifier,
                action: r.action,
                error: errorBody(r.error, request.id).error,
              }
            : r,
        ),
      };
    },
  );

  app.get(
    '/v1/feed',
    {
      config: { access: ['operator', 'decider', 'implementer'] },
      schema: {
        tags: ['lists'],
        summary: 'Every list-state change in order, gap-free, after a cursor',
        description:
          'Keep the returned `next` and pass it as `cursor`; it is returned even when no change followed, so polling resumes where it stopped.',
        querystring: PageQuery,
        response: { 200: z.object({ items: z.array(JsonObject), next: z.string() }), ...errors() },
      },
    },
    async (request) => {
      const { changes, cursor } = await readFeed(
        deps,
        decodeCursor(request.query.cursor, 0),
        request.query.limit,
      );
      return { items: changes, next: encodeCursor(cursor) };
    },
  );
};
