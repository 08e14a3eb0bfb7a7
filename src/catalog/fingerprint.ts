import { createHash } from 'node:crypto';
import type { Catalog } from '../domain/catalog.js';

const fingerprints = new WeakMap<Catalog, string>();

/** maps and sets as arrays of their entries, in insertion order: JSON would write `{}` */
const entries = (_key: string, value: unknown): unknown =>
  value instanceof Map || value instanceof Set ? [...value] : value;

/**
 * A short hash of everything a catalog holds, its id and version included: what was computed
 * under one catalog is known stale under any other, even one edited without a version bump.
 * Computed once per loaded catalog.
 */
export function catalogFingerprint(catalog: Catalog): string {
  let fingerprint = fingerprints.get(catalog);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256')
      .update(JSON.stringify(catalog, entries))
      .digest('hex')
      .slice(0, 16);
    fingerprints.set(catalog, fingerprint);
  }
  return fingerprint;
}

/** A catalog's national items only: what every subject's view rests on. */
function nationalPart(catalog: Catalog): Record<string, unknown> {
  const national = <T extends { layer?: unknown }>(map: ReadonlyMap<string, T>) =>
    [...map].filter(([, item]) => !item.layer);
  return {
    ...catalog,
    recordTypes: national(catalog.recordTypes),
    listTypes: national(catalog.listTypes),
    measures: national(catalog.measures),
    ratingModels: national(catalog.ratingModels),
    purposes: national(catalog.purposes),
    layers: [],
  };
}

/** A layer and its items: what the views of subjects in its region rest on besides the national part. */
function layerPart(catalog: Catalog, region: string): unknown {
  const own = <T extends { layer?: { region: string } }>(map: ReadonlyMap<string, T>) =>
    [...map].filter(([, item]) => item.layer?.region === region);
  return [
    catalog.layers.get(region),
    own(catalog.recordTypes),
    own(catalog.listTypes),
    own(catalog.measures),
    own(catalog.ratingModels),
    own(catalog.purposes),
  ];
}

const hash = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value, entries)).digest('hex').slice(0, 16);

/**
 * What a subject's public view rests on (issue 22): the national part's fingerprint, and for
 * each layer prefix, longest first, the fingerprint of the national part with the layers that
 * apply under it. A change to a layer changes only the fingerprints of subjects in its region.
 */
export interface RegionalFingerprints {
  national: string;
  regional: Array<{ prefix: string; fingerprint: string }>;
}

const regionalCache = new WeakMap<Catalog, RegionalFingerprints>();

export function regionalFingerprints(catalog: Catalog): RegionalFingerprints {
  const cached = regionalCache.get(catalog);
  if (cached) return cached;
  const national = hash(nationalPart(catalog));
  const layers = [...catalog.layers.values()];
  const regional = layers
    .map((layer) => {
      const applying = layers.filter((l) => layer.prefix.startsWith(l.prefix));
      const parts = applying.map((l) => [l.region, hash(layerPart(catalog, l.region))]);
      return { prefix: layer.prefix, fingerprint: `${national}-${hash(parts)}` };
    })
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const result = { national, regional };
  regionalCache.set(catalog, result);
  return result;
}
