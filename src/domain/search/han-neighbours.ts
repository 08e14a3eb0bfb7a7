/**
 * What a query in Chinese characters may have meant, one slip away, that an exact lookup can
 * find (SPEC 4.9): two neighbouring characters typed in the other order, or a character taken
 * for one that looks like it. Unlike a typo of one letter in pinyin, neither is near in the
 * stored keys (the initials and the pinyin of a swapped name differ in two places, and a
 * look-alike is mostly read aloud otherwise), and at a million subjects the near keys of a
 * name are shared by too many others for its true name to be among the few scored.
 */
import { lookAlikesOf } from './look-alike.js';
import { analyseName, type NameAnalysis } from './normalise.js';
import type { SubjectKind } from '../subject.js';

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

/** A query read with one of its characters taken for the look-alike it was meant to be. */
export interface Reading {
  analysis: NameAnalysis;
  /** the character as typed, and as read */
  typed: string;
  read: string;
}

/**
 * The query read with one look-alike character replaced, where that makes a region or a
 * legal form of what was core (旡津聚顺劳务 as 天津 and 聚顺劳务): the core it then has is what
 * its holder is indexed under, and the rest of the name weighs as a region or form does. A
 * look-alike within the core needs no reading: the core's edit distance counts it as half an
 * edit, and `hanNeighbours` finds it.
 */
export function lookAlikeReadings(query: NameAnalysis, kind: SubjectKind): Reading[] {
  if (query.han === '') return [];
  const chars = Array.from(query.folded);
  const weakLength = weakCharacters(query);
  const readings: Reading[] = [];
  for (const [i, typed] of chars.entries()) {
    for (const read of lookAlikesOf(typed)) {
      const text = [...chars.slice(0, i), read, ...chars.slice(i + 1)].join('');
      const analysis = analyseName(text, kind);
      if (analysis.han !== '' && weakCharacters(analysis) > weakLength)
        readings.push({ analysis, typed, read });
    }
  }
  return readings;
}

const weakCharacters = (a: NameAnalysis): number =>
  a.weak.reduce((n, w) => n + Array.from(w.text).length, 0);
