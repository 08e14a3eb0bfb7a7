import type { Catalog, ListPeriod, ListType, Measure, RecordType } from '../domain/catalog.js';
import { compareDurations } from '../domain/dates.js';
import type { RatingModel } from '../domain/rating-model.js';
import type { Segment } from './source.js';

/**
 * The rules a regional layer keeps (issue 22): it adds record types, list types, measures,
 * rating models and purposes; it may not redefine or weaken a national item. Each problem
 * names its rule, so that the validator says which one a layer breaks.
 */

/** what a layer adds, each kind by id */
export interface LayerItems {
  recordTypes: ReadonlyMap<string, RecordType>;
  listTypes: ReadonlyMap<string, ListType>;
  measures: ReadonlyMap<string, Measure>;
  ratingModels: ReadonlyMap<string, RatingModel>;
  purposes: ReadonlyMap<string, { id: string }>;
}

/** the directory an item of each kind lives in, where a problem with it is reported */
export const ITEM_DIRS = {
  recordTypes: 'record-types',
  listTypes: 'list-types',
  measures: 'measures',
  ratingModels: 'rating-models',
  purposes: 'purposes.yaml',
} as const;

export type ItemKind = keyof typeof ITEM_DIRS;

export type LayerReport = (
  kind: ItemKind,
  id: string,
  segments: readonly Segment[],
  message: string,
) => void;

const KIND_NAMES: Record<ItemKind, string> = {
  recordTypes: 'record type',
  listTypes: 'list type',
  measures: 'measure',
  ratingModels: 'rating model',
  purposes: 'purpose',
};

/**
 * Checks a layer's items. `national` is the national catalog; `loaded` the catalog merged so far
 * (national and the layers read before), whose ids a layer may not take; `visible` the record
 * and list types of the layer and the layers above it, on which its lists and measures rest.
 */
export function checkLayerItems(
  items: LayerItems,
  national: Catalog,
  loaded: Catalog,
  visible: { recordTypes: ReadonlySet<string>; listTypes: ReadonlySet<string> },
  report: LayerReport,
): void {
  for (const kind of Object.keys(ITEM_DIRS) as ItemKind[]) {
    for (const id of items[kind].keys()) {
      const existing = loaded[kind].get(id) as { layer?: { name: { en: string } } } | undefined;
      if (!existing) continue;
      const owner = existing.layer ? `layer ${existing.layer.name.en}` : 'the national catalog';
      report(
        kind,
        id,
        ['id'],
        `rule "no redefinition": ${owner} already has the ${KIND_NAMES[kind]} "${id}"; a layer adds items under ids of its own, it may not redefine a national one`,
      );
    }
  }
  const floors = nationalFloors(national);
  for (const type of items.recordTypes.values()) checkWindows(type, floors.longestWindow, report);
  for (const list of items.listTypes.values()) {
    checkList(list, floors, report);
    list.criteria.forEach((c, i) => {
      if (!visible.recordTypes.has(c.recordType))
        report(
          'listTypes',
          list.id,
          ['criteria', i, 'recordType'],
          `rule "local basis": a layer's list rests on record types of the layer or the layers above it, not on "${c.recordType}", so that it reaches only subjects in its region`,
        );
    });
  }
  for (const measure of items.measures.values()) checkMeasure(measure, national, visible, report);
}

interface Floors {
  /** the shortest notice period of a national decided list, in working days */
  notice: number;
  /** the longest publication window of a national record type */
  longestWindow: string;
  /** the longest fixed period of a national list, extensions included */
  longestPeriod: string;
}

function nationalFloors(national: Catalog): Floors {
  const decided = [...national.listTypes.values()].filter((l) => l.designation === 'decided');
  const windows = [...national.recordTypes.values()].flatMap(windowsOf).map((w) => w.window);
  const periods = [...national.listTypes.values()].flatMap((l) =>
    periodsOf(l).map((p) => p.duration),
  );
  return {
    notice: Math.min(...decided.map((l) => l.noticeWorkingDays)),
    longestWindow: longest(windows),
    longestPeriod: longest(periods),
  };
}

const longest = (durations: readonly string[]): string =>
  durations.reduce((a, b) => (compareDurations(a, b) >= 0 ? a : b), 'P0D');

/** every publication window a record type declares, with where it is declared */
function windowsOf(type: RecordType): Array<{ window: string; at: Segment[] }> {
  const p = type.publication;
  if (p.kind === 'fixed') return [{ window: p.window, at: ['publication', 'window'] }];
  if (p.kind === 'when' && p.window) return [{ window: p.window, at: ['publication', 'window'] }];
  if (p.kind !== 'tiered') return [];
  return Object.entries(p.tiers).flatMap(([tier, t]) =>
    t?.window ? [{ window: t.window, at: ['publication', 'tiers', tier, 'window'] }] : [],
  );
}

/** every fixed period a list type declares, extensions counted, with where it is declared */
function periodsOf(list: ListType): Array<{ duration: string; at: Segment[] }> {
  const fixed = (p: ListPeriod, at: Segment[]) =>
    p.kind === 'fixed' ? [{ duration: p.duration, at }] : [];
  return [
    ...fixed(list.period, ['period', 'duration']),
    ...Object.entries(list.periodByField?.periods ?? {}).flatMap(([value, p]) =>
      fixed(p, ['periodByField', 'periods', value, 'duration']),
    ),
  ];
}

function checkWindows(type: RecordType, ceiling: string, report: LayerReport) {
  for (const { window, at } of windowsOf(type)) {
    if (compareDurations(window, ceiling) > 0)
      report(
        'recordTypes',
        type.id,
        at,
        `rule "no longer publication": the window ${window} is longer than the national catalog's longest (${ceiling})`,
      );
  }
}

function checkList(list: ListType, floors: Floors, report: LayerReport) {
  if (list.designation === 'decided' && list.noticeWorkingDays < floors.notice)
    report(
      'listTypes',
      list.id,
      ['noticeWorkingDays'],
      `rule "no shorter notice": ${list.noticeWorkingDays} working days is shorter than the national catalog's shortest notice period of a decided list (${floors.notice} working days)`,
    );
  for (const { duration, at } of periodsOf(list)) {
    if (compareDurations(duration, floors.longestPeriod) > 0)
      report(
        'listTypes',
        list.id,
        at,
        `rule "no longer publication": the period ${duration} is longer than the national catalog's longest list period (${floors.longestPeriod})`,
      );
  }
}

/**
 * Since 2021 no punishment outside the national basic list of measures may be imposed: a layer's
 * adverse measure governs only actions that a national adverse measure governs.
 */
function checkMeasure(
  measure: Measure,
  national: Catalog,
  visible: { listTypes: ReadonlySet<string> },
  report: LayerReport,
) {
  measure.lists.forEach((l, j) => {
    if (!visible.listTypes.has(l))
      report(
        'measures',
        measure.id,
        ['lists', j],
        `rule "local basis": a layer's measure follows lists of the layer or the layers above it, not "${l}"`,
      );
  });
  if (measure.kind === 'incentive') return;
  const basic = new Set(
    [...national.measures.values()].filter((m) => m.kind !== 'incentive').flatMap((m) => m.actions),
  );
  measure.actions.forEach((action, j) => {
    if (!basic.has(action))
      report(
        'measures',
        measure.id,
        ['actions', j],
        `rule "basic list of measures": no national measure governs "${action}"; since 2021 a punishment outside the national basic list of measures may not be imposed`,
      );
  });
}
