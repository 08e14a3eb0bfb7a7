import { z } from 'zod';
import { RENAME_LANGS } from '../../domain/subject-merge.js';
import {
  mergesOf,
  mergeSubjects,
  undoMerge,
} from '../../services/subjects/subject-merge.service.js';
import { renameSubject } from '../../services/subjects/subject-rename.service.js';
import { OPERATOR } from '../access.js';
import { accountOf } from '../auth.js';
import { errors, IdentifierParam, IdParam, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { SubjectSchema } from './subjects.js';

const Ids = z.array(z.string());
const Seqs = z.array(z.number());
const Moves = z.array(z.object({ from: z.number(), to: z.number() }));

const MovedSchema = z
  .object({
    identifiers: Moves,
    names: z.array(z.object({ from: z.number(), to: z.number(), current: z.boolean() })),
    relations: Seqs,
    relationsTo: Seqs,
    ended: z
      .array(z.object({ id: z.number(), validTo: z.string().nullable() }))
      .describe(
        'moved relations the merge ended on its day as redundant (relating the subject to itself, or repeating one it held in force), with the end each had',
      ),
    versions: Ids,
    entries: Ids,
    transitions: Seqs,
    ratings: Ids,
    objections: Ids,
    repairs: Ids,
    inquiries: Seqs,
    accounts: Ids,
  })
  .describe(
    'the keys of every row that moved (positions for identifiers and names): what an undo moves back',
  );

const MergeSchema = z
  .object({
    id: z.string(),
    subjectId: z.string().describe('the subject kept'),
    duplicateId: z.string().describe('the duplicate merged into it'),
    reason: z.string(),
    mergedAt: z.string(),
    mergedBy: z.string(),
    moved: MovedSchema,
    undone: z
      .object({
        at: z.string(),
        by: z.string(),
        reason: z.string(),
        followers: z
          .object({ versions: Ids, transitions: Seqs, objections: Ids, repairs: Ids })
          .describe('rows added since that went back with a moved item'),
      })
      .nullable(),
  })
  .meta({ id: 'SubjectMerge' });

const Reason = NonBlank.min(1).max(2000);

/** Operators' changes to subjects: a new name, merging a duplicate, undoing a merge. */
export const subjectChangeRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['subjects'];
  app.post(
    '/v1/subjects/:identifier/names',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: "Record a subject's new name; the one it replaces is kept as former",
        description:
          'The name becomes current in its language (zh or en, detected from the name when omitted); search finds the new name at once, and the former one still.',
        params: IdentifierParam,
        body: z.object({ name: NonBlank.min(1).max(300), lang: z.enum(RENAME_LANGS).optional() }),
        response: { 200: SubjectSchema, ...errors(404, 409) },
      },
    },
    async (request) =>
      renameSubject(deps, request.params.identifier, request.body, accountOf(request).id),
  );

  app.post(
    '/v1/subjects/:identifier/merges',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Merge a duplicate subject into this one',
        description:
          "The duplicate's identifiers, names, records, list entries, ratings, objections, repair applications and inquiries move to this subject, which keeps its id; its identifiers then find this file. Reversible.",
        params: IdentifierParam,
        body: z.object({ duplicate: NonBlank.min(1).max(64), reason: Reason }),
        response: { 201: MergeSchema, ...errors(404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await mergeSubjects(
            deps,
            { subject: request.params.identifier, ...request.body },
            accountOf(request).id,
          ),
        ),
  );

  app.get(
    '/v1/subjects/:identifier/merges',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'The merges a subject took part in, kept or merged away, oldest first',
        params: IdentifierParam,
        response: { 200: z.object({ items: z.array(MergeSchema) }), ...errors(404) },
      },
    },
    async (request) => ({ items: await mergesOf(deps, request.params.identifier) }),
  );

  app.post(
    '/v1/subject-merges/:id/undo',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Undo a merge: exactly what moved goes back',
        description:
          'Rows added to the subject kept since stay with it, unless they belong to a moved item (a later version of a moved record, an objection to it).',
        params: IdParam,
        body: z.object({ reason: Reason }),
        response: { 200: MergeSchema, ...errors(404, 409) },
      },
    },
    async (request) =>
      undoMerge(deps, request.params.id, request.body.reason, accountOf(request).id),
  );
};
