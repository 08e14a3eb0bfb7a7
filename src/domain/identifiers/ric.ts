/** Resident Identity Card number (GB 11643-1999). */
import { isIsoDate } from '../dates.js';
import { divisionFullName, isKnownDivision, isKnownProvince } from './divisions.js';
import {
  idError,
  normaliseId,
  type IdentifierInfo,
  type IdentifierWarning,
  type ParseOptions,
} from './types.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface RicOptions extends ParseOptions {
  /** today's date, YYYY-MM-DD: a birth date after it is rejected */
  today: string;
}

/** Strips spaces and hyphens and upper-cases (a lower-case x check character becomes X). */
export const normaliseRic = normaliseId;

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function ricCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('ricCheckChar needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Builds a valid number from a 6-digit address code, a YYYY-MM-DD birth date and a sequence 1-999. */
export function makeRic(region6: string, birthDate: string, seq: number): string {
  if (!/^\d{6}$/.test(region6)) throw new RangeError('makeRic needs a 6-digit region');
  if (!isIsoDate(birthDate)) throw new RangeError('makeRic needs a YYYY-MM-DD birth date');
  if (!Number.isInteger(seq) || seq < 1 || seq > 999)
    throw new RangeError('makeRic needs a sequence 1-999');
  const first17 = `${region6}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + ricCheckChar(first17);
}

/** The birth date in positions 7-14 as YYYY-MM-DD (not checked). */
export function ricBirthDate(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/**
 * Validates a resident ID number (throws RIC_LENGTH, RIC_FORMAT, RIC_CHECKSUM, RIC_DATE or
 * RIC_REGION) and decodes birth date, sex and address region.
 */
export function parseRic(raw: string, options: RicOptions): IdentifierInfo {
  const value = normaliseRic(raw);
  const { field, today } = options;
  if (value.length !== 18) {
    throw idError(
      'RIC_LENGTH',
      `a resident ID number has 18 characters, this has ${value.length}`,
      field,
    );
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    throw idError(
      'RIC_FORMAT',
      'a resident ID number is 17 digits followed by a digit or X',
      field,
    );
  }
  const expected = ricCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    throw idError(
      'RIC_CHECKSUM',
      `the check character should be ${expected}, not ${value[17]}`,
      field,
    );
  }
  const birthDate = ricBirthDate(value);
  if (!isIsoDate(birthDate)) {
    throw idError('RIC_DATE', `positions 7-14 are not a real date: ${value.slice(6, 14)}`, field);
  }
  if (birthDate > today) {
    throw idError('RIC_DATE', `the birth date ${birthDate} is after today (${today})`, field);
  }
  const region = value.slice(0, 6);
  if (!isKnownProvince(region)) {
    throw idError(
      'RIC_REGION',
      `the address code ${region} starts with no known province code`,
      field,
    );
  }
  const warnings: IdentifierWarning[] = [];
  // retired county codes stay in the numbers issued under them
  if (!isKnownDivision(region)) {
    warnings.push({
      code: 'REGION_UNKNOWN',
      message: `address code ${region} is not in the current GB/T 2260 list (perhaps a retired code)`,
    });
  }
  const regionName = divisionFullName(region);
  return {
    scheme: 'ric',
    value,
    kind: 'person',
    region,
    ...(regionName ? { regionName } : {}),
    birthDate,
    sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
    warnings,
  };
}
