import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type {
  Catalog,
  CatalogLayer,
  InquiryPurpose,
  LayerRef,
  ListType,
  Measure,
  RecordType,
} from '../domain/catalog.js';
import { isKnownDivision } from '../domain/identifiers/divisions.js';
import type { RatingModel } from '../domain/rating-model.js';
import { checkPurpose, checkRecordType } from './cross-checks.js';
import { readEntryFiles, settleEntries } from './entry-files.js';
import { checkLayerItems, ITEM_DIRS, type ItemKind, type LayerItems } from './layer-checks.js';
import { readListTypes, readMeasures } from './load-lists.js';
import { readRatingModels } from './load-ratings.js';
import { layerFileSchema, purposesFileSchema, recordTypeSchema } from './schema.js';
import { parseWith, readSource, type CatalogProblem, type Segment } from './source.js';

/**
 * Regional layers (issue 22): every directory beside the national catalog whose catalog.yaml
 * says `extends: <the national directory's name>` is a layer over it, named after the 6-digit
 * division code it governs (`catalogs/371082/`). Layers are read shortest prefix first, so that
 * a county layer sees the city's and the province's items; each is checked against the
 * national catalog and merged in, its items tagged with the layer they came from.
 */

interface Found {
  dir: string;
  region: string;
  meta: NonNullable<ReturnType<typeof parseMeta>>;
}

/** The national catalog with every valid layer merged in; problems are reported against `../<region>/<file>`. */
export async function mergeLayers(
  nationalDir: string,
  national: Catalog,
  problems: CatalogProblem[],
): Promise<Catalog> {
  const found = await findLayers(nationalDir, problems);
  let merged = national;
  for (const layer of found) {
    const local: CatalogProblem[] = [];
    merged = await readLayer(layer, national, merged, local);
    problems.push(...local.map((p) => ({ ...p, file: `../${layer.region}/${p.file}` })));
  }
  return merged;
}

async function findLayers(nationalDir: string, problems: CatalogProblem[]): Promise<Found[]> {
  const home = resolve(nationalDir);
  const parent = dirname(home);
  const name = basename(home);
  const found: Found[] = [];
  for (const entry of readdirSync(parent, { withFileTypes: true })) {
    const dir = join(parent, entry.name);
    if (!entry.isDirectory() || dir === home || !existsSync(join(dir, 'catalog.yaml'))) continue;
    const local: CatalogProblem[] = [];
    const source = await readSource(dir, 'catalog.yaml', [], local);
    const data = source?.data as { extends?: unknown } | undefined;
    // another national catalog (or one over it) is no layer of this one
    if (!source || data?.extends !== name) continue;
    const meta = parseMeta(source, entry.name);
    problems.push(...local.map((p) => ({ ...p, file: `../${entry.name}/${p.file}` })));
    if (meta && local.length === 0) found.push({ dir, region: entry.name, meta });
  }
  return found.sort(
    (a, b) => a.meta.prefix.length - b.meta.prefix.length || a.region.localeCompare(b.region),
  );
}

function parseMeta(source: NonNullable<Awaited<ReturnType<typeof readSource>>>, region: string) {
  const meta = parseWith(layerFileSchema, source);
  if (!meta) return null;
  if (!/^\d{6}$/.test(region) || !isKnownDivision(region))
    source.report(
      [],
      `a layer's directory is named after a known 6-digit division code, not "${region}"`,
    );
  else if (meta.prefix.padEnd(6, '0') !== region)
    source.report(
      ['prefix'],
      `the prefix "${meta.prefix}" does not govern the directory's division ${region} (its prefix is ${region.replace(/(00)+$/, '')})`,
    );
  return meta;
}

