import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { BEIJING_MARKET, penalty, registry } from '../support/registry.js';

const BETTER_SQLITE = createRequire(import.meta.url).resolve('better-sqlite3');

/** Another process (as a CLI import would be) that takes the file's write lock and holds it until told. */
async function lockHolder(file: string): Promise<{ release(): Promise<void> }> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [
    '-e',
    `const db = new (require(${JSON.stringify(BETTER_SQLITE)}))(process.argv[1]);
     db.exec('BEGIN IMMEDIATE'); console.log('locked');
     process.stdin.once('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`,
    file,
  ]);
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.write('go\n');
      }),
  };
}

describe('another process holding the SQLite write lock beside the server', () => {
  let dir: string;
  let store: SqliteStore;
  let app: App;
  let key: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credence-lock-'));
    store = SqliteStore.open(join(dir, 'credence.db'), { lockWaitMs: 1500 });
    await store.migrate();
    const deps = await registry(store);
    key = (
      await createAccount(
        deps,
        { name: 'furnisher', role: 'furnisher', authority: BEIJING_MARKET },
        'test',
      )
    ).apiKey;
    app = await buildApp(deps, {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
      logger: false,
      webhooks: false,
    });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (ref: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: { authorization: `Bearer ${key}` },
      payload: penalty({ source_ref: ref }),
    });

  it('keeps answering other requests while a write waits, and answers the write 503 STORE_BUSY with Retry-After', async () => {
    const holder = await lockHolder(join(dir, 'credence.db'));
    try {
      const write = post('P-LOCK-1');
      // by now the write waits for the lock; a blocked event loop would run this timer late
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const health = await app.inject({ url: '/health' });
      expect(health.statusCode).toBe(200);
      const ready = await app.inject({ url: '/ready' });
      expect(ready.statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(800);
      const answered = await write;
      expect(answered.statusCode).toBe(503);
      expect(answered.json()).toMatchObject({ error: { code: 'STORE_BUSY' } });
      expect(answered.headers['retry-after']).toBe('5');
    } finally {
      await holder.release();
    }
    expect((await post('P-LOCK-1')).statusCode).toBe(201);
  }, 30_000);

  it('lands a write whose lock is released while it waits', async () => {
    const holder = await lockHolder(join(dir, 'credence.db'));
    const write = post('P-LOCK-2');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await holder.release();
    expect((await write).statusCode).toBe(201);
  }, 30_000);
});
