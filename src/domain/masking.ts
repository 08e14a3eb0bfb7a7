import type { SubjectIdentifier, SubjectKind } from './subject.js';

/**
 * A person's identifier as the public sees it (SPEC 4.9): the first 6 and last 4 characters,
 * never the birth date between them. Short identifiers keep only their last 2.
 */
export function maskValue(value: string): string {
  if (value.length > 10)
    return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
  return `${'*'.repeat(Math.max(value.length - 2, 0))}${value.slice(-2)}`;
}

/** Organization identifiers are public in full; a person's are masked. */
export function publicIdentifier(
  kind: SubjectKind,
  identifier: Pick<SubjectIdentifier, 'scheme' | 'value'>,
): { scheme: string; value: string; masked: boolean } {
  const masked = kind === 'person';
  return {
    scheme: identifier.scheme,
    value: masked ? maskValue(identifier.value) : identifier.value,
    masked,
  };
}
