import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BEIJING_MARKET } from './registry.js';

/** The CLI as a user runs it, in a process of its own, from the sources (bin/credence.js runs dist/). */
export const CLI = join(import.meta.dirname, '..', '..', 'bin', 'credence-dev.js');

/** a CLI that hangs fails its test instead of stalling the run */
const CLI_TIMEOUT_MS = 120_000;

export function credence(db: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, '--db', db, ...args], {
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
  });
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

/** `credence serve` in a process of its own, on a free port, once it says where it listens. */
export async function spawnServer(db: string, env: Record<string, string> = {}) {
  const server = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0'], {
    env: { ...process.env, CREDENCE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>(
    (resolve) => server.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  const base = await new Promise<string>((resolve, reject) => {
    server.on('exit', () => reject(new Error(`the server exited early: ${stderr}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      const url = /serving .* at (http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve(url);
    });
  });
  return { server, base, exited };
}
