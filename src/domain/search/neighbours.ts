/**
 * The strings one edit away from a form in Latin letters: what a typo of one letter (or one
 * Chinese character, in the initials) turns a stored key into. Looking them up exactly finds a
 * key with one typo without a trigram scan, and finds all of them.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** forms longer than this are left to the trigram pieces: their neighbours grow with length */
export const MAX_NEIGHBOURED = 30;

/**
 * The form itself and every string one substitution, deletion, insertion or transposition of
 * neighbouring letters away, without duplicates; letters and digits only. About 54 a letter.
 */
export function editNeighbours(form: string, longest = MAX_NEIGHBOURED): string[] {
  if (form.length === 0 || form.length > longest) return [];
  const out = new Set<string>([form]);
  for (let i = 0; i <= form.length; i++) {
    const head = form.slice(0, i);
    const rest = form.slice(i);
    const tail = form.slice(i + 1);
    for (const c of LETTERS) {
      out.add(`${head}${c}${rest}`);
      if (i < form.length && c !== form[i]) out.add(`${head}${c}${tail}`);
    }
    if (i < form.length) out.add(`${head}${tail}`);
    if (i < form.length - 1) out.add(`${head}${form[i + 1]}${form[i]}${form.slice(i + 2)}`);
  }
  out.delete('');
  return [...out];
}
