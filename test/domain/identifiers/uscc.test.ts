import { describe, expect, it } from 'vitest';
import {
  makeUscc,
  orgCodeCheckChar,
  parseUscc,
  usccCheckChar,
} from '../../../src/domain/identifiers/uscc.js';
import type { CredenceError } from '../../../src/errors.js';
import { errorCodeOf as codeOf } from './helpers.js';

describe('parseUscc', () => {
  it('accepts the worked example 91110000600037341L and decodes an enterprise in Beijing', () => {
    const sut = parseUscc('91110000600037341L');
    expect(sut).toMatchObject({
      scheme: 'uscc',
      value: '91110000600037341L',
      kind: 'business',
      region: '110000',
      regionName: '北京市',
      entityType: 'enterprise (企业)',
      registrationAuthority: 'market regulation (工商)',
      warnings: [],
    });
  });

  it('accepts 121200004013590816 as a public institution in Tianjin, a government-kind subject', () => {
    const sut = parseUscc('121200004013590816');
    expect(sut).toMatchObject({ kind: 'government', region: '120000', regionName: '天津市' });
    expect(sut.entityType).toContain('public institution');
  });

  it('rejects a USCC whose check character is wrong', () => {
    expect(codeOf(() => parseUscc('91110000600037341N'))).toBe('USCC_CHECKSUM');
  });

  it('names the expected check character in the checksum message', () => {
    expect(() => parseUscc('91110000600037341N')).toThrow(/should be L, not N/);
  });

  it('normalises spaces, hyphens and lower case before validating', () => {
    expect(parseUscc(' 9111-0000-6000 37341l ').value).toBe('91110000600037341L');
  });

  it('rejects a value that is not 18 characters long with USCC_LENGTH', () => {
    expect(codeOf(() => parseUscc('91110000600037341'))).toBe('USCC_LENGTH');
    expect(codeOf(() => parseUscc('91110000600037341LL'))).toBe('USCC_LENGTH');
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])(
    'rejects the letter %s, which is not in the alphabet',
    (letter) => {
      expect(codeOf(() => parseUscc(`91110000600037341${letter}`))).toBe('USCC_FORMAT');
    },
  );

  it('rejects a letter in the division code (positions 3-8) with USCC_FORMAT', () => {
    expect(codeOf(() => parseUscc('9111A000600037341L'))).toBe('USCC_FORMAT');
  });

  it('puts the caller-supplied field into the error detail', () => {
    try {
      parseUscc('91110000600037341N', { field: 'subject_identifier' });
      expect.unreachable();
    } catch (error) {
      expect((error as CredenceError).field).toBe('subject_identifier');
    }
  });

  it('accepts 91310115MA1K3BTP2B, whose organization code check value is 2, without a warning', () => {
    expect(orgCodeCheckChar('MA1K3BTP')).toBe('2');
    const sut = parseUscc('91310115MA1K3BTP2B');
    expect(sut.warnings).toEqual([]);
    expect(sut.regionName).toBe('上海市浦东新区');
  });

  it('reports a wrong organization code check as a warning, not as an invalid USCC', () => {
    const first17 = '91310115MA1K3BTP3';
    const sut = parseUscc(first17 + usccCheckChar(first17));
    expect(sut.warnings.map((w) => w.code)).toEqual(['ORG_CODE_CHECKSUM']);
  });

  it('maps civil-affairs registrations (pos 1 = 5) to social_org', () => {
    const sut = parseUscc(makeUscc('53110000', '50000001'));
    expect(sut.kind).toBe('social_org');
    expect(sut.entityType).toContain('foundation');
  });

  it('warns when the registering region is not a known division code', () => {
    const sut = parseUscc(makeUscc('91990000', '12345678'));
    expect(sut.warnings.map((w) => w.code)).toContain('REGION_UNKNOWN');
  });

  it('reads region 100000 as a central (national) registration', () => {
    const sut = parseUscc(makeUscc('11100000', '00001312'));
    expect(sut).toMatchObject({
      kind: 'government',
      region: '100000',
      regionName: 'national (中央)',
    });
    expect(sut.warnings).toEqual([]);
  });

  it('warns about an authority and entity type outside the GB 32100 table and implies no kind', () => {
    const sut = parseUscc(makeUscc('97110000', '12345678'));
    expect(sut.kind).toBeUndefined();
    expect(sut.warnings.map((w) => w.code)).toContain('ENTITY_TYPE_UNKNOWN');
  });
});

describe('usccCheckChar and makeUscc', () => {
  it('computes L for the worked example (S = 538)', () => {
    expect(usccCheckChar('91110000600037341')).toBe('L');
  });

  it('builds a code whose organization code and national check characters are both right', () => {
    expect(makeUscc('91310115', 'MA1K3BTP')).toBe('91310115MA1K3BTP2B');
  });

  it('maps an organization check of 10 to X and 11 to 0', () => {
    // sum 0 -> 11 - 0 = 11 -> 0; 6 x weight 2 = 12, 12 mod 11 = 1 -> 10 -> X
    expect(orgCodeCheckChar('00000000')).toBe('0');
    expect(orgCodeCheckChar('00000006')).toBe('X');
  });
});
