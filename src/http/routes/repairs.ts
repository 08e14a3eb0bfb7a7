import { z } from 'zod';
import { REPAIR_ITEMS, REPAIR_STATES } from '../../domain/repair.js';
import { CredenceError } from '../../errors.js';
import { findReadableSubject } from '../../services/inquiries/inquiry.service.js';
import {
  applyForRepair,
  decideRepair,
  repairQueue,
  repairsOf,
  reviewRepair,
} from '../../services/repairs/repairs.service.js';
import { seesCase } from '../access.js';
import { accountOf } from '../auth.js';
import { CaseFactsSchema, errors, IdentifierParam, IdParam, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { withCaseFacts } from '../../services/queues/case-facts.service.js';

const RepairSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    item: z.enum(REPAIR_ITEMS),
    itemId: z.string(),
    itemType: z.string(),
    authorityId: z.string(),
    rule: z.string(),
    obligations: z.array(z.object({ id: z.string(), evidence: z.array(z.string()) })),
    commitment: z.string(),
    filedBy: z.string(),
    filedOn: z.string(),
    answerBy: z.string().describe('the platform answers the applicant by this day'),
    state: z.enum(REPAIR_STATES),
    forwardedOn: z.string().nullable(),
    decideBy: z.string().nullable().describe('the authority decides by this day, once forwarded'),
    decidedOn: z.string().nullable(),
    decidedBy: z.string().nullable(),
    reasons: z.string().nullable(),
    outcomeRef: z
      .string()
      .nullable()
      .describe('approved: the record version that ended publication, or the entry removal'),
    commitmentRef: z
      .string()
      .nullable()
      .describe('approved: the credit_commitment record the commitment became'),
  })
  .meta({ id: 'RepairApplication' });

const Tracked = RepairSchema.extend({ dueBy: z.string().nullable(), overdue: z.boolean() });

const Reasons = NonBlank.min(1).max(5000);

/** Credit repair (SPEC 4.7): applied for by the subject, forwarded by the platform, decided by the authority. */
export const repairRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['repairs'];
  app.post(
    '/v1/repairs',
    {
      config: { access: ['subject', 'operator'] },
      schema: {
        tags,
        summary: 'Apply for credit repair of a published record or a list entry of one’s own file',
        description:
          'Accepted only once the catalog’s minimum period has passed (`REPAIR_TOO_EARLY` gives `possibleFrom`), with every obligation of the rule declared performed with evidence and a credit commitment. Repair is free of charge.',
        body: z.object({
          item: z.enum(REPAIR_ITEMS),
          itemId: NonBlank.min(1).max(128),
          obligations: z
            .array(
              z.object({
                id: NonBlank.min(1).max(64),
                evidence: z.array(NonBlank.min(1).max(500)).min(1).max(20),
              }),
            )
            .max(20),
          commitment: NonBlank.min(1).max(4000),
        }),
        response: { 201: RepairSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await applyForRepair(deps, accountOf(request), request.body)),
  );

  app.get(
    '/v1/repairs',
    {
      config: { access: ['operator', 'furnisher', 'decider'] },
      schema: {
        tags,
        summary:
          'The repair queue: open applications, earliest deadline first (the account’s authority’s; all for the operator)',
        querystring: z.object({
          state: z.enum(['submitted', 'forwarded']).optional(),
          overdue: z
            .enum(['true', 'false'])
            .optional()
            .describe('only those past the deadline of their step'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.object({ items: z.array(Tracked.extend(CaseFactsSchema)) }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const account = accountOf(request);
      const { state, overdue, limit } = request.query;
      const items = await repairQueue(
        deps,
        {
          ...(account.role === 'operator' ? {} : { authorityId: account.authorityId ?? '' }),
          ...(state ? { state } : {}),
          overdue: overdue === 'true',
        },
        limit,
      );
      return { items: await withCaseFacts(deps, items) };
    },
  );

  app.get(
    '/v1/repairs/:id',
    {
      config: { access: ['operator', 'furnisher', 'decider', 'subject'] },
      schema: { tags, params: IdParam, response: { 200: RepairSchema, ...errors(404) } },
    },
    async (request) => {
      const r = await deps.store.getRepair(request.params.id);
      if (!r || !seesCase(accountOf(request), r))
        throw new CredenceError('REPAIR_NOT_FOUND', `no repair application ${request.params.id}`, {
          field: 'id',
        });
      return r;
    },
  );

  app.post(
    '/v1/repairs/:id/review',
    {
      config: { access: ['operator'] },
      schema: {
        tags,
        summary: 'The platform forwards a complete application to the authority, or refuses it',
        params: IdParam,
        body: z.discriminatedUnion('outcome', [
          z.object({ outcome: z.literal('forward') }),
          z.object({ outcome: z.literal('refuse'), reasons: Reasons }),
        ]),
        response: { 200: RepairSchema, ...errors(404, 409) },
      },
    },
    async (request) => reviewRepair(deps, accountOf(request), request.params.id, request.body),
  );

  app.post(
    '/v1/repairs/:id/decision',
    {
      config: { access: ['furnisher', 'decider'] },
      schema: {
        tags,
        summary:
          'The authority that made the item approves (publication ends today, or the entry is removed) or refuses with reasons',
        params: IdParam,
        body: z.discriminatedUnion('outcome', [
          z.object({ outcome: z.literal('approve'), reasons: Reasons.optional() }),
          z.object({ outcome: z.literal('refuse'), reasons: Reasons }),
        ]),
        response: { 200: RepairSchema, ...errors(404, 409) },
      },
    },
    async (request) => decideRepair(deps, accountOf(request), request.params.id, request.body),
  );

  app.get(
    '/v1/subjects/:identifier/repairs',
    {
      config: { access: ['subject', 'operator'] },
      schema: {
        tags,
        summary: 'Every repair application of a subject, with the deadline of the step in progress',
        params: IdentifierParam,
        response: { 200: z.object({ items: z.array(Tracked) }), ...errors(404) },
      },
    },
    async (request) => {
      const account = accountOf(request);
      const subject = await findReadableSubject(deps, account, request.params.identifier);
      return { items: await repairsOf(deps, subject.id) };
    },
  );
};
