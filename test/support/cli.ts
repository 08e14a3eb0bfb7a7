import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The CLI as a user runs it: `node bin/credence.js …`, in a process of its own. */
export const CLI = join(import.meta.dirname, '..', '..', 'bin', 'credence.js');

export function credence(db: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
