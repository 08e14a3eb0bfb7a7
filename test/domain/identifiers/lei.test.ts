import { describe, expect, it } from 'vitest';
import { leiCheckDigits, makeLei, parseLei } from '../../../src/domain/identifiers/lei.js';
import { errorCodeOf } from './helpers.js';

describe('parseLei', () => {
  it.each(['5493001KJTIIGC8Y1R12', '529900T8BM49AURSDO55', '7LTWFZYICNSX8D621K86'])(
    'accepts the published LEI %s',
    (lei) => {
      expect(parseLei(lei)).toEqual({ scheme: 'lei', value: lei, warnings: [] });
    },
  );

  it('normalises lower case, spaces and hyphens', () => {
    expect(parseLei('5493-001k jtiigc8y1r12').value).toBe('5493001KJTIIGC8Y1R12');
  });

  it('rejects wrong check digits with LEI_CHECKSUM', () => {
    expect(errorCodeOf(() => parseLei('5493001KJTIIGC8Y1R13'))).toBe('LEI_CHECKSUM');
    expect(errorCodeOf(() => parseLei('529900T8BM49AURSDO56'))).toBe('LEI_CHECKSUM');
  });

  it('rejects two swapped neighbouring characters', () => {
    expect(errorCodeOf(() => parseLei('4593001KJTIIGC8Y1R12'))).toBe('LEI_CHECKSUM');
  });

  it('rejects a value that is not 20 characters with LEI_LENGTH', () => {
    expect(errorCodeOf(() => parseLei('5493001KJTIIGC8Y1R1'))).toBe('LEI_LENGTH');
  });

  it('rejects letters in the check digits and punctuation anywhere with LEI_FORMAT', () => {
    expect(errorCodeOf(() => parseLei('5493001KJTIIGC8Y1R1A'))).toBe('LEI_FORMAT');
    expect(errorCodeOf(() => parseLei('5493001KJTIIGC8Y1.12'))).toBe('LEI_FORMAT');
  });
});

describe('makeLei', () => {
  it('rebuilds published LEIs from their first 18 characters', () => {
    expect(makeLei('5493001KJTIIGC8Y1R')).toBe('5493001KJTIIGC8Y1R12');
    expect(leiCheckDigits('529900T8BM49AURSDO')).toBe('55');
  });

  it('pads check digits below 10 with a zero', () => {
    const leis = Array.from({ length: 100 }, (_, i) =>
      makeLei(`5493000000000000${String(i).padStart(2, '0')}`),
    );
    expect(leis.some((l) => l[18] === '0')).toBe(true);
    for (const l of leis) expect(parseLei(l).value).toBe(l);
  });
});
