import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identifiers/uscc.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { PostgresStandbys } from '../../src/store/postgres/postgres-standbys.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { BEIJING_FIRM, BEIJING_MARKET, penalty, registry } from '../support/registry.js';
import {
  postgresBinaries,
  throwawayCluster,
  type ThrowawayCluster,
} from '../support/throwaway-postgres.js';
import { dropRedisKeys, REDIS_URL, redisTestPrefix } from '../support/redis.js';

const { bin, reason } = postgresBinaries();
if (!bin) console.log(`standby read tests skipped: ${reason}`);

/** the bound past which the standby is skipped: long enough for a read right after a write, on a loaded machine too */
const MAX_LAG_MS = 8000;
const ROUTING = {
  maxLagMs: MAX_LAG_MS,
  probeMs: 200,
  connectTimeoutMs: 1000,
  statementTimeoutMs: 2000,
};

describe.runIf(bin)('public reads from a PostgreSQL hot standby (DATABASE_READ_URL)', () => {
  let primary: ThrowawayCluster | undefined;
  let standby: ThrowawayCluster | undefined;
  let store: PostgresStore | undefined;
  let reads: PostgresStandbys | undefined;
  let onStandby: pg.Client | undefined;
  let app: App | undefined;
  let furnisher: string;
  let operator: string;
  const lines: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    primary = await throwawayCluster(bin!);
    standby = await primary.standby();
    store = await PostgresStore.connect(primary.url, { connectTimeoutMs: 1000 });
    await store.migrate();
    const deps = await registry(store);
    const account = async (role: 'furnisher' | 'operator') =>
      (await createAccount(deps, { name: role, role, authority: BEIJING_MARKET }, 'test')).apiKey;
    furnisher = await account('furnisher');
    operator = await account('operator');
    reads = await PostgresStandbys.open(store, [standby.url], ROUTING);
    onStandby = new pg.Client({ connectionString: standby.url });
    onStandby.on('error', () => undefined);
    await onStandby.connect();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    app = await buildApp(
      { ...deps, reads },
      {
        http: {
          jwtSecret: 'a-test-secret-that-is-long-enough-0123',
          rateLimit: 0,
          logLevel: 'info',
        },
        logger: { level: 'info', stream },
        webhooks: false,
      },
    );
    await app.ready();
  }, 60_000);

  // whatever failed above: every process stopped and every directory removed
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await onStandby?.end().catch(() => undefined);
    await reads?.close().catch(() => undefined);
    await store?.close().catch(() => undefined);
    standby?.destroy();
    primary?.destroy();
  }, 30_000);

  const search = async (identifier: string, key?: string) => {
    const response = await app!.inject({
      url: `/v1/search?q=${identifier}`,
      ...(key ? { headers: { authorization: `Bearer ${key}` } } : {}),
    });
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: unknown[] }).items.length;
  };
  const metric = async (name: string, label = ''): Promise<number> => {
    const text = (
      await app!.inject({ url: '/metrics', headers: { authorization: `Bearer ${operator}` } })
    ).body;
    return text
      .split('\n')
      .filter((l) => l.startsWith(name) && l.includes(label))
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  };
  const until = async (what: string, done: () => Promise<boolean> | boolean, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const standbyAnswers = async () => {
    await reads!.probe();
    return reads!.readsFor(null) !== store;
  };
  // a pause is a request: replay stops at its next record, so wait until it has (PostgreSQL 14+)
  const pauseReplay = async () => {
    await onStandby!.query('SELECT pg_wal_replay_pause()');
    await until('replay to pause', async () => {
      const state = await onStandby!.query<{ state: string }>(
        'SELECT pg_get_wal_replay_pause_state() AS state',
      );
      return state.rows[0]?.state === 'paused';
    });
  };
  // the standby has replayed all the primary has written, and the routing has seen it do so
  const replayedAll = async () => {
    const onPrimary = new pg.Client({ connectionString: primary!.url });
    await onPrimary.connect();
    try {
      const { rows } = await onPrimary.query<{ lsn: string }>('SELECT pg_current_wal_lsn() AS lsn');
      await until('the standby to replay the primary', async () => {
        const replayed = await onStandby!.query<{ done: boolean }>(
          'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done',
          [rows[0]!.lsn],
        );
        return replayed.rows[0]?.done === true;
      });
    } finally {
      await onPrimary.end();
    }
    await reads!.probe();
  };
  const write = (identifier: string, ref: string) =>
    app!.inject({
      method: 'POST',
      url: '/v1/records',
      headers: { authorization: `Bearer ${furnisher}` },
      payload: penalty({ subject_identifier: identifier, source_ref: ref }),
    });

  it("reads a change written through Credence from the standby; the writer's own reads come from the primary until the standby has replayed it", async () => {
    await until('the standby to answer', standbyAnswers);
    // replay held: what the standby answers is what it had before the write
    await pauseReplay();
    expect((await write(BEIJING_FIRM, 'P-STANDBY-1')).statusCode).toBe(201);
    const fromStandby = await metric('credence_standby_reads_total');
    expect(await search(BEIJING_FIRM, furnisher)).toBe(1);
    expect(await metric('credence_standby_writer_reads_total')).toBeGreaterThanOrEqual(1);
    expect(await search(BEIJING_FIRM)).toBe(0);
    expect(await metric('credence_standby_reads_total')).toBe(fromStandby + 1);

    await onStandby!.query('SELECT pg_wal_replay_resume()');
    await until('the standby to catch up', standbyAnswers);
    // within the lag bound is not yet past the furnisher's write: wait for the replay itself
    await replayedAll();
    const before = await metric('credence_standby_reads_total');
    expect(await search(BEIJING_FIRM)).toBe(1);
    // the furnisher's read too: the standby has replayed past its write
    expect(await search(BEIJING_FIRM, furnisher)).toBe(1);
    expect(await metric('credence_standby_reads_total')).toBe(before + 2);
    // the public view and the public list read the standby too (a view it has not saved is
    // rendered and saved on the primary)
    for (const url of [`/v1/subjects/${BEIJING_FIRM}`, '/v1/lists/consumption_restriction/entries'])
      expect((await app!.inject({ url })).statusCode, url).toBe(200);
    expect(await metric('credence_standby_reads_total')).toBe(before + 4);
  }, 40_000);

  it("with Redis (CREDENCE_REDIS_URL), a write through one process holds its writer's standby reads in another", async () => {
    const firm = makeUscc('91110102', 'MA01RD05');
    const prefix = redisTestPrefix();
    const deps = await registry(store!);
    // two server processes on the one primary and standby, each with its own routing
    const processes = await Promise.all(
      [0, 1].map(async () => {
        const routing = await PostgresStandbys.open(store!, [standby!.url], ROUTING);
        const server = await buildApp(
          { ...deps, reads: routing },
          {
            http: {
              jwtSecret: 'a-test-secret-that-is-long-enough-0123',
              rateLimit: 0,
              logLevel: 'silent',
              redis: { url: REDIS_URL, prefix },
            },
            logger: false,
            webhooks: false,
          },
        );
        await server.ready();
        return { routing, server };
      }),
    );
    const [one, other] = processes as [(typeof processes)[0], (typeof processes)[0]];
    const found = async (key?: string) =>
      (
        (
          await other.server.inject({
            url: `/v1/search?q=${firm}`,
            ...(key ? { headers: { authorization: `Bearer ${key}` } } : {}),
          })
        ).json() as { items: unknown[] }
      ).items.length;
    try {
      await until('the standby to answer', async () => {
        await other.routing.probe();
        return other.routing.readsFor(null) !== store;
      });
      await pauseReplay();
      try {
        const written = await one.server.inject({
          method: 'POST',
          url: '/v1/records',
          headers: { authorization: `Bearer ${furnisher}` },
          payload: penalty({ subject_identifier: firm, source_ref: 'P-STANDBY-REDIS' }),
        });
        expect(written.statusCode).toBe(201);
        // the other process learns the write's position in Redis: the writer reads the primary
        expect(await found(furnisher)).toBe(1);
        // the public reads the standby there, which has not replayed the write
        expect(await found()).toBe(0);
      } finally {
        await onStandby!.query('SELECT pg_wal_replay_resume()');
      }
      await until('the standby to catch up', standbyAnswers);
    } finally {
      for (const { server, routing } of processes) {
        await server.close();
        await routing.close();
      }
      await dropRedisKeys(prefix);
    }
  }, 40_000);

  it('skips a standby that lags past the bound, with a metric and a log line, and the reader sees the primary', async () => {
    const firm = makeUscc('91110108', 'MA01LAG8');
    await pauseReplay();
    try {
      expect((await write(firm, 'P-STANDBY-LAG')).statusCode).toBe(201);
      await until('the standby to lag past the bound', async () => !(await standbyAnswers()));
      expect(await search(firm)).toBe(1);
      expect(await metric('credence_standby_skipped_total', 'reason="lag"')).toBeGreaterThan(0);
      expect(lines.some((l) => /lags past 8000 ms/.test(l.msg))).toBe(true);
    } finally {
      await onStandby!.query('SELECT pg_wal_replay_resume()');
    }
    await until('the standby to catch up', standbyAnswers);
    expect(lines.some((l) => /answering reads/.test(l.msg))).toBe(true);
  }, 40_000);

  it('goes on reading from the primary when the standby stops, never an error to the reader', async () => {
    const firm = makeUscc('91110105', 'MA01DWN3');
    expect((await write(firm, 'P-STANDBY-DOWN')).statusCode).toBe(201);
    await until('the standby to have the write', async () => {
      await reads!.probe();
      return (await search(firm)) === 1;
    });
    await onStandby!.end();
    onStandby = undefined;
    standby!.stop();
    // whether a read or the probe finds it down first, the reads answer from the primary
    for (let i = 0; i < 5; i++) expect(await search(firm)).toBe(1);
    const view = await app!.inject({ url: `/v1/subjects/${firm}` });
    expect(view.statusCode).toBe(200);
    expect(await metric('credence_standby_skipped_total', 'reason="down"')).toBeGreaterThan(0);
    expect(lines.filter((l) => /standby .* down/.test(l.msg))).toHaveLength(1);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  }, 40_000);
});
