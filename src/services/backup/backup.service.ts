import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CredenceError } from '../../errors.js';
import { recordCheckpoint, type Checkpoint } from '../audit/audit.service.js';
import type { ServiceDeps } from '../deps.js';

export interface Backup {
  destination: string;
  /** the checkpoint recorded just before the copy, which the copy holds: publish it */
  checkpoint: Checkpoint;
}

/**
 * Records an audit checkpoint, then writes a consistent copy of the whole store (SQLite's online
 * backup API, or pg_dump) while writers go on. A copy restored later verifies up to the
 * checkpoint; a published checkpoint it does not reach shows that an older copy was restored.
 */
export async function backupStore(
  deps: ServiceDeps,
  destination: string,
  actor: string,
): Promise<Backup> {
  if (existsSync(destination))
    throw new CredenceError('BACKUP_TARGET_EXISTS', `${destination} exists: name a new file`, {
      field: 'destination',
    });
  // checked before the checkpoint, so that a mistyped path records nothing
  const folder = dirname(resolve(destination));
  if (!existsSync(folder))
    throw new CredenceError(
      'BACKUP_FOLDER_MISSING',
      `${folder} does not exist: create it (mkdir -p) or name a file in a folder that does`,
      { field: 'destination' },
    );
  const checkpoint = await recordCheckpoint(deps, actor);
  await deps.store.backup(destination);
  return { destination, checkpoint };
}
