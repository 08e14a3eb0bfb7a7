import { LOOK_ALIKE_PAIRS } from './look-alike-table.js';

/**
 * Characters that look alike and are mistaken for one another in reading or copying a name:
 * a substitution between them is a near miss, not a whole edit. The pairs are derived at build
 * time from the stroke data of a maintained package (look-alike-derive.ts, `npm run
 * look-alikes`): the same strokes, or one more, with little ink moved (己/已/巳, 未/末, 士/土,
 * 戊/戌/戍, 人/入, 大/太, 王/玉). Unicode's confusables.txt is no source for this: it maps
 * compatibility forms and radicals onto ideographs, not one ideograph onto another.
 */
const PARTNERS: ReadonlyMap<string, readonly string[]> = (() => {
  const partners = new Map<string, string[]>();
  for (const pair of LOOK_ALIKE_PAIRS.split(' ')) {
    const [a, b] = Array.from(pair) as [string, string];
    (partners.get(a) ?? partners.set(a, []).get(a)!).push(b);
    (partners.get(b) ?? partners.set(b, []).get(b)!).push(a);
  }
  return partners;
})();

/** Whether two different characters are look-alikes. */
export function looksAlike(a: string, b: string): boolean {
  return a !== b && (PARTNERS.get(a)?.includes(b) ?? false);
}

/** The characters that look like this one, for the quality set's noise. */
export function lookAlikesOf(char: string): string[] {
  return [...(PARTNERS.get(char) ?? [])];
}
