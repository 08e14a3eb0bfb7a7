import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { openStore } from '../../src/store/open.js';
import { BACKENDS, onAdmin, PG_ADMIN_URL } from '../support/backends.js';
import { CLI } from '../support/cli.js';
import { COLUMNS, csvLine, penaltyRows, tempDir } from '../support/import-files.js';
import { BEIJING_MARKET, registry, SHANGHAI_BANK, SHANGHAI_FIRM } from '../support/registry.js';
import { dropRedisKeys, REDIS_URL, redisTestPrefix } from '../support/redis.js';

/** A database for the servers: a SQLite file, or a PostgreSQL database of its own. */
async function database(backend: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (backend === 'sqlite')
    return { url: join(tempDir(), 'serve.db'), drop: async () => undefined };
  const name = `credence_workers_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function onStore<T>(url: string, fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    await store.migrate();
    return await fn(await registry(store));
  } finally {
    await store.close();
  }
}

/** `credence serve` in a process group of its own (its workers with it), and its log lines. */
async function spawnServe(db: string, args: string[], env: Record<string, string>) {
  const server = spawn(process.execPath, [CLI, '--db', db, 'serve', '--port', '0', ...args], {
    env: { ...process.env, CREDENCE_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    server.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = await new Promise<string>((resolve, reject) => {
    server.on('exit', () => reject(new Error(`the server exited early: ${stderr}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      lines.push(line);
      const url = /serving .* at (http:\/\/\S+)/.exec(line)?.[1];
      if (url) resolve(url);
    });
  });
  return { server, base, exited, lines };
}

