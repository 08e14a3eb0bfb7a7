import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CredenceError } from '../../errors.js';

/** PostgreSQL's client tools (pg_dump, pg_restore): on the PATH, else the newest installed. */
function toolPath(tool: string): string {
  const root = '/usr/lib/postgresql';
  const installed = existsSync(root)
    ? readdirSync(root)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(root, v, 'bin', tool))
        .find((p) => existsSync(p))
    : undefined;
  return installed ?? tool;
}

/** Runs a PostgreSQL client tool; its failure is BACKUP_FAILED with what the tool said. */
export function runTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath(tool), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.on('error', (error) =>
      reject(new CredenceError('BACKUP_FAILED', `${tool} could not run: ${error.message}`)),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new CredenceError('BACKUP_FAILED', `${tool} failed: ${said.trim()}`)),
    );
  });
}
