import type { CharacteristicKind } from './model.js';
import { categoryValue, numericValue, type RawValue } from './values.js';
import { woeTable, type BinCounts } from './woe.js';

/** Binning of one characteristic: monotonic for numbers, by category (rare ones merged) otherwise. */

export interface BinningOptions {
  /** quantile bins to start numeric binning from */
  maxBins: number;
  /** every bin (but a missing bin) holds at least this share of the rows, where the data allow */
  minBinShare: number;
}

export const DEFAULT_BINNING: BinningOptions = { maxBins: 10, minBinShare: 0.05 };

/** A bin with its training counts, before WOE and points. */
export interface CountedBin extends BinCounts {
  label: string;
  lower?: number;
  upper?: number;
  categories?: string[];
  missing?: true;
}

/** Bins the values of one characteristic against the good/bad flags (parallel arrays). */
export function binCharacteristic(
  kind: CharacteristicKind,
  values: readonly RawValue[],
  good: readonly boolean[],
  options: BinningOptions = DEFAULT_BINNING,
): CountedBin[] {
  const minCount = options.minBinShare * values.length;
  const bins =
    kind === 'numeric'
      ? numericBins(values, good, options.maxBins, minCount)
      : categoricalBins(values, good, minCount);
  const missing = { goods: 0, bads: 0 };
  values.forEach((v, i) => {
    const absent = kind === 'numeric' ? numericValue(v) === null : categoryValue(v) === null;
    if (absent) missing[good[i] ? 'goods' : 'bads']++;
  });
  if (missing.goods + missing.bads > 0) bins.push({ label: 'missing', missing: true, ...missing });
  return bins;
}

/** A run of adjacent distinct values; `lo` is the smallest of them. */
interface Group extends BinCounts {
  lo: number;
}

const count = (b: BinCounts) => b.goods + b.bads;
const badRate = (b: BinCounts) => b.bads / count(b);
const merged = (a: Group, b: Group): Group => ({
  lo: Math.min(a.lo, b.lo),
  goods: a.goods + b.goods,
  bads: a.bads + b.bads,
});

function numericBins(
  values: readonly RawValue[],
  good: readonly boolean[],
  maxBins: number,
  minCount: number,
): CountedBin[] {
  // typed arrays of values and row indices, not a [value, good] pair per row: training bins
  // every column once per fold, and pairs would fill the heap with short-lived arrays
  const numbers = new Float64Array(values.length);
  const present: number[] = [];
  values.forEach((v, i) => {
    const n = numericValue(v);
    if (n === null) return;
    numbers[i] = n;
    present.push(i);
  });
  if (present.length === 0) return [];
  const order = Uint32Array.from(present).sort((a, b) => numbers[a]! - numbers[b]!);
  const distinct: Group[] = [];
  for (const i of order) {
    const v = numbers[i]!;
    let last = distinct.at(-1);
    if (!last || last.lo !== v) distinct.push((last = { lo: v, goods: 0, bads: 0 }));
    last[good[i] === true ? 'goods' : 'bads']++;
  }
  const start = mergeSmall(quantileGroups(distinct, order.length, maxBins), minCount);
  // keep whichever direction of the bad rate loses less information
  const up = monotone(start, 1);
  const down = monotone(start, -1);
  const ivUp = woeTable(up).informationValue;
  const ivDown = woeTable(down).informationValue;
  const best = ivUp > ivDown || (ivUp === ivDown && up.length >= down.length) ? up : down;
  return best.map((g, i) => {
    const lower = i === 0 ? undefined : g.lo;
    const upper = i === best.length - 1 ? undefined : best[i + 1]!.lo;
    return {
      label: rangeLabel(lower, upper),
      ...(lower === undefined ? {} : { lower }),
      ...(upper === undefined ? {} : { upper }),
      goods: g.goods,
      bads: g.bads,
    };
  });
}

/** Groups distinct values into at most `maxBins` runs of about equal counts; ties never split. */
function quantileGroups(distinct: readonly Group[], n: number, maxBins: number): Group[] {
  const groups: Group[] = [];
  let next = 1;
  let seen = 0;
  for (const d of distinct) {
    if (groups.length === 0 || seen >= (next * n) / maxBins) {
      groups.push({ lo: d.lo, goods: 0, bads: 0 });
      // a heavy tie can pass several quantiles at once
      while (seen >= (next * n) / maxBins) next++;
    }
    const g = groups.at(-1)!;
    g.goods += d.goods;
    g.bads += d.bads;
    seen += count(d);
  }
  return groups;
}

