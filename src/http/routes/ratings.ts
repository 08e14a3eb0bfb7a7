import { z } from 'zod';
import type { RatingRun } from '../../domain/rating-run.js';
import {
  compareRuns,
  ratingRun,
  runWithResultsFor,
} from '../../services/ratings/compare.service.js';
import { runRating } from '../../services/ratings/rate.service.js';
import type { RunRatingKey } from '../../store/store.js';
import { accountOf } from '../auth.js';
import { badCursor, decodeCursor, nextCursor } from '../cursor.js';
import { DateString, errors, IdParam, JsonObject, NonBlank, page, PageQuery } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

/** A page of a run's results ends at a result: its subject and its id (ids hold no space). */
function runPosition(cursor: string | undefined): RunRatingKey | null {
  const position = decodeCursor<string>(cursor, '');
  if (position === '') return null;
  const [subjectId, id, ...rest] = position.split(' ');
  if (!subjectId || !id || rest.length > 0) throw badCursor();
  return { subjectId, id };
}

const RunSchema = z
  .object({
    id: z.string(),
    modelId: z.string(),
    modelVersion: z.string(),
    asOf: z.string(),
    draft: z.boolean(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    startedBy: z.string(),
    rated: z.number(),
    grades: z.record(z.string(), z.number()),
  })
  .meta({ id: 'RatingRun' });

const RatingSchema = z
  .object({
    id: z.string(),
    runId: z.string().nullable(),
    subjectId: z.string(),
    modelId: z.string(),
    modelVersion: z.string(),
    asOf: z.string(),
    periodEnd: z.string().nullable(),
    published: z.boolean(),
    score: z.number().nullable(),
    grade: z.string(),
    ratedAt: z.string(),
    result: JsonObject,
  })
  .meta({ id: 'Rating' });

const READERS = ['operator', 'decider'] as const;

/** Rating runs (SPEC 4.6): start one, follow it, page through its results, compare two. */
export const ratingRoutes: RegisterRoutes = (app, { deps, jobs }) => {
  const tags = ['ratings'];
  app.post(
    '/v1/rating-runs',
    {
      config: { access: ['operator'] },
      schema: {
        tags,
        summary: 'Start a run of a model over every subject it applies to',
        description:
          'Answers 202 with the run once it is stored; follow it at /v1/rating-runs/{id} until finishedAt is set.',
        body: z.object({
          model: NonBlank.min(1).max(64),
          asOf: DateString.optional(),
          draft: z.boolean().optional(),
        }),
        response: { 202: RunSchema, ...errors() },
      },
    },
    async (request, reply) => {
      const { model, asOf, draft } = request.body;
      const started = new Promise<RatingRun>((resolve, reject) => {
        const job = runRating(deps, {
          modelId: model,
          ...(asOf !== undefined ? { asOf } : {}),
          ...(draft !== undefined ? { draft } : {}),
          actor: accountOf(request).id,
          onStarted: resolve,
        });
        job.catch(reject);
        jobs.track(job, (error) => request.log.error({ err: error }, 'rating run failed'));
      });
      return reply.code(202).send(await started);
    },
  );

  app.get(
    '/v1/rating-runs',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Runs, newest first',
        querystring: z.object({
          model: NonBlank.max(64).optional(),
          limit: PageQuery.shape.limit,
        }),
        response: { 200: z.object({ items: z.array(RunSchema) }), ...errors() },
      },
    },
    async (request) => ({
      items: await deps.store.listRatingRuns(request.query.limit, request.query.model),
    }),
  );

  app.get(
    '/v1/rating-runs/:id',
    {
      config: { access: READERS },
      schema: { tags, params: IdParam, response: { 200: RunSchema, ...errors(404) } },
    },
    async (request) => ratingRun(deps, request.params.id, 'id'),
  );

  app.get(
    '/v1/rating-runs/:id/ratings',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'The results of a run in subject order, each with its explanation',
        description:
          "A decider reads a public model's results only (ROLE_FORBIDDEN otherwise): a private model's rest on restricted records, read subject by subject in the file, for a purpose.",
        params: IdParam,
        querystring: PageQuery,
        response: { 200: page(RatingSchema), ...errors(404) },
      },
    },
    async (request) => {
      const run = await runWithResultsFor(deps, accountOf(request), request.params.id);
      const { limit, cursor } = request.query;
      const items = await deps.store.listRunRatings(run.id, runPosition(cursor), limit);
      return { items, next: nextCursor(items, limit, (r) => `${r.subjectId} ${r.id}`) };
    },
  );

  app.get(
    '/v1/rating-runs/:id/migration',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'The grade migration matrix from another run to this one',
        params: IdParam,
        querystring: z.object({ from: NonBlank.min(1).max(128) }),
        response: {
          200: z.object({
            from: RunSchema,
            to: RunSchema,
            grades: z.array(z.string()),
            counts: z.array(z.array(z.number())),
            unchanged: z.number(),
            changed: z.number(),
            onlyFrom: z.number(),
            onlyTo: z.number(),
          }),
          ...errors(404),
        },
      },
    },
    async (request) => compareRuns(deps, request.query.from, request.params.id),
  );
};
