import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type {
  AuthorityDomain,
  Catalog,
  CommitmentTemplate,
  InquiryPurpose,
  ListType,
  ObjectionRule,
  RecordType,
  RepairPolicy,
} from '../domain/catalog.js';
import { CredenceError } from '../errors.js';
import { checkPurpose, checkRecordType, duplicates } from './cross-checks.js';
import { listYaml } from './entry-files.js';
import { mergeLayers } from './load-layers.js';
import { readListTypes, readMeasures } from './load-lists.js';
import { readMemberships } from './load-memberships.js';
import { readRatingModels } from './load-ratings.js';
import {
  catalogFileSchema,
  commitmentsFileSchema,
  domainsFileSchema,
  objectionsFileSchema,
  purposesFileSchema,
  recordTypeSchema,
  repairFileSchema,
} from './schema.js';
import {
  parseWith,
  readSource,
  type CatalogProblem,
  type Segment,
  type SourceFile,
} from './source.js';

export type { CatalogProblem } from './source.js';

const TYPES_DIR = 'record-types';

export interface CatalogValidation {
  /** null when there is any problem */
  catalog: Catalog | null;
  problems: CatalogProblem[];
}

export interface LoadOptions {
  /** merge the regional layers beside the directory (default true); false: the national catalog alone */
  layers?: boolean;
}

/**
 * Validates a catalog directory and the regional layers over it, reporting every problem found,
 * not just the first.
 */
export async function validateCatalogDir(
  dir: string,
  options: LoadOptions = {},
): Promise<CatalogValidation> {
  const problems: CatalogProblem[] = [];
  if (!(await isDirectory(dir))) {
    return {
      catalog: null,
      problems: [{ file: '.', path: '', message: `no catalog directory at ${dir}` }],
    };
  }

  const metaSource = await readSource(dir, 'catalog.yaml', [], problems);
  const meta = metaSource && parseWith(catalogFileSchema, metaSource);
  const domains = await readDomains(dir, problems);
  const types = await readRecordTypes(dir, domains, problems);
  const domainIds = domains ? new Set(domains.keys()) : null;
  const purposes = await readPurposes(dir, types, domainIds, problems);
  const lists = await readListTypes(dir, domainIds, types, problems);
  const measures = await readMeasures(dir, domainIds, lists, problems);
  const memberships = await readMemberships(dir, domainIds, problems);
  const ratingModels = await readRatingModels(dir, types, lists, problems, {
    ratingModels: new Map(),
    memberships,
  });
  const objectionRules = await readObjectionRules(dir, types, lists, problems);
  const repair = await readRepairPolicy(dir, types, lists, problems);
  const commitments = await readCommitments(dir, domainIds, types, problems);

  if (
    problems.length > 0 ||
    !meta ||
    !domains ||
    !purposes ||
    !objectionRules ||
    !repair ||
    !commitments
  )
    return { catalog: null, problems };
  const catalog: Catalog = {
    id: meta.id,
    version: meta.version,
    ...(meta.description ? { description: meta.description } : {}),
    domains,
    recordTypes: types.valid,
    purposes,
    listTypes: lists.valid,
    measures,
    ratingModels,
    objectionRules,
    repair,
    commitments,
    layers: new Map(),
    memberships,
  };
  if (options.layers === false) return { catalog, problems };
  const merged = await mergeLayers(dir, catalog, problems);
  return problems.length > 0 ? { catalog: null, problems } : { catalog: merged, problems };
}

