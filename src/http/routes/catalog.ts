import { z } from 'zod';
import type { Catalog } from '../../domain/catalog.js';
import { registerAuthority } from '../../services/authorities.service.js';
import { CredenceError } from '../../errors.js';
import { ANYONE, OPERATOR } from '../access.js';
import { accountOf } from '../auth.js';
import { errors, JsonObject, NonBlank } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

/** The catalog's sections as the API names them. */
const SECTIONS = {
  'record-types': (c: Catalog) => c.recordTypes,
  'list-types': (c: Catalog) => c.listTypes,
  measures: (c: Catalog) => c.measures,
  'rating-models': (c: Catalog) => c.ratingModels,
  purposes: (c: Catalog) => c.purposes,
  domains: (c: Catalog) => c.domains,
  // an organization chooses among these to make a credit commitment of its own
  'commitment-templates': (c: Catalog) => c.commitments,
  // a subject reads what a repair asks for before applying: each rule with the policy's deadlines
  'repair-rules': (c: Catalog) =>
    new Map(
      c.repair.rules.map((rule) => [
        rule.id,
        {
          ...rule,
          answer: c.repair.answer,
          decide: c.repair.decide,
          legalBasis: c.repair.legalBasis,
        },
      ]),
    ),
} as const;
type Section = keyof typeof SECTIONS;

const BILINGUAL =
  'Every text a person reads is given in Chinese and English, `{ "zh": …, "en": … }`: names, labels of enum values, descriptions, early-removal conditions, the basis of each rating rule and the provision notes of each legal basis (a law’s `title` is its published Chinese title). A reader picks its language.';
const SectionName = z.enum(Object.keys(SECTIONS) as [Section, ...Section[]]);

export const AuthoritySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    domains: z.array(z.string()),
    regions: z.array(z.string()),
  })
  .meta({ id: 'Authority' });

/** The closed, public catalog (SPEC 2.2) and the authorities: read by anyone. */
export const catalogRoutes: RegisterRoutes = (app, { deps }) => {
  const tags = ['catalog'];
  const { catalog } = deps;
  app.get(
    '/v1/catalog',
    {
      config: { access: ANYONE },
      schema: {
        tags,
        summary: 'The catalog version and the ids in each section',
        response: {
          200: z.object({
            id: z.string().nullable(),
            version: z.string(),
            sections: z.record(z.string(), z.array(z.string())),
          }),
        },
      },
    },
    async () => ({
      id: catalog.id ?? null,
      version: catalog.version,
      sections: Object.fromEntries(
        Object.entries(SECTIONS).map(([name, of]) => [name, [...of(catalog).keys()]]),
      ),
    }),
  );

  app.get(
    '/v1/catalog/:section',
    {
      config: { access: ANYONE },
      schema: {
        tags,
        summary: 'Every entry of one section, with its legal basis',
        description: BILINGUAL,
        params: z.object({ section: SectionName }),
        response: { 200: z.object({ items: z.array(JsonObject) }), ...errors() },
      },
    },
    async (request) => ({
      items: [...SECTIONS[request.params.section](catalog).values()] as unknown as Record<
        string,
        unknown
      >[],
    }),
  );

  app.get(
    '/v1/catalog/:section/:id',
    {
      config: { access: ANYONE },
      schema: {
        tags,
        summary: 'One catalog entry',
        description: BILINGUAL,
        params: z.object({ section: SectionName, id: NonBlank.min(1).max(128) }),
        response: { 200: JsonObject, ...errors(404) },
      },
    },
    async (request) => {
      const { section, id } = request.params;
      const entry = SECTIONS[section](catalog).get(id);
      if (!entry) {
        throw new CredenceError('CATALOG_ENTRY_NOT_FOUND', `no ${section} entry "${id}"`, {
          field: 'id',
        });
      }
      return entry as unknown as Record<string, unknown>;
    },
  );

  app.get(
    '/v1/authorities',
    {
      config: { access: ANYONE },
      schema: {
        tags: ['authorities'],
        summary: 'The registered authorities, their domains and regions',
        response: { 200: z.object({ items: z.array(AuthoritySchema) }) },
      },
    },
    async () => ({ items: await deps.store.listAuthorities() }),
  );

  app.put(
    '/v1/authorities/:id',
    {
      config: { access: OPERATOR },
      schema: {
        tags: ['authorities'],
        summary: 'Register or update an authority',
        description:
          'Every registration or change states its reason; the audit entry keeps the values before and after it.',
        params: z.object({ id: NonBlank.min(1).max(32) }),
        body: AuthoritySchema.omit({ id: true }).extend({
          nameEn: z.string().max(300).nullable().optional(),
          // required: a request without one is REQUEST_INVALID, white space AUTHORITY_REASON_REQUIRED
          reason: z
            .string()
            .max(2000)
            .refine((text) => text.trim() !== '', {
              message: 'a change to an authority states its reason',
              params: { code: 'AUTHORITY_REASON_REQUIRED' },
            })
            .meta({ minLength: 1, pattern: '\\S' })
            .describe('why the authority is registered or changed'),
        }),
        response: { 200: AuthoritySchema, ...errors() },
      },
    },
    async (request) => {
      const { reason, ...input } = request.body;
      if (!reason.trim())
        throw new CredenceError('AUTHORITY_REASON_REQUIRED', undefined, { field: 'reason' });
      return registerAuthority(
        deps,
        { ...input, id: request.params.id },
        accountOf(request).id,
        reason,
      );
    },
  );
};
