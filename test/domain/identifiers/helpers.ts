import { CredenceError } from '../../../src/errors.js';

/** The code of the CredenceError that `fn` throws, or undefined when it does not throw. */
export function errorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CredenceError) return error.code;
    throw error;
  }
  return undefined;
}

/** A fixed "today" so tests never read the clock. */
export const TODAY = '2025-06-30';
