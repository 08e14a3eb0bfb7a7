import { CredenceError } from '../errors.js';

/** What Node says when a file a person named is not there or cannot be read. */
interface SystemError extends Error {
  code: string;
  path?: string;
}

const isSystemError = (error: unknown): error is SystemError =>
  error instanceof Error && typeof (error as SystemError).code === 'string';

const FILE_CODES: Record<string, string> = {
  ENOENT: 'there is no such file: check the path (relative paths start in the current folder)',
  ENOTDIR: 'a part of the path is a file, not a folder: check the path',
  EISDIR: 'this is a folder: name a file in it',
  EACCES: 'you may not read it: check its permissions or run as its owner',
  EPERM: 'you may not read it: check its permissions or run as its owner',
};

/**
 * A file error from Node as the coded error a person can act on (FILE_NOT_FOUND naming the
 * file and what to do); anything else is returned as it is.
 */
export function asCodedError(error: unknown): unknown {
  if (!isSystemError(error) || !error.path) return error;
  const what = FILE_CODES[error.code];
  if (!what) return error;
  return new CredenceError('FILE_NOT_FOUND', `${error.path}: ${what}`, { field: 'file' });
}
