import { looksAlike } from './look-alike.js';

/** what substituting a look-alike character costs: a near miss, half an edit */
export const LOOK_ALIKE_COST = 0.5;

/**
 * Optimal string alignment distance between two strings, by code point: insertions, deletions,
 * substitutions and transpositions of two neighbouring characters cost one edit each (a swap
 * typed or misread is one slip, not two), and a substitution between look-alike characters
 * (己 for 已) costs LOOK_ALIKE_COST. Names are short, so the full table is cheap.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  const width = t.length + 1;
  // three rows: two back for a transposition
  let back2 = new Float64Array(width);
  let back1 = Float64Array.from({ length: width }, (_, j) => j);
  let row = new Float64Array(width);
  for (let i = 1; i <= s.length; i++) {
    row[0] = i;
    const si = s[i - 1] as string;
    for (let j = 1; j <= t.length; j++) {
      const tj = t[j - 1] as string;
      const change = si === tj ? 0 : looksAlike(si, tj) ? LOOK_ALIKE_COST : 1;
      let best = Math.min(
        (back1[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (back1[j - 1] as number) + change,
      );
      if (i > 1 && j > 1 && si === t[j - 2] && s[i - 2] === tj)
        best = Math.min(best, (back2[j - 2] as number) + 1);
      row[j] = best;
    }
    [back2, back1, row] = [back1, row, back2];
  }
  return back1[t.length] as number;
}
