import type { Subject } from '../subject.js';
import { analyseName, searchKeys, type SearchKey } from './normalise.js';

/**
 * What the store indexes of a subject: the search keys of every name it has had, current and
 * former (a former name is still how counterparties know it), without duplicates.
 * Identifiers are not indexed here: they are found exactly through their own table, and a
 * person's identifier must never be found from a part of it.
 */
export function subjectSearchKeys(subject: Pick<Subject, 'kind' | 'names'>): SearchKey[] {
  const seen = new Set<string>();
  const keys: SearchKey[] = [];
  for (const n of subject.names) {
    for (const key of searchKeys(analyseName(n.name, subject.kind))) {
      const id = `${key.kind} ${key.value}`;
      if (seen.has(id)) continue;
      seen.add(id);
      keys.push(key);
    }
  }
  return keys;
}

const WHOLE_LATIN = new Set<SearchKey['kind']>(['pinyin', 'latin']);

/**
 * Keys the trigram indexes hold (the store's `fuzzy` column): whole names in Latin letters,
 * pinyin included, without the region (a typo in the region matters little, and the core's
 * pinyin is in the regional form anyway). Han keys are matched exactly (a typo in a character
 * shows in its pinyin); initials and tokens (bigrams, words) are too short for trigrams.
 */
export const isFuzzyKey = (key: SearchKey): boolean =>
  WHOLE_LATIN.has(key.kind) && key.value.length >= 3;
