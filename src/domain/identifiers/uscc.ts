/** Unified Social Credit Code (GB 32100-2015) with its embedded organization code (GB 11714). */
import { divisionFullName, isKnownDivision } from './divisions.js';
import {
  idError,
  normaliseId,
  type IdentifierInfo,
  type IdentifierWarning,
  type ParseOptions,
} from './types.js';
import { USCC_AUTHORITIES } from './uscc-entity-types.js';

/** The 31 symbols of the code; a symbol's value is its index (no I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const USCC_SYMBOLS_RE = /^[0-9A-HJ-NP-RTUW-Y]*$/;
// 3^i mod 31 for positions 1-17
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
// central organs register with this region in pos 3-8 (not a GB/T 2260 code)
const NATIONAL_REGION = '100000';

/** Strips spaces and hyphens and upper-cases. */
export const normaliseUscc = normaliseId;

/** The national check character (pos 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17[i] as string);
    if (value < 0) throw new RangeError(`not a USCC character: ${first17[i]}`);
    sum += value * (WEIGHTS[i] as number);
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** The GB 11714 check character of an 8-character organization code (letters A=10 … Z=35). */
export function orgCodeCheckChar(code8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(code8))
    throw new RangeError('an organization code has 8 letters or digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(code8[i] as string, 36) * (ORG_WEIGHTS[i] as number);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * Builds a valid USCC from pos 1-8 (authority, entity type, region) and an 8-character
 * organization code, computing both check characters. For test and demo data generators.
 */
export function makeUscc(first8: string, orgCode8: string): string {
  const first17 = `${first8}${orgCode8}${orgCodeCheckChar(orgCode8)}`;
  if (!/^.{2}\d{6}.{9}$/.test(first17)) throw new RangeError('makeUscc needs 8 + 8 characters');
  return first17 + usccCheckChar(first17);
}

/** Validates a USCC (throws USCC_LENGTH, USCC_FORMAT or USCC_CHECKSUM) and decodes it. */
export function parseUscc(raw: string, options: ParseOptions = {}): IdentifierInfo {
  const value = validateUscc(raw, options);
  return { scheme: 'uscc', value, ...decodeUscc(value) };
}

/** The normal form of a valid USCC, not decoded; throws as `parseUscc` does. */
export function validateUscc(raw: string, options: ParseOptions = {}): string {
  const value = normaliseUscc(raw);
  const { field } = options;
  if (value.length !== 18) {
    throw idError('USCC_LENGTH', `a USCC has 18 characters, this has ${value.length}`, field);
  }
  const bad = USCC_SYMBOLS_RE.test(value)
    ? -1
    : [...value].findIndex((ch) => !USCC_ALPHABET.includes(ch));
  if (bad >= 0) {
    throw idError(
      'USCC_FORMAT',
      `'${value[bad]}' at position ${bad + 1} is not a USCC character`,
      field,
    );
  }
  const region = value.slice(2, 8);
  if (!/^\d{6}$/.test(region)) {
    throw idError(
      'USCC_FORMAT',
      `positions 3-8 of a USCC are a division code, not '${region}'`,
      field,
    );
  }
  const expected = usccCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    throw idError(
      'USCC_CHECKSUM',
      `the check character should be ${expected}, not ${value[17]}`,
      field,
    );
  }
  return value;
}

function decodeUscc(value: string): Omit<IdentifierInfo, 'scheme' | 'value'> {
  const warnings: IdentifierWarning[] = [];
  const orgCheck = orgCodeCheckChar(value.slice(8, 16));
  if (value[16] !== orgCheck) {
    warnings.push({
      code: 'ORG_CODE_CHECKSUM',
      message: `the organization code ${value.slice(8, 17)} should end in ${orgCheck} (GB 11714); the USCC itself is valid`,
    });
  }
  const region = value.slice(2, 8);
  let regionName: string | undefined;
  if (region === NATIONAL_REGION) regionName = 'national (中央)';
  else {
    regionName = divisionFullName(region);
    if (!isKnownDivision(region)) {
      warnings.push({
        code: 'REGION_UNKNOWN',
        message: `division code ${region} is not in the current GB/T 2260 list`,
      });
    }
  }
  const authority = USCC_AUTHORITIES[value[0] as string];
  const type = authority?.types[value[1] as string];
  if (!type) {
    warnings.push({
      code: 'ENTITY_TYPE_UNKNOWN',
      message: `registration authority ${value[0]} / entity type ${value[1]} is not in the GB 32100 table`,
    });
  }
  return {
    ...(type?.kind ? { kind: type.kind } : {}),
    region,
    ...(regionName ? { regionName } : {}),
    ...(authority ? { registrationAuthority: authority.name } : {}),
    ...(type ? { entityType: type.name } : {}),
    warnings,
  };
}
