import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { importJobHandler } from '../../src/services/jobs/import-jobs.service.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { COLUMNS, csvLine, penaltyRows, tempDir } from '../support/import-files.js';
import { BEIJING_MARKET, NOW, registry } from '../support/registry.js';

const BATCH = 20;
const ROWS = 200;
const LEASE_MS = 30_000;
/** every seventh row is bad: its fine is negative */
const BAD = (i: number) => i % 7 === 3;

interface ImportJob {
  id: string;
  status: string;
  summary: Record<string, number> | null;
}

const body = (): string =>
  [
    COLUMNS.join(','),
    ...penaltyRows(ROWS).map((row, i) => csvLine(BAD(i) ? { ...row, fine_amount: '-5' } : row)),
  ].join('\n') + '\n';
/** the bad rows' lines: the header is line 1 */
const badLines = Array.from({ length: ROWS }, (_, i) => i)
  .filter(BAD)
  .map((i) => i + 2);

/** A server process on the store: its own app, its own clock, its own owner name. */
async function processOn(deps: ServiceDeps, owner: string, concurrency = 2) {
  const app = await buildApp(deps, {
    http: { jwtSecret: 'a-test-secret-that-is-long-enough-0123', rateLimit: 0, logLevel: 'silent' },
    logger: false,
    webhooks: false,
    importBatchSize: BATCH,
    jobRunner: { owner, leaseMs: LEASE_MS, pollMs: 20, concurrency },
  });
  await app.ready();
  return app;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (const deadline = Date.now() + 90_000; Date.now() < deadline;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the job did not finish in 90 s');
}

/**
 * The store as a process that dies after `commits` transactions sees it: every call after that
 * never answers (nothing more is written, no lease renewed), like a process killed mid-import.
 */
function dyingStore(store: Store, commits: number): Store {
  let left = commits;
  return new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (left <= 0) return new Promise(() => undefined);
        if (prop === 'transaction') left -= 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each(BACKENDS)('import jobs kept in the store on $name', (backend) => {
  const store = storePerTest(backend);

  async function furnisher(deps: ServiceDeps) {
    return (
      await createAccount(
        deps,
        { name: 'furnisher', role: 'furnisher', authority: BEIJING_MARKET },
        'test',
      )
    ).apiKey;
  }

  it('a job survives the server: a new process reads its status and its whole report', async () => {
    const deps = await registry(store());
    const key = await furnisher(deps);
    const headers = { authorization: `Bearer ${key}` };
    const first = await processOn(deps, 'first');
    const posted = await first.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: body(),
    });
    expect(posted.statusCode, posted.body).toBe(202);
    const { id } = posted.json<ImportJob>();
    await until(
      async () => (await first.inject({ url: `/v1/imports/${id}`, headers })).json<ImportJob>(),
      (job) => job.status !== 'running',
    );
    await first.close();

    const sut = await processOn(deps, 'second');
    try {
      const job = (await sut.inject({ url: `/v1/imports/${id}`, headers })).json<ImportJob>();
      expect(job).toMatchObject({
        status: 'finished',
        summary: { rows: ROWS, created: ROWS - badLines.length, rejected: badLines.length },
      });
      const report = (await sut.inject({ url: `/v1/imports/${id}/errors`, headers })).body;
      const lines = report.trim().split('\n');
      expect(lines[0]).toBe('line,field,code,message,rule_zh');
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(badLines);
    } finally {
      await sut.close();
    }
  }, 120_000);

  it('a killed worker’s job is claimed again once its lease runs out and resumes from its last committed batch, whole and without duplicates', async () => {
    const deps = await registry(store());
    const key = await furnisher(deps);
    const headers = { authorization: `Bearer ${key}` };
    // the upload is queued by a process that runs no jobs
    const queued = await processOn(deps, 'uploader', 0);
    const posted = await queued.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: body(),
    });
    const { id } = posted.json<ImportJob>();
    await queued.close();
    // the worker that claims it first dies after committing three batches
    const dying = { ...deps, store: dyingStore(store(), 3) };
    const claimed = await deps.store.claimJob(['import'], 'doomed', Date.parse(NOW), LEASE_MS);
    expect(claimed?.id).toBe(id);
    void importJobHandler(
      dying,
      tempDir(),
      BATCH,
    )(claimed!, {
      owner: 'doomed',
      signal: new AbortController().signal,
    });
    const stalled = await until(
      async () => (await deps.store.getJob(id))!,
      (job) => (job.progress as { rows: number }).rows >= 3 * BATCH,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await deps.store.getJob(id)).toMatchObject({ progress: stalled.progress });
    expect((await deps.store.counts()).records).toBeLessThan(ROWS);

    // within the lease no other process takes it; once it has run out, one does
    const early = await processOn(deps, 'too-early');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await deps.store.getJob(id)).toMatchObject({ leaseOwner: 'doomed', state: 'running' });
    await early.close();
    const later = await registry(store(), new Date(Date.parse(NOW) + LEASE_MS + 1).toISOString());
    const sut = await processOn(later, 'survivor');
    try {
      const job = await until(
        async () => (await sut.inject({ url: `/v1/imports/${id}`, headers })).json<ImportJob>(),
        (j) => j.status !== 'running',
      );
      expect(job).toMatchObject({
        status: 'finished',
        summary: {
          rows: ROWS,
          created: ROWS - badLines.length,
          unchanged: 0,
          rejected: badLines.length,
          batches: ROWS / BATCH,
        },
      });
      expect(await deps.store.getJob(id)).toMatchObject({ attempts: 2 });
      const report = (await sut.inject({ url: `/v1/imports/${id}/errors`, headers })).body;
      expect(
        report
          .trim()
          .split('\n')
          .slice(1)
          .map((l) => Number(l.split(',')[0])),
      ).toEqual(badLines);
      expect(await deps.store.counts()).toMatchObject({
        records: ROWS - badLines.length,
        versions: ROWS - badLines.length,
      });
    } finally {
      await sut.close();
    }
  }, 120_000);

  it('two processes claim a job once', async () => {
    const deps = await registry(store());
    const key = await furnisher(deps);
    const uploader = await processOn(deps, 'uploader', 0);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const posted = await uploader.inject({
        method: 'POST',
        url: '/v1/imports',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        payload: `${COLUMNS.join(',')}\n`,
      });
      ids.push(posted.json<ImportJob>().id);
    }
    await uploader.close();
    // claims race from two stores' worth of callers at once
    const now = Date.parse(NOW);
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        deps.store.claimJob(['import'], `worker-${i % 2}`, now, LEASE_MS),
      ),
    );
    const claimed = claims.filter((c) => c !== null).map((c) => c.id);
    expect(claimed.sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await deps.store.getJob(id)).toMatchObject({ attempts: 1 });
  }, 120_000);
});
