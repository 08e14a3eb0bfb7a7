import { isCredenceError } from '../errors.js';
import { asCodedError } from './system-errors.js';

/**
 * Exit codes (the README's CLI section lists them): 0 ok, 1 a rule was broken (bad input, not
 * found), 2 an unexpected failure, 3 an import done with rejected rows.
 */
export const EXIT_RULE = 1;
export const EXIT_UNEXPECTED = 2;
export const EXIT_REJECTED_ROWS = 3;

/** Wraps a command action: prints coded errors readably and sets a non-zero exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}

export function reportError(thrown: unknown): number {
  const error = asCodedError(thrown);
  if (isCredenceError(error)) {
    const field = error.field ? ` (field ${error.field})` : '';
    process.stderr.write(`error ${error.code}${field}: ${error.message}\n`);
    const problems = error.detail.problems;
    if (Array.isArray(problems)) {
      // a problem the message already states is not said again
      for (const p of problems.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))))
        if (!error.message.includes(p)) process.stderr.write(`  - ${p}\n`);
    }
    return EXIT_RULE;
  }
  process.stderr.write(
    `unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return EXIT_UNEXPECTED;
}
