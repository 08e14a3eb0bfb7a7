import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { makeRic } from '../../src/domain/identifiers/index.js';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, NOW, PERSON } from '../support/registry.js';
import { apiWorld, json, type ApiWorld } from './support.js';

/** PERSON is registered as 张三, born 1985-03-02, sequence 17, in Guangzhou (440113). */
const NAME = '张三';
const UNKNOWN = makeRic('440113', '1985-03-02', 19);

type ErrorAnswer = { error: { code: string; field?: string; message: string; rule: string } };

/** what two answers may differ in: nothing but the request's own id and the time it was sent */
function comparable(res: LightMyRequestResponse) {
  const headers = { ...res.headers };
  delete headers['x-request-id'];
  delete headers.date;
  const error = { ...json<{ error: Record<string, string> }>(res).error };
  delete error.requestId;
  return { status: res.statusCode, headers, error };
}

/** A clock the test moves by hand. */
function movableClock(iso: string): Clock & { advance(seconds: number): void } {
  let at = new Date(iso).getTime();
  return {
    now: () => new Date(at),
    advance: (seconds) => void (at += seconds * 1000),
  };
}

describe.each(BACKENDS)('finding a person in public on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await world?.app.close();
  });

  const lookup = (on: App, identifier: string, name?: string) =>
    on.inject({
      method: 'GET',
      url: `/v1/subjects/${identifier}${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`,
    });

  it('shows a person only to a lookup by full identifier together with the name', async () => {
    world = await apiWorld(store());
    const alone = await lookup(world.app, PERSON);
    expect(alone.statusCode).toBe(400);
    expect(json<ErrorAnswer>(alone).error).toMatchObject({
      code: 'PUBLIC_LOOKUP_NAME_REQUIRED',
      field: 'query.name',
    });
    expect(alone.body).not.toContain(NAME);
    // decided by the identifier's form alone: a number no one carries is answered the same
    expect(comparable(await lookup(world.app, UNKNOWN))).toEqual({
      ...comparable(alone),
      error: { ...comparable(alone).error, message: expect.any(String) },
    });
    const named = await lookup(world.app, PERSON, NAME);
    expect(named.statusCode, named.body).toBe(200);
    expect(json<{ subject: { name: string } }>(named).subject.name).toBe(NAME);
    // the name as typed: full-width spaces and surrounding blanks do not matter
    expect((await lookup(world.app, PERSON, ` ${NAME}\u3000`)).statusCode).toBe(200);
  });

  it('answers an unknown identifier and a wrong name alike', async () => {
    world = await apiWorld(store());
    const miss = await lookup(world.app, UNKNOWN, NAME);
    const mismatch = await lookup(world.app, PERSON, '李四');
    expect(miss.statusCode).toBe(404);
    expect(json<ErrorAnswer>(miss).error.code).toBe('SUBJECT_NOT_FOUND');
    // the message names the identifier asked for: the same text with the other number
    expect(comparable(mismatch)).toEqual({
      ...comparable(miss),
      error: {
        ...comparable(miss).error,
        message: String(comparable(miss).error.message).replace(UNKNOWN, PERSON),
      },
    });
    expect(mismatch.body).not.toContain(NAME);
  });

  it('still finds an organization by its USCC alone', async () => {
    world = await apiWorld(store());
    const firm = await lookup(world.app, BEIJING_FIRM);
    expect(firm.statusCode, firm.body).toBe(200);
  });

  it('throttles an address after a bounded number of misses, for hits too, until the window ends', async () => {
    world = await apiWorld(store());
    const clock = movableClock(NOW);
    app = await buildApp(
      { ...world.deps, clock },
      {
        http: {
          jwtSecret: null,
          rateLimit: 0,
          logLevel: 'silent',
          lookupThrottle: { misses: 3, windowSeconds: 600 },
        },
        logger: false,
        webhooks: false,
      },
    );
    await app.ready();
    for (let i = 0; i < 3; i += 1) expect((await lookup(app, UNKNOWN, NAME)).statusCode).toBe(404);
    // a hit no longer answers either: the limit is no oracle of its own
    const throttled = await lookup(app, PERSON, NAME);
    expect(throttled.statusCode).toBe(429);
    expect(json<ErrorAnswer>(throttled).error.code).toBe('LOOKUP_THROTTLED');
    expect(throttled.headers['retry-after']).toBe('600');
    expect((await lookup(app, BEIJING_FIRM)).statusCode).toBe(429);
    clock.advance(599);
    expect((await lookup(app, PERSON, NAME)).headers['retry-after']).toBe('1');
    clock.advance(1);
    expect((await lookup(app, PERSON, NAME)).statusCode).toBe(200);
    // another address was never held back
    const other = await app.inject({
      method: 'GET',
      url: `/v1/subjects/${PERSON}?name=${encodeURIComponent(NAME)}`,
      remoteAddress: '203.0.113.9',
    });
    expect(other.statusCode).toBe(200);
  });

  it('lets neither search nor reconciliation tell a person’s number from one no one carries', async () => {
    world = await apiWorld(store());
    const answers = async (number: string) => {
      const get = (url: string) => world.app.inject({ method: 'GET', url });
      const queries = encodeURIComponent(JSON.stringify({ q0: { query: number } }));
      const preview = await get(`/v1/reconcile/preview?id=${number}`);
      return [
        json(await get(`/v1/search?q=${number}`)),
        json(await get(`/v1/search?q=${number}&kind=person`)),
        json(await get(`/v1/reconcile?queries=${queries}`)),
        [preview.statusCode, json<ErrorAnswer>(preview).error.code],
      ];
    };
    const known = await answers(PERSON);
    expect(known[0]).toEqual({ items: [] });
    expect(known).toEqual(await answers(UNKNOWN));
    // the public still finds the person by name, masked
    const byName = json<{ items: Array<{ name: string }> }>(
      await world.app.inject({ method: 'GET', url: `/v1/search?q=${encodeURIComponent(NAME)}` }),
    );
    expect(byName.items.map((i) => i.name)).toContain(NAME);
  });

  it('does not give away a named person’s number to one address guessing birth dates', async () => {
    world = await apiWorld(store());
    // the attacker knows the name and the region (all the public view shows) and walks the
    // birth dates of 1985, each with the sequences of a man, until the number answers
    const shown = await lookup(world.app, PERSON, NAME);
    const region = json<{ subject: { identifiers: Array<{ value: string }> } }>(shown).subject
      .identifiers[0]!.value;
    expect(region).toBe(`${PERSON.slice(0, 6)}************`);
    const answers = new Map<number, number>();
    let confirmed = false;
    for (let day = 0; day < 365 && !confirmed; day += 1) {
      const born = new Date(Date.UTC(1985, 0, 1 + day)).toISOString().slice(0, 10);
      for (const seq of [15, 17]) {
        const res = await lookup(world.app, makeRic(region.slice(0, 6), born, seq), NAME);
        answers.set(res.statusCode, (answers.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode === 200) confirmed = true;
      }
    }
    expect(confirmed).toBe(false);
    expect(answers.get(404)).toBe(10);
    expect(answers.get(429)).toBe(730 - 10);
  });
});
