import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTY_CODES } from '../../../src/domain/identifiers/divisions.js';
import { makeLei, parseLei } from '../../../src/domain/identifiers/lei.js';
import { makeRic, parseRic } from '../../../src/domain/identifiers/ric.js';
import { makeUscc, parseUscc, USCC_ALPHABET } from '../../../src/domain/identifiers/uscc.js';
import { errorCodeOf, TODAY } from './helpers.js';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const word = (alphabet: string, length: number) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length })
    .map((a) => a.join(''));

const arbUscc = fc
  .tuple(
    word(USCC_ALPHABET, 2),
    fc.oneof(fc.constantFrom(...COUNTY_CODES), word(DIGITS, 6)),
    word(USCC_ALPHABET, 8),
  )
  .map(([head, region, org]) => makeUscc(head + region, org));

const arbBirthDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const arbRic = fc
  .record({
    region: fc.constantFrom(...COUNTY_CODES),
    birthDate: arbBirthDate,
    seq: fc.integer({ min: 1, max: 999 }),
  })
  .map((r) => ({ ...r, value: makeRic(r.region, r.birthDate, r.seq) }));

const arbLei = word(DIGITS + LETTERS, 18).map(makeLei);

/** Replaces the character at `pos` with the `shift`-th other character of `alphabet`. */
function substitute(value: string, pos: number, alphabet: string, shift: number): string {
  const at = alphabet.indexOf(value[pos] as string);
  const other = alphabet[(at + 1 + (shift % (alphabet.length - 1))) % alphabet.length] as string;
  return value.slice(0, pos) + other + value.slice(pos + 1);
}

/** Inserts spaces and hyphens and lower-cases: what a person might type. */
const arbSloppy = (value: string) =>
  fc
    .array(fc.constantFrom('', ' ', '-'), { minLength: value.length, maxLength: value.length })
    .map((seps) => [...value].map((ch, i) => ch.toLowerCase() + (seps[i] ?? '')).join(''));

describe('USCC properties', () => {
  it('validates every generated USCC', () => {
    fc.assert(
      fc.property(arbUscc, (uscc) => {
        expect(parseUscc(uscc).value).toBe(uscc);
      }),
    );
  });

  it('rejects every single-character substitution', () => {
    fc.assert(
      fc.property(arbUscc, fc.nat({ max: 17 }), fc.nat(), (uscc, pos, shift) => {
        const sut = substitute(uscc, pos, USCC_ALPHABET, shift);
        expect(['USCC_CHECKSUM', 'USCC_FORMAT']).toContain(errorCodeOf(() => parseUscc(sut)));
      }),
      { numRuns: 1000 },
    );
  });

  it('validates a generated USCC typed with spaces, hyphens and lower case', () => {
    fc.assert(
      fc.property(
        arbUscc.chain((u) => fc.tuple(fc.constant(u), arbSloppy(u))),
        ([uscc, typed]) => {
          expect(parseUscc(typed).value).toBe(uscc);
        },
      ),
    );
  });
});

describe('resident ID properties', () => {
  it('validates every generated number and decodes its parts', () => {
    fc.assert(
      fc.property(arbRic, ({ value, region, birthDate, seq }) => {
        expect(parseRic(value, { today: TODAY })).toMatchObject({
          value,
          region,
          birthDate,
          sex: seq % 2 === 1 ? 'male' : 'female',
          warnings: [],
        });
      }),
    );
  });

  it('rejects every single-character substitution (the check comes before date and region)', () => {
    fc.assert(
      fc.property(arbRic, fc.nat({ max: 17 }), fc.nat(), ({ value }, pos, shift) => {
        const sut = substitute(value, pos, `${DIGITS}X`, shift);
        expect(['RIC_CHECKSUM', 'RIC_FORMAT']).toContain(
          errorCodeOf(() => parseRic(sut, { today: TODAY })),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('LEI properties', () => {
  it('validates every generated LEI', () => {
    fc.assert(
      fc.property(arbLei, (lei) => {
        expect(parseLei(lei).value).toBe(lei);
      }),
    );
  });

  it('rejects every substitution of a digit for a digit or a letter for a letter', () => {
    fc.assert(
      fc.property(arbLei, fc.nat({ max: 19 }), fc.nat(), (lei, pos, shift) => {
        const alphabet = DIGITS.includes(lei[pos] as string) ? DIGITS : LETTERS;
        const sut = substitute(lei, pos, alphabet, shift);
        expect(errorCodeOf(() => parseLei(sut))).toBe('LEI_CHECKSUM');
      }),
      { numRuns: 1000 },
    );
  });

  it('rejects a letter substituted into the check digits as a format error', () => {
    fc.assert(
      fc.property(
        arbLei,
        fc.integer({ min: 18, max: 19 }),
        fc.constantFrom(...LETTERS),
        (lei, pos, letter) => {
          const sut = lei.slice(0, pos) + letter + lei.slice(pos + 1);
          expect(errorCodeOf(() => parseLei(sut))).toBe('LEI_FORMAT');
        },
      ),
    );
  });

  it('can miss a digit-for-letter substitution, a known limit of MOD 97-10 over letters', () => {
    // 1 -> L at position 7: the letter adds a digit to the number, shifting the rest
    expect(parseLei('549300LKJTIIGC8Y1R12').value).toBe('549300LKJTIIGC8Y1R12');
  });
});
