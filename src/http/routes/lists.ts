import { z } from 'zod';
import type { Account } from '../../domain/account.js';
import { ENTRY_STATES, type ListEntry, type ListTransition } from '../../domain/list-entry.js';
import { SUBJECT_KINDS } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../../services/deps.js';
import {
  decideEntry,
  extendEntry,
  noticeEntry,
  proposeEntry,
  rejectEntry,
  removeEntry,
  waiveNotice,
} from '../../services/lists/entries.service.js';
import {
  ACT_REASONS,
  entryAnswer,
  entryAnswers,
} from '../../services/lists/entry-answer.service.js';
import { listTypeOf } from '../../services/lists/transition.js';
import { listDirectory } from '../../services/disclosure/public-directory.service.js';
import { ANYONE } from '../access.js';
import { accountOf, authorityOf } from '../auth.js';
import { decodeCursor, encodeCursor, nextCursor } from '../cursor.js';
import { errors, IdParam, JsonObject, NonBlank, page, PageQuery } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { readingDeps } from '../standby-reads.js';

export const ListEntrySchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    listType: z.string(),
    state: z.enum(ENTRY_STATES),
    authorityId: z.string(),
    recordIds: z.array(z.string()),
    circumstance: z.string().nullable(),
    proposedOn: z.string(),
    noticeEnds: z.string().nullable(),
    noticeWaived: z.boolean(),
    effectiveFrom: z.string().nullable(),
    endsOn: z.string().nullable(),
    removedOn: z.string().nullable(),
    removal: z.string().nullable(),
    lastSeq: z.number(),
    subject: z
      .object({
        kind: z.enum(SUBJECT_KINDS).nullable(),
        name: z.string(),
        identifiers: z.array(
          z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() }),
        ),
      })
      .describe('the subject named; a person’s identifier masked, except to the subject itself'),
    noticeWorkingDaysLeft: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .nullable()
      .describe(
        'working days of the notice period after today (0 on its last day), by the official holiday calendar; null when not in notice (not noticed, waived, over)',
      ),
    mayAct: z
      .object({ allowed: z.boolean(), reason: z.enum(ACT_REASONS).nullable() })
      .describe(
        'whether the reader’s authority may act on the entry (owns the list’s domain and covers the subject’s region); if not, why',
      ),
  })
  .meta({ id: 'ListEntry' });

const PublicListing = z.object({
  entryId: z.string(),
  subject: z.object({
    kind: z.string(),
    name: z.string(),
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() })),
  }),
  circumstance: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  endsOn: z.string().nullable(),
  authority: z.string(),
});

const OFFICERS = ['operator', 'furnisher', 'decider', 'implementer'] as const;
const DECIDER = ['decider'] as const;
const Reason = NonBlank.min(1).max(2000);

/** The entry, as long as the caller may see it: officers any, a subject only its own. */
/**
 * Each transition with who acted in words a reader can use: the acting account's authority
 * and role (null for the registry's own sweeps), not the account's id alone.
 */
async function withActors(deps: ServiceDeps, history: readonly ListTransition[]) {
  const accounts = new Map<string, Account | null>();
  for (const t of history)
    if (!accounts.has(t.actor)) accounts.set(t.actor, await deps.store.getAccount(t.actor));
  return history.map((t) => {
    const account = accounts.get(t.actor);
    return {
      ...t,
      actorRole: account?.role ?? null,
      actorAuthority: account?.authorityId ?? null,
    };
  });
}

async function visibleEntry(deps: ServiceDeps, account: Account, id: string): Promise<ListEntry> {
  const entry = await deps.store.getListEntry(id);
  if (!entry || (account.role === 'subject' && entry.subjectId !== account.subjectId)) {
    throw new CredenceError('LIST_ENTRY_NOT_FOUND', `no list entry ${id}`, { field: 'id' });
  }
  return entry;
}

