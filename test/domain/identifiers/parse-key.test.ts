import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COUNTY_CODES } from '../../../src/domain/identifiers/divisions.js';
import {
  makeRic,
  makeUscc,
  parseIdentifier,
  parseIdentifierKey,
  USCC_ALPHABET,
} from '../../../src/domain/identifiers/index.js';
import { CredenceError } from '../../../src/errors.js';
import { TODAY } from './helpers.js';

const DIGITS = '0123456789';
const word = (alphabet: string, length: number) =>
  fc
    .array(fc.constantFrom(...alphabet), { minLength: length, maxLength: length })
    .map((a) => a.join(''));

/** valid USCCs and resident IDs, all-digit USCCs (the ambiguous ones), and either with one character changed */
const arbEighteen = fc.oneof(
  fc
    .tuple(word(USCC_ALPHABET, 2), fc.constantFrom(...COUNTY_CODES), word(USCC_ALPHABET, 8))
    .map(([head, region, org]) => makeUscc(head + region, org)),
  fc
    .tuple(word(DIGITS, 2), fc.constantFrom(...COUNTY_CODES), word(DIGITS, 8))
    .map(([head, region, org]) => makeUscc(head + region, org)),
  fc
    .tuple(
      fc.constantFrom(...COUNTY_CODES),
      fc.date({
        min: new Date('1900-01-01'),
        max: new Date(`${TODAY}T00:00:00Z`),
        noInvalidDate: true,
      }),
      fc.integer({ min: 1, max: 999 }),
    )
    .map(([region, date, seq]) => makeRic(region, date.toISOString().slice(0, 10), seq)),
);
const arbValue = fc.oneof(
  arbEighteen,
  fc
    .tuple(arbEighteen, fc.nat(17), fc.constantFrom(...`${USCC_ALPHABET}XIOZ`))
    .map(([v, at, ch]) => v.slice(0, at) + ch + v.slice(at + 1)),
  arbEighteen.map((v) => ` ${v.slice(0, 6)}-${v.slice(6).toLowerCase()}`),
);

/** the key a parse gives, or the code it throws */
function outcome(parse: () => { scheme: string; value: string }) {
  try {
    const { scheme, value } = parse();
    return { scheme, value };
  } catch (error) {
    if (error instanceof CredenceError) return { code: error.code };
    throw error;
  }
}

describe('parseIdentifierKey', () => {
  it('gives the scheme and value parseIdentifier gives, or throws what it throws', () => {
    fc.assert(
      fc.property(arbValue, (raw) => {
        const options = { today: TODAY, field: 'identifier' };
        expect(outcome(() => parseIdentifierKey(raw, options))).toEqual(
          outcome(() => parseIdentifier(raw, options)),
        );
      }),
      { numRuns: 5000 },
    );
  });
});
