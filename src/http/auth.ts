import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import type { Account, Principal } from '../domain/account.js';
import { CredenceError } from '../errors.js';
import { accountForKey } from '../services/accounts/accounts.service.js';
import type { ServiceDeps } from '../services/deps.js';

/** Anyone who presents no credentials. */
export const PUBLIC: Principal = { role: 'public', id: 'public' };

const ISSUER = 'credence';
export const TOKEN_TTL_SECONDS = 15 * 60;

/** Signs and checks short-lived tokens for accounts that signed in with their API key. */
export class Tokens {
  private readonly key: Uint8Array;

  constructor(secret: string | null) {
    this.key = secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32));
  }

  async sign(account: Account, now: Date): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const token = await new SignJWT({ role: account.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setSubject(account.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + TOKEN_TTL_SECONDS)
      .sign(this.key);
    return { token, expiresAt: new Date((issuedAt + TOKEN_TTL_SECONDS) * 1000).toISOString() };
  }

  /** the account id a token names, or null for a token that is forged, expired or malformed */
  async verify(token: string, now: Date): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: now,
      });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}

const API_KEY = /^cred_/;

/** Whether a request presents credentials at all: without, the caller is the public. */
export const hasCredentials = (request: FastifyRequest): boolean =>
  request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined;

/** The caller behind a request's credentials: `Authorization: Bearer <token or key>` or `X-API-Key`. */
export async function principalOf(
  request: FastifyRequest,
  deps: ServiceDeps,
  tokens: Tokens,
): Promise<Principal> {
  const header = request.headers.authorization;
  const apiKey = request.headers['x-api-key'];
  if (!hasCredentials(request)) return PUBLIC;
  const credential =
    typeof apiKey === 'string' ? apiKey : /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!credential)
    throw new CredenceError('AUTH_INVALID', 'use Authorization: Bearer <token or API key>');
  const account = API_KEY.test(credential)
    ? await accountForKey(deps, credential)
    : await accountForToken(deps, tokens, credential);
  if (!account) throw new CredenceError('AUTH_INVALID');
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