async function readLayer(
  found: Found,
  national: Catalog,
  loaded: Catalog,
  problems: CatalogProblem[],
): Promise<Catalog> {
  const { dir, region, meta } = found;
  const ref: LayerRef = { region, prefix: meta.prefix, name: meta.name };
  // the items of the national catalog and of the layers above this one
  const above = <T extends { layer?: LayerRef }>(map: ReadonlyMap<string, T>) =>
    new Map(
      [...map].filter(([, item]) => !item.layer || meta.prefix.startsWith(item.layer.prefix)),
    );
  const domainIds = new Set(national.domains.keys());

  const typesRead = await readEntryFiles(
    dir,
    ITEM_DIRS.recordTypes,
    recordTypeSchema,
    'record type',
    problems,
  );
  const types = settleEntries<RecordType>(typesRead, problems, (type, source) =>
    checkRecordType(type, domainIds, source.report),
  );
  const typesCtx = {
    valid: new Map([...above(loaded.recordTypes), ...types.valid]),
    broken: types.broken,
  };
  const lists = await readListTypes(dir, domainIds, typesCtx, problems);
  const listsCtx = {
    valid: new Map([...above(loaded.listTypes), ...lists.valid]),
    broken: lists.broken,
  };
  const measures = await readMeasures(dir, domainIds, listsCtx, problems);
  const ratingModels = await readRatingModels(dir, typesCtx, listsCtx, problems, {
    ratingModels: above(loaded.ratingModels),
    memberships: loaded.memberships,
  });
  const purposes = await readLayerPurposes(dir, typesCtx, domainIds, problems);

  const items: LayerItems = {
    recordTypes: types.valid,
    listTypes: lists.valid,
    measures,
    ratingModels,
    purposes,
  };
  const pending: Array<{ kind: ItemKind; id: string; at: readonly Segment[]; message: string }> =
    [];
  checkLayerItems(
    items,
    national,
    loaded,
    {
      recordTypes: new Set([...localIds(typesCtx.valid), ...types.valid.keys()]),
      listTypes: new Set([...localIds(listsCtx.valid), ...lists.valid.keys()]),
    },
    (kind, id, at, message) => pending.push({ kind, id, at, message }),
  );
  for (const p of pending) await reportAt(dir, p.kind, p.id, p.at, p.message, purposes, problems);

  const tag = <T extends object>(map: ReadonlyMap<string, T>) =>
    [...map].map(([id, item]): [string, T & { layer: LayerRef }] => [id, { ...item, layer: ref }]);
  const layer: CatalogLayer = {
    ...ref,
    id: meta.id,
    version: meta.version,
    legalBasis: meta.legalBasis,
  };
  return {
    ...loaded,
    recordTypes: new Map<string, RecordType>([...loaded.recordTypes, ...tag(types.valid)]),
    listTypes: new Map<string, ListType>([...loaded.listTypes, ...tag(lists.valid)]),
    measures: new Map<string, Measure>([...loaded.measures, ...tag(measures)]),
    ratingModels: new Map<string, RatingModel>([...loaded.ratingModels, ...tag(ratingModels)]),
    purposes: new Map<string, InquiryPurpose>([...loaded.purposes, ...tag(purposes)]),
    layers: new Map([...loaded.layers, [region, layer]]),
  };
}

/** the ids of layer items among these (the layer's own and those of the layers above it) */
const localIds = (map: ReadonlyMap<string, { layer?: LayerRef }>): Set<string> =>
  new Set([...map].filter(([, item]) => item.layer !== undefined).map(([id]) => id));

/** A layer's purposes.yaml, when it has one: the same checks as the national file's. */
async function readLayerPurposes(
  dir: string,
  types: { valid: ReadonlyMap<string, RecordType>; broken: ReadonlySet<string> },
  domainIds: ReadonlySet<string>,
  problems: CatalogProblem[],
): Promise<Map<string, InquiryPurpose>> {
  if (!existsSync(join(dir, ITEM_DIRS.purposes))) return new Map();
  const source = await readSource(dir, ITEM_DIRS.purposes, [], problems);
  const parsed = source && parseWith(purposesFileSchema, source);
  if (!source || !parsed) return new Map();
  parsed.purposes.forEach((purpose, i) =>
    checkPurpose(purpose, types.valid, types.broken, domainIds, (path, message) =>
      source.report(['purposes', i, ...path], message),
    ),
  );
  return new Map(parsed.purposes.map((p) => [p.id, p]));
}

/** Reports a layer rule's problem at its place in the item's own file, with its line. */
async function reportAt(
  dir: string,
  kind: ItemKind,
  id: string,
  at: readonly Segment[],
  message: string,
  purposes: ReadonlyMap<string, unknown>,
  problems: CatalogProblem[],
): Promise<void> {
  if (kind === 'purposes') {
    const source = await readSource(dir, ITEM_DIRS.purposes, [], problems);
    source?.report(['purposes', [...purposes.keys()].indexOf(id), ...at], message);
    return;
  }
  const sub = ITEM_DIRS[kind];
  const file = existsSync(join(dir, sub, `${id}.yaml`)) ? `${id}.yaml` : `${id}.yml`;
  const source = await readSource(dir, `${sub}/${file}`, [sub, id], problems);
  source?.report(at, message);
}
