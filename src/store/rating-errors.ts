import { CredenceError } from '../errors.js';

/** An update of a run that was never stored, on either backend. */
export function ratingRunNotFound(id: string): CredenceError {
  return new CredenceError('RATING_RUN_NOT_FOUND', `no rating run ${id}`, { field: 'run', id });
}
