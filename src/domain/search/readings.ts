/**
 * Other ways to read a query than its analysis gives (SPEC 4.9): where a region or legal form
 * hides behind a look-alike character, or where a word after a region in pinyin is its level
 * (shi, 市) or the name's first syllable (识). Each reading is looked up and scored beside the
 * query, and a match through it scores as the reading does, times what the reading costs.
 */
import { LOOK_ALIKE_COST } from './edit-distance.js';
import { lookAlikesOf } from './look-alike.js';
import { analyseName, type NameAnalysis } from './normalise.js';
import { LEVEL_WORDS } from './weak-tokens.js';
import type { SubjectKind } from '../subject.js';

/** A query read otherwise, what a match through it keeps of its score, and why. */
export interface Reading {
  analysis: NameAnalysis;
  /** 1 for a reading as likely as the analysis; less for one that assumes a slip */
  factor: number;
  reason: string;
}

/** The readings of a query: look-alikes that hide a region or form, a level that is a syllable. */
export function queryReadings(query: NameAnalysis, kind: SubjectKind): Reading[] {
  return [...lookAlikeReadings(query, kind), ...levelWordReadings(query, kind)];
}

/**
 * The query read with one look-alike character replaced, where that makes a region or a
 * legal form of what was core (旡津聚顺劳务 as 天津 and 聚顺劳务): the core it then has is what
 * its holder is indexed under, and the rest of the name weighs as a region or form does. It
 * costs half an edit (LOOK_ALIKE_COST) over the query's characters. A look-alike within the
 * core needs no reading: the core's edit distance counts it, and `hanNeighbours` finds it.
 */
export function lookAlikeReadings(query: NameAnalysis, kind: SubjectKind): Reading[] {
  if (query.han === '') return [];
  const chars = Array.from(query.folded);
  const weakLength = weakCharacters(query);
  const hanLength = chars.filter((c) => HAN.test(c)).length;
  const readings: Reading[] = [];
  for (const [i, typed] of chars.entries()) {
    for (const read of lookAlikesOf(typed)) {
      const text = [...chars.slice(0, i), read, ...chars.slice(i + 1)].join('');
      const analysis = analyseName(text, kind);
      if (analysis.han !== '' && weakCharacters(analysis) > weakLength)
        readings.push({
          analysis,
          factor: 1 - LOOK_ALIKE_COST / hanLength,
          reason: `${typed} read as its look-alike ${read}`,
        });
    }
  }
  return readings;
}

/**
 * An organization's name in spaced pinyin whose region ends in a level word (qing dao shi jin
 * wen hua) read with that word as the first syllable of the core (青岛 识进文化, not 青岛市 进文化):
 * 市, 省 and their syllables are as common in trade names as before them. As likely as the
 * analysis, so it costs nothing; the names decide.
 */
export function levelWordReadings(query: NameAnalysis, kind: SubjectKind): Reading[] {
  if (query.han !== '' || kind === 'person') return [];
  const words = query.folded.split(' ');
  const readings: Reading[] = [];
  let at = 0;
  for (const w of query.weak) {
    if (w.type !== 'region') continue;
    const own = w.text.split(' ');
    const level = own.at(-1)!;
    if (own.length < 2 || !LEVEL_WORDS.includes(level)) continue;
    const start = words.indexOf(own[0]!, at);
    const end = start + own.length;
    at = Math.max(at, end);
    if (start < 0 || end >= words.length || words.slice(start, end).join(' ') !== w.text) continue;
    const text = [...words.slice(0, end - 1), `${level}${words[end]}`, ...words.slice(end + 1)];
    const analysis = analyseName(text.join(' '), kind);
    if (analysis.core.length > 0 && analysis.latin !== query.latin)
      readings.push({
        analysis,
        factor: 1,
        reason: `${level} read as the name's, not the level of ${own.slice(0, -1).join(' ')}`,
      });
  }
  return readings;
}

const HAN = /\p{Script=Han}/u;

const weakCharacters = (a: NameAnalysis): number =>
  a.weak.reduce((n, w) => n + Array.from(w.text).length, 0);