/** Merges the smallest group into its neighbour with the closer bad rate until all are big enough. */
function mergeSmall(input: readonly Group[], minCount: number): Group[] {
  const groups = [...input];
  while (groups.length > 1) {
    let i = 0;
    for (let j = 1; j < groups.length; j++) if (count(groups[j]!) < count(groups[i]!)) i = j;
    if (count(groups[i]!) >= minCount) break;
    const left = groups[i - 1];
    const right = groups[i + 1];
    const rate = badRate(groups[i]!);
    const toLeft =
      right === undefined ||
      (left !== undefined && Math.abs(badRate(left) - rate) <= Math.abs(badRate(right) - rate));
    const at = toLeft ? i - 1 : i;
    groups.splice(at, 2, merged(groups[at]!, groups[at + 1]!));
  }
  return groups;
}

/** Pools adjacent groups until the bad rate strictly rises (direction 1) or falls (-1) with the value. */
function monotone(input: readonly Group[], direction: 1 | -1): Group[] {
  const groups = [...input];
  let i = 0;
  while (i < groups.length - 1) {
    if (direction * (badRate(groups[i + 1]!) - badRate(groups[i]!)) > 0) {
      i++;
    } else {
      groups.splice(i, 2, merged(groups[i]!, groups[i + 1]!));
      // the pooled group may now break the order with the one before it
      i = Math.max(0, i - 1);
    }
  }
  return groups;
}

function rangeLabel(lower: number | undefined, upper: number | undefined): string {
  if (lower === undefined && upper === undefined) return 'all';
  if (lower === undefined) return `< ${upper}`;
  if (upper === undefined) return `>= ${lower}`;
  return `[${lower}, ${upper})`;
}

interface CategoryGroup extends BinCounts {
  categories: string[];
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

function categoricalBins(
  values: readonly RawValue[],
  good: readonly boolean[],
  minCount: number,
): CountedBin[] {
  const counts = new Map<string, BinCounts>();
  values.forEach((v, i) => {
    const c = categoryValue(v);
    if (c === null) return;
    const entry = counts.get(c) ?? { goods: 0, bads: 0 };
    entry[good[i] ? 'goods' : 'bads']++;
    counts.set(c, entry);
  });
  const frequent: CategoryGroup[] = [];
  const rare: CategoryGroup[] = [];
  for (const [category, c] of counts) {
    (count(c) >= minCount ? frequent : rare).push({ categories: [category], ...c });
  }
  frequent.sort((a, b) => byName(a.categories[0]!, b.categories[0]!));
  const combined = combineRare(rare, minCount);
  const tooSmall = combined.length === 1 && count(combined[0]!) < minCount;
  if (tooSmall && frequent.length > 0) {
    // a lone small group of rare categories joins the frequent category most like it
    const g = combined.pop()!;
    const nearest = frequent.reduce((a, b) =>
      Math.abs(badRate(b) - badRate(g)) < Math.abs(badRate(a) - badRate(g)) ? b : a,
    );
    nearest.categories.push(...g.categories);
    nearest.goods += g.goods;
    nearest.bads += g.bads;
  }
  return [...frequent, ...combined].map((g) => {
    const categories = [...g.categories].sort(byName);
    return { label: categories.join(', '), categories, goods: g.goods, bads: g.bads };
  });
}

/** Groups rare categories in order of bad rate into groups of at least `minCount` rows. */
function combineRare(rare: readonly CategoryGroup[], minCount: number): CategoryGroup[] {
  const sorted = [...rare].sort(
    (a, b) => badRate(a) - badRate(b) || byName(a.categories[0]!, b.categories[0]!),
  );
  const groups: CategoryGroup[] = [];
  let open: CategoryGroup | null = null;
  for (const r of sorted) {
    open ??= { categories: [], goods: 0, bads: 0 };
    open.categories.push(...r.categories);
    open.goods += r.goods;
    open.bads += r.bads;
    if (count(open) >= minCount) {
      groups.push(open);
      open = null;
    }
  }
  if (open) {
    const last = groups.at(-1);
    if (last) {
      last.categories.push(...open.categories);
      last.goods += open.goods;
      last.bads += open.bads;
    } else groups.push(open);
  }
  return groups;
}
