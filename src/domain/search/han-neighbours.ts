/**
 * What a query in Chinese characters may have meant, one slip away, that an exact lookup can
 * find (SPEC 4.9): two neighbouring characters typed in the other order, or a character taken
 * for one that looks like it. Unlike a typo of one letter in pinyin, neither is near in the
 * stored keys (the initials and the pinyin of a swapped name differ in two places, and a
 * look-alike is mostly read aloud otherwise), and at a million subjects the near keys of a
 * name are shared by too many others for its true name to be among the few scored.
 */
import { lookAlikesOf } from './look-alike.js';

/** the most variants of a core looked up: a core of 20 characters with a look-alike in each is rare */
export const MAX_HAN_NEIGHBOURS = 40;

/**
 * The core with two neighbouring characters in the other order, and with one character
 * replaced by a look-alike; without the core itself and without duplicates.
 */
export function hanNeighbours(han: string, most = MAX_HAN_NEIGHBOURS): string[] {
  const chars = Array.from(han);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    out.add([...chars.slice(0, i), chars[i + 1], chars[i], ...chars.slice(i + 2)].join(''));
  }
  for (const [i, c] of chars.entries())
    for (const other of lookAlikesOf(c))
      out.add([...chars.slice(0, i), other, ...chars.slice(i + 1)].join(''));
  out.delete(han);
  return [...out].slice(0, most);
}
