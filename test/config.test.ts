import { describe, expect, it } from 'vitest';
import { readConfig } from '../src/config.js';

describe('readConfig', () => {
  it('reads the webhook allow-list, the sign-in throttle and the token lifetime once, with strict defaults', () => {
    const sut = readConfig({});
    expect(sut.http).toMatchObject({
      webhookAllow: [],
      authThrottle: { failures: 20, windowSeconds: 300 },
      tokenMaxSeconds: 3600,
    });
    expect(
      readConfig({
        CREDENCE_WEBHOOK_ALLOW: '10.0.0.0/8, 127.0.0.1 ,::1/128',
        CREDENCE_AUTH_FAILURES: '5',
        CREDENCE_AUTH_WINDOW: '60',
        CREDENCE_TOKEN_MAX_SECONDS: '900',
      }).http,
    ).toMatchObject({
      webhookAllow: ['10.0.0.0/8', '127.0.0.1', '::1/128'],
      authThrottle: { failures: 5, windowSeconds: 60 },
      tokenMaxSeconds: 900,
    });
  });

  it("reads the store's durability, its free-space floor and the close's grace once, refusing what is not a setting", () => {
    expect(readConfig({}).store).toMatchObject({
      sqliteSynchronous: 'NORMAL',
      sqliteMinFreeBytes: 64 * 2 ** 20,
    });
    expect(
      readConfig({ CREDENCE_SQLITE_SYNCHRONOUS: 'FULL', CREDENCE_SQLITE_MIN_FREE_MB: '0' }).store,
    ).toMatchObject({ sqliteSynchronous: 'FULL', sqliteMinFreeBytes: 0 });
    expect(() => readConfig({ CREDENCE_SQLITE_MIN_FREE_MB: '-1' })).toThrow(
      /CREDENCE_SQLITE_MIN_FREE_MB: a whole number of MiB/,
    );
    expect(readConfig({}).closeGraceMs).toBe(30_000);
    expect(readConfig({ CREDENCE_CLOSE_GRACE_MS: '0' }).closeGraceMs).toBe(0);
    expect(() => readConfig({ CREDENCE_CLOSE_GRACE_MS: '1.5' })).toThrow(
      /CREDENCE_CLOSE_GRACE_MS: a whole number of milliseconds/,
    );
  });

  it('names every bad setting at once', () => {
    let problems: string[] = [];
    try {
      readConfig({
        CREDENCE_WEBHOOK_ALLOW: 'intranet.local,10.0.0.0/33',
        CREDENCE_AUTH_FAILURES: '0',
        CREDENCE_AUTH_WINDOW: 'soon',
        CREDENCE_TOKEN_MAX_SECONDS: '31536000',
      });
    } catch (error) {
      problems = (error as { detail: { problems: string[] } }).detail.problems;
    }
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'CREDENCE_WEBHOOK_ALLOW',
      'CREDENCE_WEBHOOK_ALLOW',
      'CREDENCE_AUTH_FAILURES',
      'CREDENCE_AUTH_WINDOW',
      'CREDENCE_TOKEN_MAX_SECONDS',
    ]);
  });
});

describe('readConfig for screening clients (issue 19)', () => {
  it('reads the screening queries a minute per account, 12,000 unless set, 0 for none', () => {
    expect(readConfig({}).http.screeningQueries).toBe(12_000);
    expect(readConfig({ CREDENCE_SCREENING_QUERIES: '0' }).http.screeningQueries).toBe(0);
    expect(() => readConfig({ CREDENCE_SCREENING_QUERIES: '-1' })).toThrow(
      /CREDENCE_SCREENING_QUERIES/,
    );
  });

  it('reads the hot standbys (DATABASE_READ_URL, comma-separated) and their lag bound once, refusing what is no PostgreSQL', () => {
    expect(readConfig({})).toMatchObject({ databaseReadUrls: [], standbyMaxLagMs: 5000 });
    expect(
      readConfig({
        DATABASE_URL: 'postgres://primary/credence',
        DATABASE_READ_URL: 'postgres://standby-1/credence, postgresql://standby-2/credence',
        CREDENCE_STANDBY_MAX_LAG_MS: '2000',
      }),
    ).toMatchObject({
      databaseReadUrls: ['postgres://standby-1/credence', 'postgresql://standby-2/credence'],
      standbyMaxLagMs: 2000,
    });
    expect(() => readConfig({ DATABASE_READ_URL: 'standby.db' })).toThrow(
      /DATABASE_READ_URL: postgres:\/\/ URLs of hot standbys/,
    );
    expect(() =>
      readConfig({ DATABASE_URL: 'credence.db', DATABASE_READ_URL: 'postgres://standby/credence' }),
    ).toThrow(/standbys need a PostgreSQL primary/);
    expect(() => readConfig({ CREDENCE_STANDBY_MAX_LAG_MS: '10' })).toThrow(
      /CREDENCE_STANDBY_MAX_LAG_MS: a whole number of milliseconds/,
    );
  });
});

describe('readConfig for the shared counters (issue 21)', () => {
  it('reads the Redis of the counters and its key prefix once, refusing what is no Redis URL', () => {
    expect(readConfig({}).http.redis).toBeNull();
    expect(readConfig({ CREDENCE_REDIS_URL: 'redis://10.0.0.5:6379/2' }).http.redis).toEqual({
      url: 'redis://10.0.0.5:6379/2',
      prefix: 'credence:',
    });
    expect(
      readConfig({ CREDENCE_REDIS_URL: 'rediss://cache:6380', CREDENCE_REDIS_PREFIX: 'reg-a:' })
        .http.redis,
    ).toEqual({ url: 'rediss://cache:6380', prefix: 'reg-a:' });
    expect(() => readConfig({ CREDENCE_REDIS_URL: 'http://cache:6379' })).toThrow(
      /CREDENCE_REDIS_URL/,
    );
    expect(() =>
      readConfig({ CREDENCE_REDIS_URL: 'redis://cache', CREDENCE_REDIS_PREFIX: 'a b' }),
    ).toThrow(/CREDENCE_REDIS_PREFIX/);
  });
});
