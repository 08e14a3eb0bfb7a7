import { CredenceError } from '../errors.js';

/** A run that was never stored: updated on either backend, or asked for by a comparison. */
export function ratingRunNotFound(id: string, field = 'run'): CredenceError {
  return new CredenceError('RATING_RUN_NOT_FOUND', `no rating run ${id}`, { field, id });
}
