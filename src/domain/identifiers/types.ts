import { CredenceError, type ErrorCode } from '../../errors.js';
import type { IdentifierScheme, SubjectKind } from '../subject.js';

/** A finding that does not make the identifier invalid, e.g. a retired division code. */
export interface IdentifierWarning {
  code: 'ORG_CODE_CHECKSUM' | 'REGION_UNKNOWN' | 'ENTITY_TYPE_UNKNOWN' | 'SCHEME_AMBIGUOUS';
  message: string;
}

/** What a valid identifier is and what it encodes. */
export interface IdentifierInfo {
  scheme: IdentifierScheme;
  /** the normalised form: no spaces or hyphens, upper case */
  value: string;
  /** the subject kind the identifier implies, when it implies one */
  kind?: SubjectKind;
  /** GB/T 2260 division code (USCC: registering authority's region; RIC: address code) */
  region?: string | null;
  regionName?: string;
  /** RIC: YYYY-MM-DD */
  birthDate?: string;
  sex?: 'male' | 'female';
  /** USCC pos 1, described */
  registrationAuthority?: string;
  /** USCC pos 2 within pos 1, described */
  entityType?: string;
  warnings: IdentifierWarning[];
}

export interface ParseOptions {
  /** the input field to name in an error's detail, e.g. `subject_identifier` */
  field?: string;
}

/** Builds the coded error a parser throws, with the caller's field in the detail. */
export function idError(code: ErrorCode, message: string, field?: string): CredenceError {
  return new CredenceError(code, message, field ? { field } : {});
}

/**
 * Removes spaces and hyphens (ASCII and Unicode dashes) and upper-cases ASCII letters: the common
 * normal form of every scheme. Only ASCII: 'ſ' and 'ı' upper-case to 'S' and 'I', and would pass
 * as another holder's identifier instead of failing its scheme's format.
 */
export function normaliseId(raw: string): string {
  return raw.replace(/[\s\-\u2010-\u2015]+/g, '').replace(/[a-z]+/g, (s) => s.toUpperCase());
}
