import { describe, expect, it } from 'vitest';
import { parseLegacyReg, parsePassport } from '../../../src/domain/identifiers/other.js';
import { errorCodeOf } from './helpers.js';

describe('parsePassport', () => {
  it('accepts 5 to 20 letters or digits and normalises them', () => {
    expect(parsePassport('e1234 5678')).toMatchObject({ value: 'E12345678', kind: 'person' });
    expect(parsePassport('AB123').value).toBe('AB123');
    expect(parsePassport('A'.repeat(20)).value).toHaveLength(20);
  });

  it('rejects fewer than 5 or more than 20 characters, and punctuation', () => {
    expect(errorCodeOf(() => parsePassport('AB12'))).toBe('PASSPORT_FORMAT');
    expect(errorCodeOf(() => parsePassport('A'.repeat(21)))).toBe('PASSPORT_FORMAT');
    expect(errorCodeOf(() => parsePassport('E1234/678'))).toBe('PASSPORT_FORMAT');
  });
});

describe('parseLegacyReg', () => {
  it('accepts 13 or 15 digits as a business registration number', () => {
    expect(parseLegacyReg('110000000123456')).toMatchObject({
      scheme: 'legacy_reg',
      kind: 'business',
    });
    expect(parseLegacyReg('1100001234567').value).toBe('1100001234567');
  });

  it('rejects 14 digits and letters', () => {
    expect(errorCodeOf(() => parseLegacyReg('11000012345678'))).toBe('LEGACY_REG_FORMAT');
    expect(errorCodeOf(() => parseLegacyReg('11000000012345A'))).toBe('LEGACY_REG_FORMAT');
  });
});
