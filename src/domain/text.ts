/**
 * Whether text can be stored on every backend: PostgreSQL text cannot hold U+0000, and its JSON
 * refuses a lone surrogate (half of a UTF-16 pair), which no name or field means either.
 */
export const isStorableText = (text: string): boolean =>
  !text.includes('\u0000') && text.isWellFormed();
