import type { IdentifierScheme, SubjectIdentifier, SubjectKind } from './subject.js';

/** Schemes only persons carry: their numbers are masked, and found in public only with a name. */
export const PERSON_SCHEMES: ReadonlySet<IdentifierScheme> = new Set(['ric', 'passport']);

/** what stands for every character of a person's identifier the public may not see */
const HIDDEN = '*';
/** the region code a resident ID starts with: all of it the public sees */
const REGION_LENGTH = 6;
/** the length shown for a person's identifier of another scheme, whatever its own */
const OPAQUE_LENGTH = 8;

/**
 * A person's identifier as the public sees it (SPEC 4.9): a resident ID keeps its 6-character
 * region code and nothing else, so that no birth date, sequence or check character is there to
 * check a guess against; any other scheme (a passport) shows nothing, not even its length.
 */
export function maskValue(scheme: string, value: string): string {
  if (scheme === 'ric' && value.length > REGION_LENGTH)
    return `${value.slice(0, REGION_LENGTH)}${HIDDEN.repeat(value.length - REGION_LENGTH)}`;
  return HIDDEN.repeat(OPAQUE_LENGTH);
}

/** Organization identifiers are public in full; a person's are masked. */
export function publicIdentifier(
  kind: SubjectKind,
  identifier: Pick<SubjectIdentifier, 'scheme' | 'value'>,
): { scheme: string; value: string; masked: boolean } {
  const masked = kind === 'person';
  return {
    scheme: identifier.scheme,
    value: masked ? maskValue(identifier.scheme, identifier.value) : identifier.value,
    masked,
  };
}
