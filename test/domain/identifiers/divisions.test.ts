import { describe, expect, it } from 'vitest';
import {
  COUNTY_CODES,
  divisionFullName,
  divisionName,
  isKnownDivision,
  isKnownProvince,
  provinceOf,
} from '../../../src/domain/identifiers/divisions.js';

describe('divisions (GB/T 2260)', () => {
  it('names provinces, prefectures and counties', () => {
    expect(divisionName('360000')).toBe('江西省');
    expect(divisionName('360400')).toBe('九江市');
    expect(divisionName('360426')).toBe('德安县');
  });

  it('knows the municipalities’ prefecture-level codes that the package leaves out', () => {
    for (const code of ['110100', '120100', '310100', '500100', '500200']) {
      expect(isKnownDivision(code)).toBe(true);
    }
  });

  it('gives a full name without the 市辖区 placeholder for municipality districts', () => {
    expect(divisionFullName('110101')).toBe('北京市东城区');
    expect(divisionFullName('360426')).toBe('江西省九江市德安县');
  });

  it('knows Taiwan, Hong Kong and Macao as provinces', () => {
    expect(['710000', '810000', '820000'].every(isKnownProvince)).toBe(true);
  });

  it('does not know retired or made-up codes', () => {
    expect(isKnownDivision('110229')).toBe(false);
    expect(isKnownProvince('990101')).toBe(false);
    expect(divisionName('abc')).toBeUndefined();
  });

  it('maps a code to its province code', () => {
    expect(provinceOf('360426')).toBe('360000');
  });

  it('lists about 3,000 county-level codes, all known and none a placeholder', () => {
    expect(COUNTY_CODES.length).toBeGreaterThan(2800);
    expect(COUNTY_CODES.every(isKnownDivision)).toBe(true);
    expect(COUNTY_CODES.some((c) => divisionName(c) === '市辖区')).toBe(false);
  });
});
