import { z } from 'zod';
import { LIST_COLOURS } from '../../domain/catalog.js';
import { isIsoDate } from '../../domain/dates.js';
import { SUBJECT_KINDS } from '../../domain/subject.js';
import {
  DOUBLE_PUBLICITY,
  disclosureDirectory,
  listDirectory,
  type DisclosureKind,
  type DisclosurePosition,
} from '../../services/disclosure/public-directory.service.js';
import { listTypeOf } from '../../services/lists/transition.js';
import { ANYONE } from '../access.js';
import { badCursor, decodeCursor, encodeCursor } from '../cursor.js';
import { DateString, errors, LegalBasisSchema, NonBlank, page, PageQuery } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';
import { PublicRecordSchema } from './subjects.js';
import { readingDeps } from '../standby-reads.js';

const Localized = z.object({ zh: z.string(), en: z.string() });

const DirectorySubjectSchema = z
  .object({
    kind: z.enum(SUBJECT_KINDS),
    name: z.string(),
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() })),
    region: z.string().nullable(),
    regionName: z.string().nullable(),
    pageIdentifier: z
      .string()
      .nullable()
      .describe(
        'the identifier that opens the subject’s public view (GET /v1/subjects/{identifier}); null for a person, whose identifier the public never sees',
      ),
  })
  .meta({ id: 'DirectorySubject' });

const AuthoritySchema = z.object({
  id: z.string(),
  name: z
    .string()
    .nullable()
    .describe(
      'null when no authority decided: the registry listed the subject under the list’s rules',
    ),
  nameEn: z.string().nullable(),
});

const ListDirectoryRowSchema = z
  .object({
    entryId: z.string(),
    subject: DirectorySubjectSchema,
    list: z.object({
      id: z.string(),
      name: Localized,
      colour: z.enum(LIST_COLOURS),
      sanction: z
        .boolean()
        .describe('false for a redlist (colour red): a commendation, never a sanction'),
    }),
    authority: AuthoritySchema.describe('the deciding authority'),
    legalBasis: z.array(LegalBasisSchema),
    circumstance: z.string().nullable(),
    decidedOn: z.string().nullable().describe('the decision date: the entry took effect'),
    endsOn: z.string().nullable().describe('null: open-ended until the obligation is performed'),
    disputed: z.boolean().describe('under an open objection'),
  })
  .meta({ id: 'ListDirectoryRow' });

const DisclosureRowSchema = z
  .object({
    kind: z.enum(['licence', 'penalty']),
    subject: DirectorySubjectSchema,
    typeName: Localized,
    authority: AuthoritySchema.describe('the deciding authority'),
    record: PublicRecordSchema,
  })
  .meta({ id: 'DisclosureRow' });

const DirectoryFilter = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  region: z
    .string()
    .regex(/^\d{2,6}$/, 'a division code or its leading digits (44, 4401, 440100)')
    .optional()
    .describe('the subject’s region: a division code or its leading digits'),
  from: DateString.optional().describe('decision dates on or after (YYYY-MM-DD)'),
  to: DateString.optional().describe('decision dates on or before (YYYY-MM-DD)'),
});

const PAGING =
  'Paged (pass `next` back as `cursor`); a page may hold fewer rows than `limit` when the filters skip many, and only an empty `next` ends the directory.';

/** The public directories (issue 18): the lists in force and the latest licences and penalties. */
export const directoryRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['public directories'];
  app.get(
    '/v1/directory/list-entries',
    {
      config: { access: ANYONE, reads: 'standby' },
      schema: {
        tags,
        summary: 'Entries of the blacklists, warning lists and redlists in force today',
        description: `What the public view of each subject shows of its list entries in force today: the subject (a person's identifier masked to its region code), the list by name and colour (a redlist is never a sanction), the deciding authority, legal basis, decision and end date. Filter by list type or colour, the subject's region, and the decision date. ${PAGING}`,
        querystring: DirectoryFilter.extend({
          listType: NonBlank.max(64).optional().describe('a list type id of the catalog'),
          colour: z.enum(LIST_COLOURS).optional(),
        }),
        response: { 200: page(ListDirectoryRowSchema), ...errors() },
      },
    },
    async (request) => {
      const { cursor, listType, ...query } = request.query;
      if (listType) listTypeOf(deps, listType);
      const result = await listDirectory(
        readingDeps(deps, request),
        { ...query, ...(listType ? { listType } : {}) },
        decodeCursor(cursor, ''),
      );
      return { items: result.items, next: result.next && encodeCursor(result.next) };
    },
  );

  app.get(
    '/v1/directory/disclosures',
    {
      config: { access: ANYONE, reads: 'standby' },
      schema: {
        tags,
        summary: 'The latest public administrative licences and penalties (双公示)',
        description: `Records of the licence types (${DOUBLE_PUBLICITY.licence.join(', ')}) and penalty types (${DOUBLE_PUBLICITY.penalty.join(', ')}) as the subject's public view shows them today (inside their publication window, not revoked, the corrected version), latest decision first. ${PAGING}`,
        querystring: DirectoryFilter.extend({
          kind: z.enum(['licence', 'penalty']).optional(),
          type: z
            .enum([...DOUBLE_PUBLICITY.licence, ...DOUBLE_PUBLICITY.penalty])
            .optional()
            .describe('one record type'),
        }),
        response: { 200: page(DisclosureRowSchema), ...errors() },
      },
    },
    async (request) => {
      const { cursor, kind, type, ...query } = request.query;
      const result = await disclosureDirectory(
        readingDeps(deps, request),
        {
          ...query,
          ...(kind ? { kind: kind as DisclosureKind } : {}),
          ...(type ? { type } : {}),
        },
        cursor === undefined ? undefined : positionOf(decodeCursor(cursor, '')),
      );
      const next = result.next && encodeCursor(`${result.next.date}/${result.next.id}`);
      return { items: result.items, next };
    },
  );
};

function positionOf(raw: string): DisclosurePosition {
  const [date = '', id = ''] = raw.split('/', 2);
  if (!isIsoDate(date) || id === '') throw badCursor();
  return { date, id };
}
