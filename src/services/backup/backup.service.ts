import { existsSync } from 'node:fs';
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
  const checkpoint = await recordCheckpoint(deps, actor);
  await deps.store.backup(destination);
  return { destination, checkpoint };
}
