/** Legal Entity Identifier (ISO 17442): 18 letters or digits and 2 check digits, MOD 97-10. */
import { idError, normaliseId, type IdentifierInfo, type ParseOptions } from './types.js';

/** Strips spaces and hyphens and upper-cases. */
export const normaliseLei = normaliseId;

// letters count as two digits (A=10 … Z=35); reduce digit by digit so no big numbers are needed
function mod97(text: string): number {
  let rest = 0;
  for (const ch of text) {
    const value = parseInt(ch, 36);
    rest = value < 10 ? (rest * 10 + value) % 97 : (rest * 100 + value) % 97;
  }
  return rest;
}

/** The two check digits for the first 18 characters (ISO 7064 MOD 97-10). */
export function leiCheckDigits(first18: string): string {
  if (!/^[0-9A-Z]{18}$/.test(first18))
    throw new RangeError('leiCheckDigits needs 18 letters or digits');
  return String(98 - mod97(`${first18}00`)).padStart(2, '0');
}

/** Builds a valid LEI from its first 18 characters. */
export function makeLei(first18: string): string {
  return first18 + leiCheckDigits(first18);
}

/** Validates an LEI (throws LEI_LENGTH, LEI_FORMAT or LEI_CHECKSUM). */
export function parseLei(raw: string, options: ParseOptions = {}): IdentifierInfo {
  const value = normaliseLei(raw);
  const { field } = options;
  if (value.length !== 20) {
    throw idError('LEI_LENGTH', `an LEI has 20 characters, this has ${value.length}`, field);
  }
  if (!/^[0-9A-Z]{18}\d{2}$/.test(value)) {
    throw idError('LEI_FORMAT', 'an LEI is 18 letters or digits followed by 2 digits', field);
  }
  if (mod97(value) !== 1) {
    const expected = leiCheckDigits(value.slice(0, 18));
    throw idError(
      'LEI_CHECKSUM',
      `the check digits should be ${expected}, not ${value.slice(18)}`,
      field,
    );
  }
  // an LEI names a legal entity of any kind, so it implies no subject kind
  return { scheme: 'lei', value, warnings: [] };
}
