/**
 * Derives look-alike characters from stroke data: the medians (centre lines) of each stroke of
 * a character, in a 1024 × 1024 box, in writing order, as the Make Me a Hanzi project publishes
 * them (npm `hanzi-writer-data`). Two characters look alike when they are written with the
 * same strokes, or one stroke more, and the ink that moves between them is little: the summed
 * distance of their strokes, stroke by stroke, plus half the length of a stroke one of them
 * adds, stays within a bound (己/已 81, 未/末 154, 戊/戌 170, 人/入 258; 人/八 298, 田/由 440).
 * Run at build time by `npm run look-alikes`, which writes look-alike-table.ts.
 */

/** points each stroke is resampled to */
const POINTS = 8;
/** the most ink (summed stroke distance, 1024-unit box) two look-alikes differ by */
export const LOOK_ALIKE_BOUND = 260;
/** what a stroke that only one of the two characters has weighs, per unit of its length */
const EXTRA_STROKE = 0.5;

interface Shape {
  char: string;
  strokes: number;
  /** x, y of each resampled point, stroke after stroke */
  points: Float64Array;
  lengths: Float64Array;
  /** the mean of all points: two shapes this far apart differ by at least strokes × it */
  cx: number;
  cy: number;
}

function shapeOf(char: string, medians: ReadonlyArray<ReadonlyArray<readonly number[]>>): Shape {
  const points = new Float64Array(medians.length * POINTS * 2);
  const lengths = new Float64Array(medians.length);
  let cx = 0;
  let cy = 0;
  medians.forEach((stroke, s) => {
    const seg: number[] = [];
    let total = 0;
    for (let i = 1; i < stroke.length; i++) {
      const d = Math.hypot(
        stroke[i]![0]! - stroke[i - 1]![0]!,
        stroke[i]![1]! - stroke[i - 1]![1]!,
      );
      seg.push(d);
      total += d;
    }
    lengths[s] = total;
    for (let k = 0; k < POINTS; k++) {
      let t = (total * k) / (POINTS - 1);
      let i = 0;
      while (i < seg.length - 1 && t > seg[i]!) t -= seg[i++]!;
      const a = stroke[i]!;
      const b = stroke[Math.min(i + 1, stroke.length - 1)]!;
      const f = seg[i] ? Math.min(1, t / seg[i]!) : 0;
      const x = a[0]! + (b[0]! - a[0]!) * f;
      const y = a[1]! + (b[1]! - a[1]!) * f;
      points[(s * POINTS + k) * 2] = x;
      points[(s * POINTS + k) * 2 + 1] = y;
      cx += x;
      cy += y;
    }
  });
  const n = Math.max(1, medians.length * POINTS);
  return { char, strokes: medians.length, points, lengths, cx: cx / n, cy: cy / n };
}

/** The mean distance between stroke i of a and stroke j of b. */
function strokeDistance(a: Shape, i: number, b: Shape, j: number): number {
  let sum = 0;
  const pa = a.points;
  const pb = b.points;
  for (let k = 0; k < POINTS; k++) {
    const ia = (i * POINTS + k) * 2;
    const ib = (j * POINTS + k) * 2;
    sum += Math.hypot(pa[ia]! - pb[ib]!, pa[ia + 1]! - pb[ib + 1]!);
  }
  return sum / POINTS;
}

/**
 * How much ink moves between two characters (b has as many strokes as a, or one more), or
 * Infinity once past the bound.
 */
export function inkDistance(a: Shape, b: Shape, bound = LOOK_ALIKE_BOUND): number {
  if (a.strokes === b.strokes) {
    let sum = 0;
    for (let i = 0; i < a.strokes && sum <= bound; i++) sum += strokeDistance(a, i, b, i);
    return sum <= bound ? sum : Infinity;
  }
  if (b.strokes !== a.strokes + 1) return Infinity;
  let best = Infinity;
  for (let skip = 0; skip < b.strokes; skip++) {
    let sum = b.lengths[skip]! * EXTRA_STROKE;
    for (let i = 0; i < a.strokes && sum <= Math.min(best, bound); i++)
      sum += strokeDistance(a, i, b, i < skip ? i : i + 1);
    if (sum < best) best = sum;
  }
  return best <= bound ? best : Infinity;
}

export type StrokeData = ReadonlyMap<string, ReadonlyArray<ReadonlyArray<readonly number[]>>>;

/** Every pair of look-alike characters (each pair once, its characters in code point order). */
export function deriveLookAlikes(
  data: StrokeData,
  bound = LOOK_ALIKE_BOUND,
): Array<[string, string]> {
  const byCount = new Map<number, Shape[]>();
  for (const [char, medians] of data) {
    if (medians.length === 0) continue;
    const shape = shapeOf(char, medians);
    (byCount.get(shape.strokes) ?? byCount.set(shape.strokes, []).get(shape.strokes)!).push(shape);
  }
  for (const shapes of byCount.values()) shapes.sort((a, b) => a.cx - b.cx);
  const pairs: Array<[string, string]> = [];
  for (const [count, shapes] of byCount) {
    for (const more of [0, 1]) {
      const others = byCount.get(count + more);
      if (!others) continue;
      // with as many strokes, the ink moved is at least strokes × the shift of the centre
      const reach = more === 0 ? bound / count : Infinity;
      let from = 0;
      for (let i = 0; i < shapes.length; i++) {
        const a = shapes[i]!;
        while (from < others.length && others[from]!.cx < a.cx - reach) from++;
        for (let j = more === 0 ? Math.max(from, i + 1) : from; j < others.length; j++) {
          const b = others[j]!;
          if (b.cx > a.cx + reach) break;
          if (more === 0 && Math.abs(b.cy - a.cy) > reach) continue;
          if (inkDistance(a, b, bound) <= bound)
            pairs.push(a.char < b.char ? [a.char, b.char] : [b.char, a.char]);
        }
      }
    }
  }
  return pairs.sort((p, q) => (p[0] === q[0] ? (p[1] < q[1] ? -1 : 1) : p[0] < q[0] ? -1 : 1));
}

export { shapeOf };
