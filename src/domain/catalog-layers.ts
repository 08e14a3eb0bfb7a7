import type { LayerRef, LocalizedText } from './catalog.js';

/** Regional catalog layers (issue 22): which items apply to a subject, and which layer an answer rests on. */

/** Whether a catalog item applies to a subject in `region`: national items everywhere, a layer's within its prefix. */
export function appliesInRegion(item: { layer?: LayerRef }, region: string | null): boolean {
  return !item.layer || (region !== null && region.startsWith(item.layer.prefix));
}

/** Whether an authority with these regions (6-digit codes) acts wholly inside a layer's region. */
export function actsWithinLayer(layer: LayerRef, regions: readonly string[]): boolean {
  return regions.length > 0 && regions.every((r) => r.startsWith(layer.prefix));
}

/** What an answer says of the layer an item came from: its region and name; null for a national item. */
export interface LayerLabel {
  region: string;
  name: LocalizedText;
}

export const layerLabel = (item: { layer?: LayerRef }): LayerLabel | null =>
  item.layer ? { region: item.layer.region, name: item.layer.name } : null;
