/**
 * Whether text can be stored on every backend: PostgreSQL text cannot hold U+0000, and its JSON
 * refuses a lone surrogate (half of a UTF-16 pair), which no name or field means either.
 */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && text.isWellFormed();

/**
 * Why text cannot be a subject's name, or null: a control character (an escape sequence runs in
 * the terminal that prints it) or nothing visible (only spaces and zero-width marks).
 */
export function nameProblem(name: string): string | null {
  const control = /\p{Cc}/u.exec(name)?.[0];
  if (control !== undefined) {
    const code = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `holds the control character U+${code}`;
  }
  return /[^\s\p{Cf}]/u.test(name) ? null : 'holds no visible character';
}
