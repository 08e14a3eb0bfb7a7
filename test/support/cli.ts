import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BEIJING_MARKET } from './registry.js';

/** The CLI as a user runs it, in a process of its own, from the sources (bin/credence.js runs dist/). */
export const CLI = join(import.meta.dirname, '..', '..', 'bin', 'credence-dev.js');

export function credence(db: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--db', db, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Registers the Beijing market regulator of the test world (market, Beijing) in the database. */
export function addBeijingMarket(db: string): void {
  const added = credence(
    db,
    'authority',
    'add',
    BEIJING_MARKET,
    '--name',
    '北京市市场监督管理局',
    '--domains',
    'market',
    '--regions',
    '110000',
  );
  if (added.code !== 0) throw new Error(`credence authority add: ${added.stderr}`);
}