/** A GET on a connection of its own: the cluster hands each new connection to the next worker. */
function getOnce(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const pidsAnswering = (lines: string[]): Set<number> =>
  new Set(
    lines
      .filter((l) => l.includes('"request completed"'))
      .map((l) => (JSON.parse(l) as { pid: number }).pid),
  );

describe.each(BACKENDS)('credence serve --workers on $name', (backend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function started(db: string, args: string[], env: Record<string, string> = {}) {
    const serving = await spawnServe(db, args, env);
    cleanups.push(async () => {
      if (serving.server.exitCode === null && serving.server.signalCode === null)
        process.kill(-serving.server.pid!, 'SIGKILL');
      await serving.exited;
    });
    return serving;
  }

  it('two workers on one port count one rate limit and stop together on SIGTERM', async () => {
    const db = await database(backend.name);
    cleanups.push(db.drop);
    await onStore(db.url, async () => undefined);
    const { server, base, exited, lines } = await started(db.url, ['--workers', '2'], {
      CREDENCE_RATE_LIMIT: '10',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await getOnce(`${base}/v1/catalog`)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    // both workers answered: each alone would have let its own 10 through
    // (the request log is written in batches, at the latest a second after the line)
    for (let i = 0; i < 100 && pidsAnswering(lines).size < 2; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pidsAnswering(lines).size).toBe(2);

    server.kill('SIGTERM');
    expect(await exited).toMatchObject({ code: 0, signal: null });
  }, 180_000);

  // where the counters are kept: the database (the default) or Redis (CREDENCE_REDIS_URL)
  it.each([
    { counters: 'the database', redis: false },
    { counters: 'Redis', redis: true },
  ])(
    'two workers counting in $counters hold one lookup-miss throttle, one screening quota and one sign-in throttle',
    async ({ redis }) => {
      const db = await database(backend.name);
      cleanups.push(db.drop);
      const { apiKey } = await onStore(db.url, (deps) =>
        createAccount(deps, { name: 'bank', role: 'inquirer', authority: SHANGHAI_BANK }, 'test'),
      );
      const env: Record<string, string> = {
        CREDENCE_LOOKUP_MISSES: '3',
        CREDENCE_AUTH_FAILURES: '3',
        CREDENCE_SCREENING_QUERIES: '5',
      };
      if (redis) {
        const prefix = redisTestPrefix();
        Object.assign(env, { CREDENCE_REDIS_URL: REDIS_URL, CREDENCE_REDIS_PREFIX: prefix });
        cleanups.push(() => dropRedisKeys(prefix));
      }
      const { base, lines } = await started(db.url, ['--workers', '2'], env);
      const statuses = async (n: number, url: string, headers: Record<string, string> = {}) => {
        const seen: number[] = [];
        for (let i = 0; i < n; i += 1) seen.push((await getOnce(url, headers)).status);
        return seen;
      };
      const bank = { authorization: `Bearer ${apiKey}` };
      // batches of 2 queries against a quota of 5 a minute: two pass, then every one is refused
      const queries = encodeURIComponent(
        JSON.stringify({ q0: { query: '上海测试' }, q1: { query: '北京测试' } }),
      );
      expect(await statuses(6, `${base}/v1/reconcile?queries=${queries}`, bank)).toEqual([
        200, 200, 429, 429, 429, 429,
      ]);
      // 3 misses a window: the fourth lookup waits, whichever worker answers it
      expect(await statuses(8, `${base}/v1/subjects/${SHANGHAI_FIRM}`)).toEqual([
        404, 404, 404, 429, 429, 429, 429, 429,
      ]);
      // 3 failed sign-ins, then every sign-in from the address waits, the right key too
      const wrong = { authorization: 'Bearer cred_nobody.wrong' };
      expect(await statuses(6, `${base}/v1/catalog`, wrong)).toEqual([
        401, 401, 401, 429, 429, 429,
      ]);
      expect(await statuses(1, `${base}/v1/catalog`, bank)).toEqual([429]);
      // both workers answered: each alone would have let its own limit through
      for (let i = 0; i < 100 && pidsAnswering(lines).size < 2; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pidsAnswering(lines).size).toBe(2);
    },
    180_000,
  );

  it('a killed server loses no import: the next one resumes it from its last committed batch, whole', async () => {
    const ROWS = 3000;
    const BATCH = 100;
    const db = await database(backend.name);
    cleanups.push(db.drop);
    const { apiKey } = await onStore(db.url, (deps) =>
      createAccount(deps, { name: 'desk', role: 'furnisher', authority: BEIJING_MARKET }, 'test'),
    );
    const headers = { authorization: `Bearer ${apiKey}` };
    const env = { CREDENCE_IMPORT_BATCH: String(BATCH), CREDENCE_JOB_LEASE_MS: '2000' };
    const first = await started(db.url, ['--workers', '2'], env);
    const rows = penaltyRows(ROWS).map((row, i) =>
      i % 50 === 7 ? { ...row, fine_amount: '-1' } : row,
    );
    const posted = await fetch(`${first.base}/v1/imports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: [COLUMNS.join(','), ...rows.map(csvLine)].join('\n') + '\n',
    });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    const job = async (base: string) =>
      (await (await fetch(`${base}/v1/imports/${id}`, { headers })).json()) as {
        status: string;
        progress: { rows: number };
        summary: Record<string, number> | null;
      };
    for (let i = 0; i < 3000; i += 1) {
      const seen = await job(first.base);
      if (seen.status !== 'running' || seen.progress.rows >= 5 * BATCH) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // the primary and its workers die at once: no close, no lease given back
    process.kill(-first.server.pid!, 'SIGKILL');
    await first.exited;
    const killed = await onStore(db.url, async (deps) => deps.store.counts());
    expect(killed.records).toBeLessThan(ROWS);

    const second = await started(db.url, [], env);
    let done = await job(second.base);
    for (let i = 0; i < 6000 && done.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done = await job(second.base);
    }
    const bad = rows.filter((_, i) => i % 50 === 7).length;
    expect(done).toMatchObject({
      status: 'finished',
      summary: { rows: ROWS, created: ROWS - bad, rejected: bad, unchanged: 0 },
    });
    const report = await (
      await fetch(`${second.base}/v1/imports/${id}/errors`, { headers })
    ).text();
    expect(report.trim().split('\n')).toHaveLength(1 + bad);
    await onStore(db.url, async (deps) => {
      expect(await deps.store.counts()).toMatchObject({
        records: ROWS - bad,
        versions: ROWS - bad,
      });
    });
  }, 300_000);
});
