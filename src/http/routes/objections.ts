import { z } from 'zod';
import { OBJECTION_ITEMS, OBJECTION_STATES, type Objection } from '../../domain/objection.js';
import { CredenceError } from '../../errors.js';
import {
  answerObjection,
  fileObjection,
  objectionsOf,
  objectionQueue,
} from '../../services/objections/objections.service.js';
import { findReadableSubject } from '../../services/inquiries/inquiry.service.js';
import type { Account } from '../../domain/account.js';
import { seesCase } from '../access.js';
import { accountOf } from '../auth.js';
import {
  CaseFactsSchema,
  errors,
  IdentifierParam,
  IdParam,
  JsonObject,
  NonBlank,
} from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { withCaseFacts } from '../../services/queues/case-facts.service.js';

const ObjectionSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    item: z.enum(OBJECTION_ITEMS),
    itemId: z.string(),
    itemType: z.string(),
    authorityId: z.string().nullable(),
    grounds: z.string(),
    documents: z.array(z.string()),
    filedBy: z.string(),
    filedOn: z.string(),
    rule: z.string(),
    answerBy: z.string(),
    state: z.enum(OBJECTION_STATES),
    decidedOn: z.string().nullable(),
    decidedBy: z.string().nullable(),
    reasons: z.string().nullable(),
    outcomeRef: z.string().nullable(),
    reconsiders: z.string().nullable(),
  })
  .meta({ id: 'Objection' });

const ANSWERERS = ['operator', 'furnisher', 'decider'] as const;

/** The objection, as long as the caller may see it: its subject, the answering authority, the operator. */
function visible(account: Account, o: Objection | null, id: string): Objection {
  if (!o || !seesCase(account, o))
    throw new CredenceError('OBJECTION_NOT_FOUND', `no objection ${id}`, { field: 'id' });
  return o;
}

/** Objections (SPEC 4.7): filed by the subject, answered by the authority, queued by deadline. */
export const objectionRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['objections'];
  app.post(
    '/v1/objections',
    {
      config: { access: ['subject', 'operator'] },
      schema: {
        tags,
        summary: 'Object to a record, a list entry or a rating of one’s own file',
        description:
          'The item shows a dispute flag until the answer, which is due by `answerBy` (the catalog’s rule for the item’s type, from today).',
        body: z.object({
          item: z.enum(OBJECTION_ITEMS),
          itemId: NonBlank.min(1).max(128),
          grounds: NonBlank.min(1).max(5000),
          documents: z.array(NonBlank.min(1).max(500)).max(20).optional(),
          reconsiders: NonBlank.max(128).optional(),
        }),
        response: { 201: ObjectionSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fileObjection(deps, accountOf(request), request.body)),
  );

  app.get(
    '/v1/objections',
    {
      config: { access: ANSWERERS },
      schema: {
        tags,
        summary:
          'The queue: open objections, earliest answer date first, each marked overdue or not (the account’s authority’s; all for the operator)',
        description: '`overdue=true` keeps only those past their answer date.',
        querystring: z.object({
          overdue: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: only the objections past their answer date'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.object({
            items: z.array(ObjectionSchema.extend({ overdue: z.boolean(), ...CaseFactsSchema })),
          }),
          ...errors(),
        },
      },
    },
    async (request) => {
      const account = accountOf(request);
      const authority =
        account.role === 'operator' ? undefined : (account.authorityId ?? undefined);
      const { overdue, limit } = request.query;
      const items = await objectionQueue(
        deps,
        { ...(authority ? { authorityId: authority } : {}), overdue: overdue === 'true' },
        limit,
      );
      return { items: await withCaseFacts(deps, items) };
    },
  );

  app.get(
    '/v1/objections/:id',
    {
      config: { access: [...ANSWERERS, 'subject'] },
      schema: { tags, params: IdParam, response: { 200: ObjectionSchema, ...errors(404) } },
    },
    async (request) =>
      visible(
        accountOf(request),
        await deps.store.getObjection(request.params.id),
        request.params.id,
      ),
  );

  app.post(
    '/v1/objections/:id/answer',
    {
      config: { access: ANSWERERS },
      schema: {
        tags,
        summary:
          'Uphold (correcting or revoking the record, ending the list entry, re-rating) or reject with reasons',
        params: IdParam,
        body: z.object({
          outcome: z.enum(['upheld', 'rejected']),
          reasons: NonBlank.min(1).max(5000),
          correction: JsonObject.optional().describe(
            'for a record: the columns to correct, as in a record correction',
          ),
          revoke: z.boolean().optional(),
        }),
        response: { 200: ObjectionSchema, ...errors(404, 409) },
      },
    },
    async (request) => answerObjection(deps, accountOf(request), request.params.id, request.body),
  );

  app.get(
    '/v1/subjects/:identifier/objections',
    {
      config: { access: ['subject', 'operator'] },
      schema: {
        tags,
        summary: 'Every objection of a subject, open and closed, with whether it is overdue',
        params: IdentifierParam,
        response: {
          200: z.object({ items: z.array(ObjectionSchema.extend({ overdue: z.boolean() })) }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const account = accountOf(request);
      const subject = await findReadableSubject(deps, account, request.params.identifier);
      return { items: await objectionsOf(deps, subject.id) };
    },
  );
};