/** Loads a catalog directory; throws CATALOG_NOT_FOUND or CATALOG_INVALID with every problem. */
export async function loadCatalog(dir: string, options: LoadOptions = {}): Promise<Catalog> {
  if (!(await isDirectory(dir))) {
    throw new CredenceError('CATALOG_NOT_FOUND', `no catalog directory at ${dir}`, { dir });
  }
  const { catalog, problems } = await validateCatalogDir(dir, options);
  if (!catalog) {
    const message = `the catalog at ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    throw new CredenceError('CATALOG_INVALID', message, { problems: problems.map(formatProblem) });
  }
  return catalog;
}

/** `file:line: path: message`, the form every tool prints a problem in. */
export function formatProblem(p: CatalogProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

async function readDomains(dir: string, problems: CatalogProblem[]) {
  const source = await readSource(dir, 'domains.yaml', [], problems);
  const parsed = source && parseWith(domainsFileSchema, source);
  if (!source || !parsed) return null;
  const ids = parsed.domains.map((d) => d.id);
  duplicates(ids, (i, id) => source.report(['domains', i, 'id'], `duplicate domain id "${id}"`));
  if (ids.includes('any'))
    source.report(
      ['domains', ids.indexOf('any'), 'id'],
      '"any" is reserved: it means every domain',
    );
  return new Map<string, AuthorityDomain>(parsed.domains.map((d) => [d.id, d]));
}

interface TypesRead {
  valid: Map<string, RecordType>;
  /** ids (from file names) of record types whose files failed: references to them are not reported */
  broken: Set<string>;
}

async function readRecordTypes(
  dir: string,
  domains: ReadonlyMap<string, unknown> | null,
  problems: CatalogProblem[],
): Promise<TypesRead> {
  const read: TypesRead = { valid: new Map(), broken: new Set() };
  const files = await listYaml(`${dir}/${TYPES_DIR}`);
  if (files.length === 0) {
    problems.push({
      file: TYPES_DIR,
      path: '',
      message: 'no record type files (record-types/<id>.yaml)',
    });
    return read;
  }
  const domainIds = domains ? new Set(domains.keys()) : null;
  for (const name of files) {
    const stem = basename(name, extname(name));
    const source = await readSource(dir, `${TYPES_DIR}/${name}`, [TYPES_DIR, stem], problems);
    const parsed = source && parseWith(recordTypeSchema, source);
    if (!source || !parsed) {
      read.broken.add(stem);
      continue;
    }
    const type: RecordType = parsed;
    const before = problems.length;
    if (type.id !== stem)
      source.report(['id'], `the id "${type.id}" differs from the file name ${name}`);
    if (read.valid.has(type.id) || read.broken.has(type.id))
      source.report(['id'], `duplicate record type id "${type.id}"`);
    checkRecordType(type, domainIds, source.report);
    if (problems.length === before) read.valid.set(type.id, type);
    else read.broken.add(type.id);
  }
  return read;
}

async function readPurposes(
  dir: string,
  types: TypesRead,
  domainIds: ReadonlySet<string> | null,
  problems: CatalogProblem[],
) {
  const source = await readSource(dir, 'purposes.yaml', [], problems);
  const parsed = source && parseWith(purposesFileSchema, source);
  if (!source || !parsed) return null;
  duplicates(
    parsed.purposes.map((p) => p.id),
    (i, id) => source.report(['purposes', i, 'id'], `duplicate purpose id "${id}"`),
  );
  parsed.purposes.forEach((purpose, i) =>
    checkPurpose(purpose, types.valid, types.broken, domainIds, (path, message) =>
      source.report(['purposes', i, ...path], message),
    ),
  );
  return new Map<string, InquiryPurpose>(parsed.purposes.map((p) => [p.id, p]));
}

type ListsRead = { valid: ReadonlyMap<string, ListType>; broken: ReadonlySet<string> };

/**
 * Commitment templates: ids unique, a legal basis each, a recipient domain that exists, a
 * context the credit_commitment type knows, and words that fit its promise field.
 */
async function readCommitments(
  dir: string,
  domainIds: ReadonlySet<string> | null,
  types: TypesRead,
  problems: CatalogProblem[],
): Promise<Map<string, CommitmentTemplate> | null> {
  const source = await readSource(dir, 'commitments.yaml', [], problems);
  const parsed = source && parseWith(commitmentsFileSchema, source);
  if (!source || !parsed) return null;
  const templates = parsed.commitments;
  duplicates(
    templates.map((t) => t.id),
    (i, tid) => source.report(['commitments', i, 'id'], `duplicate commitment template "${tid}"`),
  );
  const type = types.valid.get('credit_commitment');
  if (!type && !types.broken.has('credit_commitment') && templates.length > 0)
    source.report(
      ['commitments'],
      'commitments are published as credit_commitment records: the record type is missing',
    );
  const contexts = type?.fields.find((f) => f.name === 'context')?.values ?? [];
  const maxLength = type?.fields.find((f) => f.name === 'promise')?.maxLength ?? Infinity;
  templates.forEach((t, i) => {
    if (t.legalBasis.length === 0)
      source.report(
        ['commitments', i, 'legalBasis'],
        'every commitment template names its legal basis',
      );
    if (domainIds && !domainIds.has(t.recipientDomain))
      source.report(['commitments', i, 'recipientDomain'], `unknown domain "${t.recipientDomain}"`);
    if (type && !contexts.includes(t.context))
      source.report(
        ['commitments', i, 'context'],
        `"${t.context}" is not a context of credit_commitment (${contexts.join(', ')})`,
      );
    for (const lang of ['zh', 'en'] as const)
      if (t.text[lang].length > maxLength)
        source.report(
          ['commitments', i, 'text', lang],
          `longer than the ${maxLength} characters a credit_commitment promise holds`,
        );
  });
  return new Map(templates.map((t) => [t.id, t]));
}

/** Objection rules: the types they name exist, no type is named twice, one rule is the default. */
async function readObjectionRules(
  dir: string,
  types: TypesRead,
  lists: ListsRead,
  problems: CatalogProblem[],
): Promise<ObjectionRule[] | null> {
  const source = await readSource(dir, 'objections.yaml', [], problems);
  const parsed = source && parseWith(objectionsFileSchema, source);
  if (!source || !parsed) return null;
  checkItemRules(source, ['objections'], parsed.objections, types, lists, () => null);
  parsed.objections.forEach((rule, i) => {
    if (rule.legalBasis.length === 0)
      source.report(['objections', i, 'legalBasis'], 'every objection rule names its legal basis');
  });
  return parsed.objections;
}

/** Repair rules: as objection rules, and every type they name has something to repair. */
async function readRepairPolicy(
  dir: string,
  types: TypesRead,
  lists: ListsRead,
  problems: CatalogProblem[],
): Promise<RepairPolicy | null> {
  const source = await readSource(dir, 'repair.yaml', [], problems);
  const parsed = source && parseWith(repairFileSchema, source);
  if (!source || !parsed) return null;
  const policy = parsed.repair;
  checkItemRules(source, ['repair', 'rules'], policy.rules, types, lists, (kind, t) => {
    if (kind === 'listTypes')
      return lists.valid.get(t)?.earlyRemoval ? null : `list type "${t}" has no early removal`;
    const publication = types.valid.get(t)?.publication;
    const repairable =
      publication?.kind === 'fixed'
        ? publication.repairAfter
        : publication?.kind === 'tiered' &&
          Object.values(publication.tiers).some((tier) => tier?.repairAfter);
    return repairable ? null : `record type "${t}" has no repairAfter: nothing to repair`;
  });
  policy.rules.forEach((rule, i) =>
    duplicates(
      rule.obligations.map((o) => o.id),
      (j, oid) =>
        source.report(
          ['repair', 'rules', i, 'obligations', j, 'id'],
          `duplicate obligation "${oid}"`,
        ),
    ),
  );
  if (policy.legalBasis.length === 0)
    source.report(['repair', 'legalBasis'], 'repair names its legal basis');
  return policy;
}

/**
 * Rules that apply by item type (objections, repair): ids are unique, the types they name
 * exist and have no other rule, `unfit` has nothing against them, and one rule is the default.
 */
function checkItemRules(
  source: SourceFile,
  at: Segment[],
  rules: ReadonlyArray<{
    id: string;
    recordTypes: string[];
    listTypes: string[];
    default: boolean;
  }>,
  types: TypesRead,
  lists: ListsRead,
  unfit: (kind: 'recordTypes' | 'listTypes', type: string) => string | null,
): void {
  duplicates(
    rules.map((r) => r.id),
    (i, id) => source.report([...at, i, 'id'], `duplicate rule id "${id}"`),
  );
  const named = new Set<string>();
  rules.forEach((rule, i) => {
    const check = (
      kind: 'recordTypes' | 'listTypes',
      known: ReadonlyMap<string, unknown>,
      broken: ReadonlySet<string>,
    ) =>
      rule[kind].forEach((t, j) => {
        const path = [...at, i, kind, j];
        // a type whose own file is broken is reported there, not again here
        if (broken.has(t)) return;
        if (!known.has(t)) {
          source.report(
            path,
            `"${t}" is not a ${kind === 'recordTypes' ? 'record' : 'list'} type of the catalog`,
          );
        } else {
          const problem = unfit(kind, t);
          if (problem) source.report(path, problem);
        }
        if (named.has(`${kind}:${t}`)) source.report(path, `"${t}" has a rule already`);
        named.add(`${kind}:${t}`);
      });
    check('recordTypes', types.valid, types.broken);
    check('listTypes', lists.valid, lists.broken);
  });
  const defaults = rules.filter((r) => r.default).length;
  if (defaults !== 1) source.report(at, `exactly one rule is the default, not ${defaults}`);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
