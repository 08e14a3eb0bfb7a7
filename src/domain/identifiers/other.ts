/** Schemes without a check character: passport numbers and legacy business registration numbers. */
import { idError, normaliseId, type IdentifierInfo, type ParseOptions } from './types.js';

/** Chinese ordinary passports (E + 8 digits, E + letter + 7 digits, older G + 8 digits). */
export const CN_PASSPORT_RE = /^(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})$/;

/** Validates a passport number of any country: 5-20 letters or digits after normalising. */
export function parsePassport(raw: string, options: ParseOptions = {}): IdentifierInfo {
  const value = normaliseId(raw);
  if (!/^[0-9A-Z]{5,20}$/.test(value)) {
    throw idError(
      'PASSPORT_FORMAT',
      'a passport number is 5 to 20 letters or digits',
      options.field,
    );
  }
  return { scheme: 'passport', value, kind: 'person', warnings: [] };
}

/**
 * Validates a business registration number issued before the USCC: 13 digits (older) or
 * 15 digits (registration authority code + sequence + check digit, not verified here).
 */
export function parseLegacyReg(raw: string, options: ParseOptions = {}): IdentifierInfo {
  const value = normaliseId(raw);
  if (!/^(?:\d{13}|\d{15})$/.test(value)) {
    throw idError(
      'LEGACY_REG_FORMAT',
      'a legacy registration number is 13 or 15 digits',
      options.field,
    );
  }
  return { scheme: 'legacy_reg', value, kind: 'business', warnings: [] };
}
