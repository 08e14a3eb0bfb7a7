import { describe, expect, it } from 'vitest';
import { makeRic } from '../../src/domain/identifiers/index.js';
import { publicIdentifier } from '../../src/domain/masking.js';

describe('publicIdentifier', () => {
  it('keeps only the region code of a resident ID: every person of a region looks the same', () => {
    const shown = [
      makeRic('440113', '1985-03-02', 17),
      makeRic('440113', '1991-12-31', 2),
      makeRic('440113', '1960-01-01', 999),
    ].map((value) => publicIdentifier('person', { scheme: 'ric', value }));
    expect(shown[0]).toEqual({ scheme: 'ric', value: '440113************', masked: true });
    // nothing shown tells one person of the region from another: no guess can be checked offline
    expect(new Set(shown.map((s) => s.value)).size).toBe(1);
  });

  it('shows nothing of a person’s passport number, not even its length', () => {
    for (const value of ['E12345678', 'G1234567', 'X99999999999'])
      expect(publicIdentifier('person', { scheme: 'passport', value })).toEqual({
        scheme: 'passport',
        value: '********',
        masked: true,
      });
  });

  it('shows an organization’s identifier in full', () => {
    expect(publicIdentifier('business', { scheme: 'uscc', value: '91110000600037341L' })).toEqual({
      scheme: 'uscc',
      value: '91110000600037341L',
      masked: false,
    });
  });
});
