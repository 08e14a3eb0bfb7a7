import { checkGroupModel } from './group-checks.js';
import { groupModelSchema } from './group-schema.js';
import type { MembershipKind } from '../domain/membership.js';
import { scorecardModelSchema } from './scorecard-schema.js';
import { checkScorecardModel } from './scorecard-checks.js';
import { z } from 'zod';
import type { ListType, RecordType } from '../domain/catalog.js';
import type { RatingModel } from '../domain/rating-model.js';
import { readEntryFiles, settleEntries } from './entry-files.js';
import type { EntriesRead } from './load-lists.js';
import { checkPointsModel, type RatingCheckContext } from './rating-checks.js';
import { pointsModelSchema } from './rating-schema.js';
import type { CatalogProblem, Report, Segment } from './source.js';

/**
 * Reading rating models (SPEC 4.6): one file per model in rating-models/, of any kind.
 * The file's `kind` picks its schema and its cross-checks; a new kind is one schema in
 * KIND_SCHEMAS and one entry in KIND_CHECKS. The directory is optional.
 */

export const RATING_MODELS_DIR = 'rating-models';

/** one schema per kind, discriminated by `kind` */
const KIND_SCHEMAS = [pointsModelSchema, scorecardModelSchema, groupModelSchema] as const;

type Check<M> = (model: M, ctx: RatingCheckContext, report: Report) => void;

/** the cross-checks of each kind; the mapped type makes a missing kind a compile error */
const KIND_CHECKS: { [K in RatingModel['kind']]: Check<Extract<RatingModel, { kind: K }>> } = {
  points: checkPointsModel,
  scorecard: checkScorecardModel,
  group: checkGroupModel,
};

const KINDS = Object.keys(KIND_CHECKS).join(', ');

export const ratingModelSchema = z.discriminatedUnion('kind', KIND_SCHEMAS, {
  error: `a rating model's kind is one of ${KINDS}`,
});

// a parsed file is a RatingModel as it stands
const parsedIsModel = (m: z.output<typeof ratingModelSchema>): RatingModel => m;

/** what each section's entries are called in messages */
const SECTION_NAMES: Record<string, string> = {
  startScore: 'start score',
  rules: 'rule',
  directGrades: 'direct grade',
  specialGrades: 'special grade',
  ceilings: 'ceiling',
  carryOver: 'carry-over',
  sharedCaps: 'shared cap',
};

/**
 * The union schema, with every problem inside a rule prefixed by the rule's id
 * (`rule "bank_arrears": …`), as the cross-checks word theirs.
 */
const ratingFileSchema = z.unknown().transform((data, ctx) => {
  const result = ratingModelSchema.safeParse(data);
  if (result.success) return parsedIsModel(result.data);
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p): p is Segment => typeof p !== 'symbol');
    const who = ruleNamed(data, path);
    const prefix = who ? `${who}: ` : '';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        ctx.issues.push({
          code: 'custom',
          input: data,
          path: [...path, key],
          message: `${prefix}unknown key "${key}"`,
        });
    } else
      ctx.issues.push({ code: 'custom', input: data, path, message: `${prefix}${issue.message}` });
  }
  return z.NEVER;
});

/** `rule "bank_arrears"` when the path leads into a rule that has an id */
function ruleNamed(data: unknown, path: readonly Segment[]): string | null {
  const [section, index] = path;
  const name = typeof section === 'string' ? SECTION_NAMES[section] : undefined;
  if (!name || typeof index !== 'number') return null;
  const entries = (data as Record<string, unknown>)[section as string];
  const entry = Array.isArray(entries)
    ? (entries[index] as { id?: unknown } | undefined)
    : undefined;
  return typeof entry?.id === 'string' ? `${name} "${entry.id}"` : null;
}

function checkRatingModel(model: RatingModel, ctx: RatingCheckContext, report: Report) {
  const check = KIND_CHECKS[model.kind] as Check<RatingModel>;
  check(model, ctx, report);
}

export async function readRatingModels(
  dir: string,
  types: EntriesRead<RecordType>,
  lists: EntriesRead<ListType>,
  problems: CatalogProblem[],
  /** the models above (national, and the layers over this one) and the memberships, for group models */
  groups: {
    ratingModels: ReadonlyMap<string, RatingModel>;
    memberships: ReadonlyMap<string, MembershipKind>;
  },
): Promise<Map<string, RatingModel>> {
  const read = await readEntryFiles(
    dir,
    RATING_MODELS_DIR,
    ratingFileSchema,
    'rating model',
    problems,
  );
  const ctx: RatingCheckContext = {
    recordTypes: types.valid,
    brokenTypes: types.broken,
    listTypes: lists.valid,
    brokenLists: lists.broken,
    // a group model may rate its members by a model of the same directory
    ratingModels: new Map([
      ...groups.ratingModels,
      ...read.parsed.map((p): [string, RatingModel] => [p.entry.id, parsedIsModel(p.entry)]),
    ]),
    brokenModels: read.broken,
    memberships: groups.memberships,
  };
  return settleEntries<RatingModel>(
    {
      parsed: read.parsed.map((p) => ({ ...p, entry: parsedIsModel(p.entry) })),
      broken: read.broken,
    },
    problems,
    (model, source) => checkRatingModel(model, ctx, source.report),
  ).valid;
}
