import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, credence } from '../support/cli.js';
import { tempDir } from '../support/import-files.js';

/** No stack, no `unexpected error`, and the coded error's message said once. */
function saidOnce(stderr: string, code: string): void {
  expect(stderr).toContain(`error ${code}`);
  expect(stderr).not.toContain('unexpected error');
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a mistake a person can make on the command line gets a coded error saying what to do', () => {
  it('a missing file is FILE_NOT_FOUND naming it, exit 1', () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const missing = join(dir, 'nope.csv');
    for (const args of [
      ['import', missing],
      ['authority', 'load', missing],
      ['check', '--batch', missing],
    ]) {
      const run = credence(db, ...args);
      expect(run.code, args.join(' ')).toBe(1);
      saidOnce(run.stderr, 'FILE_NOT_FOUND');
      expect(run.stderr).toContain(missing);
    }
  }, 120_000);

  it('a bad ISO duration is DURATION_INVALID before anything is looked up', () => {
    const db = join(tempDir(), 'cli.db');
    const run = credence(
      db,
      ...['lists', 'extend', 'ent_x', '--by', 'banana', '--authority', 'x', '--reason', 'r'],
    );
    expect(run.code).toBe(1);
    saidOnce(run.stderr, 'DURATION_INVALID');
    expect(run.stderr).toContain('banana');
    expect(run.stderr).toContain('P1Y');
  });

  it('a database path that cannot be created is DB_PATH_UNWRITABLE naming --db', () => {
    const dir = tempDir();
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a folder');
    const run = credence(join(file, 'cli.db'), 'init');
    expect(run.code).toBe(1);
    saidOnce(run.stderr, 'DB_PATH_UNWRITABLE');
    expect(run.stderr).toContain('--db');
    expect(run.stderr).toContain('DATABASE_URL');
  });

  // Node's recursive mkdir spins forever where a folder refuses new entries with ENOENT (/proc)
  it('a database path under a folder that refuses new entries is DB_PATH_UNWRITABLE, at once', () => {
    const started = Date.now();
    const run = credence('/proc/credence-no-such/cli.db', 'init');
    expect(run.code).toBe(1);
    saidOnce(run.stderr, 'DB_PATH_UNWRITABLE');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 150_000);

  it('a busy port is PORT_IN_USE naming --port and CREDENCE_PORT', async () => {
    const db = join(tempDir(), 'cli.db');
    expect(credence(db, 'init').code).toBe(0);
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as { port: number };
    try {
      const server = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', String(port)], {
        env: { ...process.env, CREDENCE_LOG_LEVEL: 'silent' },
      });
      let stderr = '';
      server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) => server.on('exit', done));
      expect(code).toBe(1);
      saidOnce(stderr, 'PORT_IN_USE');
      expect(stderr).toContain('--port');
      expect(stderr).toContain('CREDENCE_PORT');
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('a coded error with problems prints each problem once', () => {
    const db = join(tempDir(), 'cli.db');
    const run = credence(
      db,
      ...['authority', 'add', '91110105MA00CRED0D', '--name', 'x', '--domains', 'bogus'],
      ...['--regions', '000000'],
    );
    expect(run.code).toBe(1);
    saidOnce(run.stderr, 'AUTHORITY_INVALID');
    expect(run.stderr.split('"bogus" is not a catalog domain').length - 1).toBe(1);
  });
});
