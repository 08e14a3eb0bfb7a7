import { z } from 'zod';
import { OPERATOR } from '../access.js';
import { accountOf } from '../auth.js';
import {
  parseCheckpoint,
  recordCheckpoint,
  verifyAudit,
} from '../../services/audit/audit.service.js';
import { errors, JsonObject } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

/** A published checkpoint as `credence audit checkpoint` prints it; else CHECKPOINT_INVALID. */
const Checkpoint = z
  .string()
  .max(100)
  .meta({ pattern: '^\\s*\\d+:[0-9a-f]{64}\\s*$' })
  .describe('SEQ:HASH, the sequence number and 64 hex digits of the entry hash');

const CheckpointSchema = z.object({ seq: z.number(), hash: z.string() }).meta({ id: 'Checkpoint' });

/** The tamper-evident audit log (SPEC 4.8): checkpoints to publish, and verification. */
export const auditRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['audit'];
  app.post(
    '/v1/audit/checkpoints',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Record the root hash of the log so far; publish it to make later changes evident',
        response: { 201: CheckpointSchema, ...errors(409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await recordCheckpoint(deps, accountOf(request).id)),
  );

  app.get(
    '/v1/audit/verification',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary:
          'Walk the log and report the first entry changed, removed or reordered, and any checkpoint that no longer matches',
        querystring: z.object({
          checkpoint: z
            .union([Checkpoint, z.array(Checkpoint).max(100)])
            .optional()
            .describe('published checkpoints, SEQ:HASH'),
        }),
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            head: CheckpointSchema,
            finding: JsonObject.nullable(),
            checkpoints: z.array(
              CheckpointSchema.extend({
                source: z.enum(['recorded', 'given']),
                matches: z.boolean().nullable(),
              }),
            ),
          }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const raw = request.query.checkpoint;
      const given = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).map((c) =>
        parseCheckpoint(c, 'query.checkpoint'),
      );
      return verifyAudit(deps, given);
    },
  );
};
