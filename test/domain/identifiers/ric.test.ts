import { describe, expect, it } from 'vitest';
import { makeRic, parseRic, ricCheckChar } from '../../../src/domain/identifiers/ric.js';
import { errorCodeOf, TODAY } from './helpers.js';

const opts = { today: TODAY };

describe('parseRic', () => {
  it('accepts 360426199101010071 and decodes birth date, sex and region', () => {
    expect(parseRic('360426199101010071', opts)).toEqual({
      scheme: 'ric',
      value: '360426199101010071',
      kind: 'person',
      region: '360426',
      regionName: '江西省九江市德安县',
      birthDate: '1991-01-01',
      sex: 'male',
      warnings: [],
    });
  });

  it('accepts 44011320141005001X, whose check character is X', () => {
    expect(parseRic('44011320141005001X', opts)).toMatchObject({
      birthDate: '2014-10-05',
      regionName: '广东省广州市番禺区',
    });
  });

  it('accepts a lower-case x and normalises it to X', () => {
    expect(parseRic('44011320141005001x', opts).value).toBe('44011320141005001X');
  });

  it('strips spaces and hyphens', () => {
    expect(parseRic('360426 19910101-0071', opts).value).toBe('360426199101010071');
  });

  it('reads an even sequence number as female', () => {
    expect(parseRic(makeRic('360426', '1991-01-01', 8), opts).sex).toBe('female');
  });

  it('rejects 36042619910102009X, whose check character is wrong', () => {
    expect(errorCodeOf(() => parseRic('36042619910102009X', opts))).toBe('RIC_CHECKSUM');
  });

  it('rejects 360426199113010079, whose birth month is 13', () => {
    expect(errorCodeOf(() => parseRic('360426199113010079', opts))).toBe('RIC_DATE');
  });

  it('rejects 29 February in a year that is not a leap year', () => {
    expect(errorCodeOf(() => parseRic(makeRicUnchecked('360426', '19900229', '007'), opts))).toBe(
      'RIC_DATE',
    );
  });

  it('rejects a birth date after today', () => {
    const sut = makeRic('360426', '2025-07-01', 7);
    expect(errorCodeOf(() => parseRic(sut, opts))).toBe('RIC_DATE');
  });

  it('accepts a birth date of today', () => {
    expect(parseRic(makeRic('360426', TODAY, 7), opts).birthDate).toBe(TODAY);
  });

  it('rejects an address code whose province is unknown', () => {
    expect(errorCodeOf(() => parseRic(makeRic('990426', '1991-01-01', 7), opts))).toBe(
      'RIC_REGION',
    );
  });

  it('warns (not rejects) when a county code is unknown, as retired codes are', () => {
    // 110229 was Yanqing County until 2015, now 110119 Yanqing District
    const sut = parseRic(makeRic('110229', '1980-05-04', 11), opts);
    expect(sut.warnings.map((w) => w.code)).toEqual(['REGION_UNKNOWN']);
    expect(sut.region).toBe('110229');
  });

  it('rejects a value that is not 18 characters with RIC_LENGTH', () => {
    expect(errorCodeOf(() => parseRic('36042619910101007', opts))).toBe('RIC_LENGTH');
  });

  it('rejects a letter other than a final X with RIC_FORMAT', () => {
    expect(errorCodeOf(() => parseRic('3604261991010100X1', opts))).toBe('RIC_FORMAT');
    expect(errorCodeOf(() => parseRic('36042619910101007A', opts))).toBe('RIC_FORMAT');
  });
});

describe('makeRic and ricCheckChar', () => {
  it('rebuilds the spec example from its parts', () => {
    expect(makeRic('360426', '1991-01-01', 7)).toBe('360426199101010071');
  });

  it('computes X for 44011320141005001', () => {
    expect(ricCheckChar('44011320141005001')).toBe('X');
  });

  it('refuses a sequence outside 1-999', () => {
    expect(() => makeRic('360426', '1991-01-01', 0)).toThrow(RangeError);
    expect(() => makeRic('360426', '1991-01-01', 1000)).toThrow(RangeError);
  });
});

function makeRicUnchecked(region: string, yyyymmdd: string, seq: string): string {
  const first17 = `${region}${yyyymmdd}${seq}`;
  return first17 + ricCheckChar(first17);
}
