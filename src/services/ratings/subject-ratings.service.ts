import type { Catalog } from '../../domain/catalog.js';
import { layerLabel, type LayerLabel } from '../../domain/catalog-layers.js';
import type { StoredRating } from '../../domain/rating-run.js';
import { explainPointsResult } from '../../domain/ratings/explain.js';
import { explainGroupResult, type GroupResult } from '../../domain/ratings/group-engine.js';
import type { PointsResult } from '../../domain/ratings/points-result.js';
import type { ReasonCode } from '../../domain/scorecard/scorecard.js';
import type { ServiceDeps } from '../deps.js';

/** A subject's latest published rating under one model, with the lines that explain it. */
export interface LatestRating {
  rating: StoredRating;
  explanation: string[];
  /** the regional layer of the rating's model; null for a national model (issue 22) */
  layer: LayerLabel | null;
}

/** The latest published rating per model, models in catalog order; drafts never show. */
export async function latestRatings(deps: ServiceDeps, subjectId: string): Promise<LatestRating[]> {
  return latestOf(deps.catalog, await deps.store.listRatingsOf([subjectId]));
}

/** `latestRatings` of a subject's ratings already read, newest first as `listRatingsOf` gives them. */
export function latestOf(catalog: Catalog, ratings: readonly StoredRating[]): LatestRating[] {
  const newest = new Map<string, StoredRating>();
  for (const r of ratings) {
    if (r.published && !newest.has(r.modelId)) newest.set(r.modelId, r);
  }
  const order = [...catalog.ratingModels.keys()];
  return [...newest.values()]
    .sort((a, b) => rank(order, a.modelId) - rank(order, b.modelId))
    .map((rating) => {
      const model = catalog.ratingModels.get(rating.modelId);
      return { rating, explanation: explain(rating), layer: model ? layerLabel(model) : null };
    });
}

const rank = (order: string[], id: string): number => {
  const i = order.indexOf(id);
  return i < 0 ? order.length : i;
};

function explain(rating: StoredRating): string[] {
  const result = rating.result;
  if (result.kind === 'points') return explainPointsResult(result as unknown as PointsResult);
  if (result.kind === 'group') return explainGroupResult(result as unknown as GroupResult);
  const characteristics = (result.characteristics ?? []) as Array<{
    name: string;
    bin: string;
    points: number;
    recordIds: string[];
  }>;
  const reasons = (result.reasons ?? []) as ReasonCode[];
  return [
    `${rating.modelId} ${rating.modelVersion} as of ${rating.asOf}: score ${rating.score} (${rating.grade})`,
    ...characteristics.map(
      (c) =>
        `  ${c.points.toFixed(2).padStart(9)}  ${c.name}: ${c.bin}${c.recordIds.length > 0 ? ` [records ${c.recordIds.join(', ')}]` : ''}`,
    ),
    ...reasons.map(
      (r) => `  reason ${r.rank}: ${r.label} (${r.bin}), ${r.shortfall.toFixed(2)} below the best`,
    ),
  ];
}
