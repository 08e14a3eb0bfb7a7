import { CredenceError } from '../errors.js';
import type { Problem } from './records/submission.js';

/** Turns the problems of a single request into one coded error: the first names the code and field, all are listed. */
export function problemsError(problems: readonly Problem[]): CredenceError {
  const [first] = problems;
  if (!first) throw new Error('problemsError needs at least one problem');
  return new CredenceError(first.code, first.message, {
    field: first.field,
    problems: problems.map((p) => `${p.field}: ${p.code}: ${p.message}`),
  });
}
