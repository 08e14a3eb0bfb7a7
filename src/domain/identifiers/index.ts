/** Identifier schemes (SPEC 3): validation, normalisation, decoding and scheme detection. */
import { isCredenceError, type CredenceError } from '../../errors.js';
import type { IdentifierScheme } from '../subject.js';
import { parseLei } from './lei.js';
import { CN_PASSPORT_RE, parseLegacyReg, parsePassport } from './other.js';
import { parseRic, ricCheckChar } from './ric.js';
import { idError, normaliseId, type IdentifierInfo, type ParseOptions } from './types.js';
import { parseUscc, usccCheckChar, validateUscc } from './uscc.js';

export type { IdentifierInfo, IdentifierWarning, ParseOptions } from './types.js';
export { normaliseId } from './types.js';
export { makeUscc, orgCodeCheckChar, parseUscc, usccCheckChar, USCC_ALPHABET } from './uscc.js';
export { makeRic, parseRic, ricCheckChar } from './ric.js';
export { leiCheckDigits, makeLei, parseLei } from './lei.js';
export { parseLegacyReg, parsePassport } from './other.js';
export * from './divisions.js';

export interface ParseIdentifierOptions extends ParseOptions {
  /** the scheme to validate against; detected from the value when absent */
  scheme?: IdentifierScheme;
  /** today's date, YYYY-MM-DD (a resident ID's birth date may not be later) */
  today: string;
}

export type SafeParseResult =
  { ok: true; info: IdentifierInfo } | { ok: false; error: CredenceError };

/**
 * Validates and decodes an identifier, detecting its scheme unless one is given.
 * Throws a CredenceError whose code names the scheme and the kind of problem.
 */
export function parseIdentifier(raw: string, options: ParseIdentifierOptions): IdentifierInfo {
  const value = normaliseId(raw);
  const { field } = options;
  if (value === '') throw idError('ID_EMPTY', 'an identifier is required', field);
  const scheme = options.scheme ?? detectScheme(value);
  switch (scheme) {
    case 'uscc':
      return parseUscc(value, options);
    case 'ric':
      return parseRic(value, options);
    case 'lei':
      return parseLei(value, options);
    case 'passport':
      return parsePassport(value, options);
    case 'legacy_reg':
      return parseLegacyReg(value, options);
    case 'ric_or_uscc':
      return parseEighteen(value, options);
    default:
      throw idError('ID_UNKNOWN_SCHEME', `no identifier scheme has the form of '${value}'`, field);
  }
}

/** Like parseIdentifier, but returns coded errors as data (for batch imports). */
export function safeParseIdentifier(raw: string, options: ParseIdentifierOptions): SafeParseResult {
  return attempt(() => parseIdentifier(raw, options));
}

function detectScheme(value: string): IdentifierScheme | 'ric_or_uscc' | undefined {
  if (value.length === 18) return 'ric_or_uscc';
  if (value.length === 20) return 'lei';
  if (/^(?:\d{13}|\d{15})$/.test(value)) return 'legacy_reg';
  // other countries' passports have no recognisable form: pass the scheme for them
  if (CN_PASSPORT_RE.test(value)) return 'passport';
  return undefined;
}

const RIC_SHAPE = /^\d{17}[\dX]$/;
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUW-Y]{18}$/;

// 18 characters: a resident ID or a USCC, whichever validates; if neither, the more plausible
function parseEighteen(value: string, options: ParseIdentifierOptions): IdentifierInfo {
  const only = plainEighteen(value);
  if (only) {
    const parsed = attempt(() =>
      only === 'ric' ? parseRic(value, options) : parseUscc(value, options),
    );
    if (parsed.ok) return parsed.info;
  }
  return parseEitherEighteen(value, options);
}

/**
 * The common case, cheaply: only one scheme's check character matches, so only it can
 * validate; a USCC shaped like a resident ID is left to the full comparison. Null otherwise.
 */
function plainEighteen(value: string): 'ric' | 'uscc' | null {
  const first17 = value.slice(0, 17);
  const ricCheck = RIC_SHAPE.test(value) && ricCheckChar(first17) === value[17];
  const usccCheck = USCC_SHAPE.test(value) && usccCheckChar(first17) === value[17];
  if (ricCheck === usccCheck) return null;
  return ricCheck ? 'ric' : looksLikeRic(value) ? null : 'uscc';
}

/**
 * The scheme and normal form `parseIdentifier` gives, for a lookup: a USCC that can be read as
 * nothing else is validated without being decoded (the common case of a lookup by USCC); any
 * other value goes through `parseIdentifier`, and throws as it does.
 */
export function parseIdentifierKey(
  raw: string,
  options: ParseIdentifierOptions,
): Pick<IdentifierInfo, 'scheme' | 'value'> {
  const value = normaliseId(raw);
  if (options.scheme === undefined && value.length === 18 && plainEighteen(value) === 'uscc') {
    try {
      return { scheme: 'uscc', value: validateUscc(value, options) };
    } catch (error) {
      // as parseEighteen does: the full comparison decides
      if (!isCredenceError(error)) throw error;
    }
  }
  const { scheme, value: normal } = parseIdentifier(raw, options);
  return { scheme, value: normal };
}

function parseEitherEighteen(value: string, options: ParseIdentifierOptions): IdentifierInfo {
  const ric = attempt(() => parseRic(value, options));
  const uscc = attempt(() => parseUscc(value, options));
  if (ric.ok) {
    if (uscc.ok && decodesCleanly(uscc.info)) {
      const message = 'the value is also a valid USCC; pass the scheme to read it as one';
      return {
        ...ric.info,
        warnings: [...ric.info.warnings, { code: 'SCHEME_AMBIGUOUS', message }],
      };
    }
    return ric.info;
  }
  const ricShaped = looksLikeRic(value);
  // a failed resident ID passes the USCC check by chance 1 time in 31: then it decodes badly
  if (uscc.ok) {
    if (!ricShaped || decodesCleanly(uscc.info)) return uscc.info;
    throw ric.error;
  }
  // neither reading holds: the error of the more plausible one, saying what both found
  const [first, other] = ricShaped ? [ric.error, uscc.error] : [uscc.error, ric.error];
  const readAs = (e: CredenceError) =>
    e.code.startsWith('RIC') ? 'a resident ID number' : 'a USCC';
  throw idError(
    first.code,
    `read as ${readAs(first)}: ${first.message}; read as ${readAs(other)}: ${other.message}`,
    first.field,
  );
}

function decodesCleanly(info: IdentifierInfo): boolean {
  return !info.warnings.some(
    (w) => w.code === 'ENTITY_TYPE_UNKNOWN' || w.code === 'REGION_UNKNOWN',
  );
}

// digits with a check digit or X, and positions 7-14 shaped like a birth date 18xx-20xx
function looksLikeRic(value: string): boolean {
  return /^\d{6}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dX]$/.test(value);
}

function attempt(fn: () => IdentifierInfo): SafeParseResult {
  try {
    return { ok: true, info: fn() };
  } catch (error) {
    if (isCredenceError(error)) return { ok: false, error };
    throw error;
  }
}
