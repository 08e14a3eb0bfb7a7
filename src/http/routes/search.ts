import { z } from 'zod';
import { SUBJECT_KINDS } from '../../domain/subject.js';
import { searchSubjects } from '../../services/search/search.service.js';
import { ANYONE } from '../access.js';
import { errors } from '../schemas.js';
import type { RegisterRoutes } from '../types.js';

const HitSchema = z
  .object({
    kind: z.enum(SUBJECT_KINDS),
    name: z.string(),
    names: z.array(z.string()),
    identifiers: z.array(z.object({ scheme: z.string(), value: z.string(), masked: z.boolean() })),
    region: z.string().nullable(),
    regionName: z.string().nullable(),
    score: z.number().describe('0 to 1; 1 for an identifier'),
    matched: z.string().describe('the name that matched'),
    reasons: z.array(z.string()),
    listed: z.boolean().describe('a list entry is in force today'),
  })
  .meta({ id: 'SearchHit' });

/** Search (SPEC 4.9): by identifier or by name, fuzzily, for anyone; persons masked. */
export const searchRoutes: RegisterRoutes = (app, { deps }) => {
  app.get(
    '/v1/search',
    {
      config: { access: ANYONE },
      schema: {
        tags: ['search'],
        summary: 'Find subjects by identifier or by name, best first, each with why it matched',
        description:
          'A valid identifier (even full-width) answers exactly its subject. A name is matched in Chinese, pinyin (full or initials), Latin or English, with typos, full-width forms, traditional characters and other legal forms or regions; the score and reasons are explained in the README.',
        querystring: z.object({
          q: z.string().min(1).max(200),
          kind: z.enum(SUBJECT_KINDS).optional(),
          region: z
            .string()
            .regex(/^\d{2,6}$/, 'a region is a division code or its prefix, 2 to 6 digits')
            .optional(),
          listed: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(10),
        }),
        response: { 200: z.object({ items: z.array(HitSchema) }), ...errors() },
      },
    },
    async (request) => {
      const { q, kind, region, listed, limit } = request.query;
      const items = await searchSubjects(deps, {
        q,
        limit,
        ...(kind ? { kind } : {}),
        ...(region ? { region } : {}),
        ...(listed ? { listed: listed === 'true' } : {}),
      });
      return { items };
    },
  );
};
