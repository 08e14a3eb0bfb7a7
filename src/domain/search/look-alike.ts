/**
 * Characters that look alike and are mistaken for one another in reading or copying a name:
 * a substitution between them is a near miss, not a whole edit.
 *
 * No maintained source of CJK look-alikes is available to this project as a package (Unicode's
 * confusables.txt maps compatibility forms and radicals to their ideographs, not one ideograph to
 * another; the glyph-similarity tables published elsewhere are not on npm). Until one is, this
 * holds only the pairs the search issue reported; a fuller table replaces LOOK_ALIKE_GROUPS.
 */
const LOOK_ALIKE_GROUPS: readonly string[] = ['己已巳', '未末', '士土', '戊戌戍', '人入'];

const GROUP_OF: ReadonlyMap<string, number> = new Map(
  LOOK_ALIKE_GROUPS.flatMap((group, i) => Array.from(group, (c) => [c, i] as const)),
);

/** Whether two different characters are look-alikes. */
export function looksAlike(a: string, b: string): boolean {
  const group = GROUP_OF.get(a);
  return group !== undefined && a !== b && GROUP_OF.get(b) === group;
}

/** The characters that look like this one, for the quality set's noise. */
export function lookAlikesOf(char: string): string[] {
  const group = GROUP_OF.get(char);
  return group === undefined ? [] : Array.from(LOOK_ALIKE_GROUPS[group]!).filter((c) => c !== char);
}