/** Lists (SPEC 4.4): the public listing, proposals, the decider's transitions, the history. */
export const listRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['lists'];
  app.get(
    '/v1/lists/:listType/entries',
    {
      config: { access: ANYONE, reads: 'standby' },
      schema: {
        tags,
        summary: 'The entries of a list in force today, as the public sees them',
        params: z.object({ listType: NonBlank.min(1).max(64) }),
        querystring: PageQuery,
        response: { 200: page(PublicListing), ...errors() },
      },
    },
    async (request) => {
      const type = listTypeOf(deps, request.params.listType);
      const { limit, cursor } = request.query;
      // the directory's rows, in this route's older shape: one rule for what the public sees
      const found = await listDirectory(
        readingDeps(deps, request),
        { listType: type.id, limit },
        decodeCursor(cursor, ''),
      );
      const items = found.items.map((row) => ({
        entryId: row.entryId,
        subject: {
          kind: row.subject.kind,
          name: row.subject.name,
          identifiers: row.subject.identifiers,
        },
        circumstance: row.circumstance,
        effectiveFrom: row.decidedOn,
        endsOn: row.endsOn,
        authority: row.authority.id,
      }));
      return { items, next: found.next && encodeCursor(found.next) };
    },
  );

  app.get(
    '/v1/list-entries',
    {
      config: { access: OFFICERS },
      schema: {
        tags,
        summary: 'Entries in any state, by list and state (e.g. the proposals awaiting a decision)',
        querystring: PageQuery.extend({
          list: NonBlank.max(64).optional(),
          state: z.enum(ENTRY_STATES).optional(),
        }),
        response: { 200: page(ListEntrySchema), ...errors() },
      },
    },
    async (request) => {
      const { limit, cursor, list, state } = request.query;
      if (list) listTypeOf(deps, list);
      const items = await deps.store.findListEntries(
        { ...(list ? { listType: list } : {}), ...(state ? { states: [state] } : {}) },
        limit,
        decodeCursor(cursor, '') || undefined,
      );
      return {
        items: await entryAnswers(deps, items, null, accountOf(request).authorityId ?? null),
        next: nextCursor(items, limit, (e) => e.id),
      };
    },
  );

  app.get(
    '/v1/list-entries/:id',
    {
      config: { access: [...OFFICERS, 'subject'] },
      schema: {
        tags,
        summary: 'One entry with every transition (actor, date, reason, records)',
        params: IdParam,
        response: {
          200: z.object({ entry: ListEntrySchema, history: z.array(JsonObject) }),
          ...errors(404),
        },
      },
    },
    async (request) => {
      const account = accountOf(request);
      const entry = await visibleEntry(deps, account, request.params.id);
      return {
        entry: await entryAnswer(deps, entry, account.subjectId, account.authorityId ?? null),
        history: await withActors(deps, await deps.store.listTransitions(entry.id)),
      };
    },
  );

  app.post(
    '/v1/list-entries',
    {
      config: { access: ['furnisher', 'decider'] },
      schema: {
        tags,
        summary: 'Propose a designation resting on records that meet the list type’s criteria',
        body: z.object({
          subject: NonBlank.min(1).max(64),
          list: NonBlank.min(1).max(64),
          reason: Reason,
          records: z.array(z.string().max(64)).max(100).optional(),
        }),
        response: { 201: ListEntrySchema, ...errors(404, 409) },
      },
    },
    async (request, reply) => {
      const { subject, list, reason, records } = request.body;
      const entry = await proposeEntry(deps, {
        identifier: subject,
        listType: list,
        reason,
        ...(records ? { recordIds: records } : {}),
        actor: accountOf(request).id,
        authorityId: authorityOf(request),
      });
      return reply.code(201).send(await entryAnswer(deps, entry));
    },
  );

  const transition = (
    name: string,
    summary: string,
    body: z.ZodObject,
    run: (
      id: string,
      input: Record<string, unknown> & { actor: string; authorityId: string; reason: string },
    ) => Promise<ListEntry>,
  ) =>
    app.post(
      `/v1/list-entries/:id/${name}`,
      {
        config: { access: DECIDER },
        schema: {
          tags,
          summary,
          params: IdParam,
          body: body.extend({ reason: Reason }),
          response: { 200: ListEntrySchema, ...errors(404, 409) },
        },
      },
      async (request) =>
        entryAnswer(
          deps,
          await run(request.params.id, {
            ...(request.body as Record<string, unknown>),
            reason: (request.body as { reason: string }).reason,
            actor: accountOf(request).id,
            authorityId: authorityOf(request),
          }),
          null,
          accountOf(request).authorityId ?? null,
        ),
    );

  transition(
    'notice',
    'Give notice: opens the period to state a case, in working days',
    z.object({}),
    (id, i) => noticeEntry(deps, id, i),
  );
  transition(
    'decision',
    'Decide: effective from today for the list type’s period',
    z.object({}),
    (id, i) => decideEntry(deps, id, i),
  );
  transition('rejection', 'Reject the proposal', z.object({}), (id, i) => rejectEntry(deps, id, i));
  transition(
    'extension',
    'Extend a fixed period within the list type’s bounds',
    z.object({
      // at least one part: a bare P is no duration
      by: z
        .string()
        .regex(/^P(\d+Y(\d+M)?(\d+D)?|\d+M(\d+D)?|\d+D)$/, 'an ISO 8601 duration such as P1Y'),
    }),
    (id, i) => extendEntry(deps, id, { ...i, by: String(i.by) }),
  );
  transition(
    'removal',
    'Remove the entry for a reason the list type allows',
    z.object({
      removal: z.enum(['performed', 'early_removal', 'objection_upheld', 'revoked', 'repaired']),
    }),
    (id, i) => removeEntry(deps, id, { ...i, removal: i.removal as 'performed' }),
  );

  app.post(
    '/v1/list-entries/:id/waiver',
    {
      config: { access: ['subject'] },
      schema: {
        tags,
        summary: 'The subject waives the rest of its notice period',
        params: IdParam,
        body: z.object({ reason: Reason }),
        response: { 200: ListEntrySchema, ...errors(404, 409) },
      },
    },
    async (request) => {
      const account = accountOf(request);
      await visibleEntry(deps, account, request.params.id);
      const waived = await waiveNotice(deps, request.params.id, {
        actor: account.id,
        reason: request.body.reason,
      });
      return entryAnswer(deps, waived, account.subjectId);
    },
  );
};
