import { describe, expect, it } from 'vitest';
import {
  makeRic,
  makeUscc,
  parseIdentifier,
  safeParseIdentifier,
} from '../../../src/domain/identifiers/index.js';
import { CredenceError } from '../../../src/errors.js';
import { errorCodeOf, TODAY } from './helpers.js';

const parse = (raw: string, scheme?: Parameters<typeof parseIdentifier>[1]['scheme']) =>
  parseIdentifier(raw, { today: TODAY, ...(scheme ? { scheme } : {}) });

describe('parseIdentifier: scheme detection', () => {
  it.each([
    ['91110000600037341L', 'uscc'],
    ['121200004013590816', 'uscc'],
    ['360426199101010071', 'ric'],
    ['44011320141005001x', 'ric'],
    ['5493001KJTIIGC8Y1R12', 'lei'],
    ['1100001234567', 'legacy_reg'],
    ['110000000123456', 'legacy_reg'],
    ['E12345678', 'passport'],
    ['EA1234567', 'passport'],
  ])('detects %s as %s', (raw, scheme) => {
    expect(parse(raw).scheme).toBe(scheme);
  });

  it('reports RIC errors for a digit string with a birth date shape in positions 7-14', () => {
    expect(errorCodeOf(() => parse('36042619910102009X'))).toBe('RIC_CHECKSUM');
    expect(errorCodeOf(() => parse('360426199113010079'))).toBe('RIC_DATE');
    expect(errorCodeOf(() => parse(makeRic('990426', '1991-01-01', 7)))).toBe('RIC_REGION');
    expect(errorCodeOf(() => parse(makeRic('360426', '2030-01-01', 7)))).toBe('RIC_DATE');
  });

  it('reports USCC errors for other 18-character values', () => {
    expect(errorCodeOf(() => parse('91110000600037341N'))).toBe('USCC_CHECKSUM');
    expect(errorCodeOf(() => parse('121200004013590817'))).toBe('USCC_CHECKSUM');
    expect(errorCodeOf(() => parse('9111000060003734IL'))).toBe('USCC_FORMAT');
  });

  it('reports LEI errors for 20 characters', () => {
    expect(errorCodeOf(() => parse('5493001KJTIIGC8Y1R13'))).toBe('LEI_CHECKSUM');
  });

  it('rejects an empty or blank value with ID_EMPTY', () => {
    expect(errorCodeOf(() => parse(''))).toBe('ID_EMPTY');
    expect(errorCodeOf(() => parse(' - '))).toBe('ID_EMPTY');
  });

  it('rejects a value of no known form with ID_UNKNOWN_SCHEME', () => {
    expect(errorCodeOf(() => parse('ABC'))).toBe('ID_UNKNOWN_SCHEME');
    expect(errorCodeOf(() => parse('9111000060003734'))).toBe('ID_UNKNOWN_SCHEME');
  });

  it('warns when an 18-digit value is both a valid resident ID and a well-formed USCC', () => {
    // as a USCC, 11 + 110119 (a Beijing government organ); as a resident ID, born in 19xx
    const both = findAmbiguous('111101', '1990-01-01');
    const sut = parse(both);
    expect(sut.scheme).toBe('ric');
    expect(sut.warnings.map((w) => w.code)).toContain('SCHEME_AMBIGUOUS');
    expect(parse(both, 'uscc')).toMatchObject({ kind: 'government', region: '110119' });
  });

  it('does not call a resident ID ambiguous when its USCC reading decodes to nonsense', () => {
    const both = findAmbiguous('360426', '1991-01-01');
    expect(parse(both).warnings).toEqual([]);
  });

  it('prefers the resident ID error when a failed resident ID passes the USCC check by chance', () => {
    // 360426203001010073: a future birth date, and by coincidence a correct USCC check character
    const sut = '360426203001010073';
    expect(parse(sut, 'uscc').scheme).toBe('uscc');
    expect(errorCodeOf(() => parse(sut))).toBe('RIC_DATE');
  });
});

/** A valid resident ID (region, birth date, some sequence) that also passes the USCC check. */
function findAmbiguous(region: string, birthDate: string): string {
  for (let seq = 1; seq <= 999; seq++) {
    const ric = makeRic(region, birthDate, seq);
    if (safeParseIdentifier(ric, { today: TODAY, scheme: 'uscc' }).ok) return ric;
  }
  throw new Error('no ambiguous number found');
}

describe('parseIdentifier: explicit scheme', () => {
  it('validates against the given scheme only', () => {
    expect(errorCodeOf(() => parse('91110000600037341L', 'ric'))).toBe('RIC_FORMAT');
    expect(errorCodeOf(() => parse('360426199101010071', 'lei'))).toBe('LEI_LENGTH');
    expect(parse('X1234567', 'passport').scheme).toBe('passport');
  });

  it('reads a USCC-shaped digit string as a USCC when told to', () => {
    const uscc = makeUscc('12110000', '40135901');
    expect(parse(uscc, 'uscc').scheme).toBe('uscc');
  });

  it('puts the field option into the error detail', () => {
    const result = safeParseIdentifier('91110000600037341N', {
      today: TODAY,
      field: 'subject_identifier',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(CredenceError);
      expect(result.error.toJSON()).toMatchObject({
        code: 'USCC_CHECKSUM',
        field: 'subject_identifier',
      });
    }
  });
});

describe('safeParseIdentifier', () => {
  it('returns the info of a valid identifier', () => {
    expect(safeParseIdentifier('91110000600037341L', { today: TODAY })).toMatchObject({
      ok: true,
      info: { scheme: 'uscc', kind: 'business' },
    });
  });

  it('returns the coded error of an invalid identifier instead of throwing', () => {
    const result = safeParseIdentifier('360426199113010079', { today: TODAY });
    expect(result.ok ? null : result.error.code).toBe('RIC_DATE');
  });
});

describe('parseIdentifier: letters outside ASCII', () => {
  // 'ſ'.toUpperCase() is 'S' and 'ı'.toUpperCase() is 'I': an identifier typed with them must
  // not be stored as another holder's ASCII value
  it.each([
    ['a passport with a long s', 'EſA1234567', 'passport'],
    ['a passport with a dotless i', 'EıA123456', 'passport'],
    ['an LEI with a dotless i', '5493001KJTııGC8Y1R12', 'lei'],
    ['a USCC with a long s', '91110000600037341ſ', 'uscc'],
  ] as const)('refuses %s', (_, raw, scheme) => {
    expect(() => parse(raw, scheme)).toThrow(CredenceError);
  });
});
