import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import type { Account, Principal } from '../domain/account.js';
import { HTTP_DEFAULTS } from '../config.js';
import { CredenceError } from '../errors.js';
import { throttleKeys, type SignInThrottle } from './throttle.js';
import { accountForKey } from '../services/accounts/accounts.service.js';
import type { ServiceDeps } from '../services/deps.js';

/** Anyone who presents no credentials. */
export const PUBLIC: Principal = { role: 'public', id: 'public' };

const ISSUER = 'credence';
export const TOKEN_TTL_SECONDS = 15 * 60;

/** Signs and checks short-lived tokens for accounts that signed in with their API key. */
export class Tokens {
  private readonly key: Uint8Array;
  private readonly ttl: number;

  /** `maxSeconds`: the longest lifetime (exp - iat) a token may claim; ours never claim more */
  constructor(
    secret: string | null,
    private readonly maxSeconds = HTTP_DEFAULTS.tokenMaxSeconds,
  ) {
    this.key = secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32));
    this.ttl = Math.min(TOKEN_TTL_SECONDS, maxSeconds);
  }

  async sign(account: Account, now: Date): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ role: account.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(account.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttl)
      .sign(this.key);
    return { token, expiresAt: new Date((issuedAt + this.ttl) * 1000).toISOString() };
  }

  /**
   * the account id a token names, or null for a token that is forged, expired or malformed,
   * carries no exp or iat, or claims a lifetime longer than the maximum
   */
  async verify(token: string, now: Date): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: now,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      const { exp, iat, sub } = payload;
      if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > this.maxSeconds)
        return null;
      // issued in the future: not a token of ours
      if (iat > Math.floor(now.getTime() / 1000) + 60) return null;
      return typeof sub === 'string' ? sub : null;
    } catch {
      return null;
    }
  }
}

const API_KEY = /^cred_/;

/** The credential a request presents: an X-API-Key, or the Bearer token or key; else undefined. */
export function credentialOf(request: FastifyRequest): string | undefined {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') return apiKey;
  return /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Whether a request signed in with an API key (not a token). */
export const signedInWithKey = (request: FastifyRequest): boolean =>
  API_KEY.test(credentialOf(request) ?? '');

/** Whether a request presents credentials at all: without, the caller is the public. */
export const hasCredentials = (request: FastifyRequest): boolean =>
  request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;

/**
 * The caller behind a request's credentials: `Authorization: Bearer <token or key>` or
 * `X-API-Key`. Failures count against the client address and the key's account part; past
 * the limit, sign-ins under either are refused (AUTH_THROTTLED) before any key is checked.
 */
export async function principalOf(
  request: FastifyRequest,
  deps: ServiceDeps,
  tokens: Tokens,
  throttle: SignInThrottle,
): Promise<Principal> {
  if (!hasCredentials(request)) return PUBLIC;
  const credential = credentialOf(request);
  const keys = throttleKeys(request.ip, credential);
  await throttle.assertOpen(keys);
  const account = !credential
    ? null
    : API_KEY.test(credential)
      ? await accountForKey(deps, credential)
      : await accountForToken(deps, tokens, credential);
  if (!account) {
    await throttle.fail(keys);
    throw new CredenceError(
      'AUTH_INVALID',
      credential ? undefined : 'use Authorization: Bearer <token or API key>',
    );
  }
  return account;
}

async function accountForToken(
  deps: ServiceDeps,
  tokens: Tokens,
  token: string,
): Promise<Account | null> {
  const id = await tokens.verify(token, deps.clock.now());
  const account = id ? await deps.store.getAccount(id) : null;
  return account && !account.disabledAt ? account : null;
}

/** The account behind the request; routes that admit only accounts call this. */
export function accountOf(request: FastifyRequest): Account {
  const { principal } = request;
  if (principal.role === 'public') throw new CredenceError('AUTH_REQUIRED');
  return principal;
}

/** The authority an account acts for; a furnisher or decider without one cannot act. */
export function authorityOf(request: FastifyRequest): string {
  const account = accountOf(request);
  if (!account.authorityId)
    throw new CredenceError('ROLE_FORBIDDEN', 'this account acts for no authority');
  return account.authorityId;
}
