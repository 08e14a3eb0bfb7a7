import { z } from 'zod';
import { ROLES } from '../../domain/account.js';
import { SUBJECT_KINDS } from '../../domain/subject.js';
import {
  accountSubject,
  createAccount,
  disableAccount,
  shownAccount,
} from '../../services/accounts/accounts.service.js';
import { ANY_ACCOUNT, OPERATOR } from '../access.js';
import { CredenceError } from '../../errors.js';
import { accountOf, signedInWithKey } from '../auth.js';
import { decodeCursor, nextCursor } from '../cursor.js';
import { errors, IdParam, NonBlank, page, PageQuery } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

export const AccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    authorityId: z.string().nullable(),
    subjectId: z.string().nullable(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'Account' });

const MeSchema = AccountSchema.extend({
  subject: z
    .object({
      identifier: z.string(),
      scheme: z.string(),
      kind: z.enum(SUBJECT_KINDS),
      name: z.string(),
    })
    .nullable()
    .describe('a subject account’s own subject, its identifier in full; null for officers'),
}).meta({ id: 'Me' });

/** Accounts (operator) and tokens (any account, in exchange for its API key). */
export const accountRoutes: RegisterRoutes = (app, { deps, tokens }) => {
  const tags = ['accounts'];
  app.post(
    '/v1/tokens',
    {
      config: { access: ANY_ACCOUNT },
      schema: {
        tags,
        summary: 'Exchange an API key for a short-lived signed token',
        description:
          'Only an API key is exchanged: a token presented here is refused (TOKEN_KEY_REQUIRED), so a token cannot be renewed into another. Tokens carry exp and iat; a token without them, or claiming a longer life than the server allows, is not accepted.',
        response: {
          201: z.object({
            token: z.string(),
            tokenType: z.literal('Bearer'),
            expiresAt: z.string(),
          }),
          ...errors(),
        },
      },
    },
    async (request, reply) => {
      if (!signedInWithKey(request)) throw new CredenceError('TOKEN_KEY_REQUIRED');
      const signed = await tokens.sign(accountOf(request), deps.clock.now());
      return reply.code(201).send({ ...signed, tokenType: 'Bearer' as const });
    },
  );

  app.get(
    '/v1/accounts/me',
    {
      config: { access: ANY_ACCOUNT },
      schema: {
        tags,
        summary: 'The calling account (and a subject account’s own subject)',
        response: { 200: MeSchema, ...errors() },
      },
    },
    async (request) => {
      const account = accountOf(request);
      return { ...shownAccount(account), subject: await accountSubject(deps, account) };
    },
  );

  app.post(
    '/v1/accounts',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Create an account; its API key is in this response only',
        body: z.object({
          name: NonBlank.min(1).max(200),
          role: z.enum(ROLES),
          authority: z.string().max(32).optional(),
          subject: z.string().max(64).optional(),
        }),
        response: {
          201: z.object({ account: AccountSchema, apiKey: z.string() }),
          ...errors(404),
        },
      },
    },
    async (request, reply) => {
      const created = await createAccount(deps, request.body, accountOf(request).id);
      return reply
        .code(201)
        .send({ account: shownAccount(created.account), apiKey: created.apiKey });
    },
  );

  app.get(
    '/v1/accounts',
    {
      config: { access: OPERATOR },
      schema: { tags, querystring: PageQuery, response: { 200: page(AccountSchema), ...errors() } },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const items = await deps.store.listAccounts(decodeCursor(cursor, ''), limit);
      return { items: items.map(shownAccount), next: nextCursor(items, limit, (a) => a.id) };
    },
  );

  app.post(
    '/v1/accounts/:id/disable',
    {
      config: { access: OPERATOR },
      schema: { tags, params: IdParam, response: { 204: z.null(), ...errors(404) } },
    },
    async (request, reply) => {
      await disableAccount(deps, request.params.id, accountOf(request).id);
      return reply.code(204).send(null);
    },
  );
};
