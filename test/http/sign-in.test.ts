import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessCounters } from '../../src/http/counters.js';
import { SignInThrottle } from '../../src/http/throttle.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { NOW } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface ErrorReply {
  error: { code: string; field?: string };
}

/** the secret apiWorld signs tokens with */
const SECRET = new TextEncoder().encode('a-test-secret-that-is-long-enough-0123');
const nowSeconds = Date.parse(NOW) / 1000;

describe.each(BACKENDS)('signing in on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const me = (credential: string, remoteAddress = '203.0.113.7') =>
    world.app.inject({
      method: 'GET',
      url: '/v1/accounts/me',
      headers: auth(credential),
      remoteAddress,
    });
  const accountPart = (key: string) => key.split('.')[0] as string;

  it('throttles failed sign-ins per client address, with a coded 429 and Retry-After', async () => {
    world = await apiWorld(store(), { authThrottle: { failures: 3, windowSeconds: 120 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await me(`cred_acc_${'0'.repeat(20)}.x${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const locked = await me('forged.token.here');
    expect(locked.statusCode).toBe(429);
    expect(json<ErrorReply>(locked).error.code).toBe('AUTH_THROTTLED');
    expect(locked.headers['retry-after']).toBe('120');
    // locked is locked: a right key from that address waits too, and learns nothing
    expect((await me(world.keys.furnisher)).statusCode).toBe(429);
    // another address signs in
    expect((await me(world.keys.furnisher, '198.51.100.9')).statusCode).toBe(200);
  });

  it('throttles failed sign-ins per API-key prefix, from any number of addresses', async () => {
    world = await apiWorld(store(), { authThrottle: { failures: 3, windowSeconds: 120 } });
    const guess = `${accountPart(world.keys.decider)}.${'A'.repeat(32)}`;
    for (let i = 1; i <= 3; i++) expect((await me(guess, `198.51.100.${i}`)).statusCode).toBe(401);
    const locked = await me(world.keys.decider, '198.51.100.50');
    expect(locked.statusCode).toBe(429);
    expect(json<ErrorReply>(locked).error.code).toBe('AUTH_THROTTLED');
    // other accounts are not locked out by it
    expect((await me(world.keys.furnisher, '198.51.100.50')).statusCode).toBe(200);
  });

  it('exchanges only an API key for a token: a token cannot renew itself', async () => {
    world = await apiWorld(store());
    const issued = await world.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(world.keys.furnisher),
    });
    expect(issued.statusCode).toBe(201);
    const { token } = json<{ token: string }>(issued);
    const renewed = await world.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: auth(token),
    });
    expect(renewed.statusCode).toBe(403);
    expect(json<ErrorReply>(renewed).error.code).toBe('TOKEN_KEY_REQUIRED');
    // the token itself still works where tokens are accepted
    expect((await me(token)).statusCode).toBe(200);
    const viaHeader = await world.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: { 'x-api-key': world.keys.furnisher },
    });
    expect(viaHeader.statusCode).toBe(201);
  });

  it('refuses a token without exp, and one whose lifetime exceeds the maximum', async () => {
    world = await apiWorld(store(), { tokenMaxSeconds: 3600 });
    const account = json<{ id: string }>(await me(world.keys.furnisher)).id;
    const token = (claims: { iat?: number; exp?: number }) => {
      let jwt = new SignJWT({ role: 'furnisher' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('credence')
        .setSubject(account);
      if (claims.iat !== undefined) jwt = jwt.setIssuedAt(claims.iat);
      if (claims.exp !== undefined) jwt = jwt.setExpirationTime(claims.exp);
      return jwt.sign(SECRET);
    };
    const status = async (claims: { iat?: number; exp?: number }) =>
      (await me(await token(claims))).statusCode;
    expect(await status({ iat: nowSeconds - 10, exp: nowSeconds + 600 })).toBe(200);
    expect(await status({ iat: nowSeconds - 10 })).toBe(401);
    expect(await status({ exp: nowSeconds + 600 })).toBe(401);
    expect(await status({ iat: nowSeconds - 10, exp: nowSeconds - 10 + 3601 })).toBe(401);
    expect(await status({ iat: nowSeconds - 10, exp: nowSeconds - 10 + 3600 })).toBe(200);
    expect(await status({ iat: nowSeconds, exp: nowSeconds + 10 * 365 * 86_400 })).toBe(401);
  });
});

describe('SignInThrottle', () => {
  it('opens again once the window has passed', async () => {
    let now = Date.parse(NOW);
    const clock = { now: () => new Date(now) };
    const sut = new SignInThrottle(
      { failures: 2, windowSeconds: 60 },
      new ProcessCounters(clock),
      clock,
    );
    await sut.fail(['ip:a']);
    await sut.fail(['ip:a']);
    await expect(sut.assertOpen(['ip:a'])).rejects.toMatchObject({ code: 'AUTH_THROTTLED' });
    await expect(sut.assertOpen(['ip:b'])).resolves.toBeUndefined();
    now += 30_000;
    await expect(sut.assertOpen(['ip:a'])).rejects.toMatchObject({
      detail: { retryAfter: 30 },
    });
    now += 30_000;
    await expect(sut.assertOpen(['ip:a'])).resolves.toBeUndefined();
  });
});
