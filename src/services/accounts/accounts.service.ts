import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { isRole, type Account, type Role } from '../../domain/account.js';
import { displayName, type Subject } from '../../domain/subject.js';
import { sha256 } from '../../domain/audit.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { findSubject } from '../subjects/subjects.service.js';

export interface AccountInput {
  name: string;
  role: string;
  /** the authority's USCC; required for every role but `subject` */
  authority?: string;
  /** the subject's identifier; required for, and only for, the role `subject` */
  subject?: string;
}

/** A new account and its API key: the key is shown here once and stored only as a hash. */
export interface CreatedAccount {
  account: Account;
  apiKey: string;
}

const KEY_PREFIX = 'cred_';

export async function createAccount(
  deps: ServiceDeps,
  input: AccountInput,
  actor: string,
): Promise<CreatedAccount> {
  const name = input.name?.trim();
  if (!name)
    throw new CredenceError('ACCOUNT_INVALID', 'an account needs a name', { field: 'name' });
  if (!isRole(input.role)) {
    throw new CredenceError('ACCOUNT_INVALID', `unknown role "${input.role}"`, { field: 'role' });
  }
  const role: Role = input.role;
  let authorityId: string | null = null;
  let subjectId: string | null = null;
  if (role === 'subject') {
    if (!input.subject || input.authority) {
      throw new CredenceError(
        'ACCOUNT_INVALID',
        "a subject's account names the subject and no authority",
        { field: 'subject' },
      );
    }
    subjectId = (await findSubject(deps, input.subject)).id;
  } else {
    if (!input.authority || input.subject) {
      throw new CredenceError(
        'ACCOUNT_INVALID',
        `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} account belongs to an authority (give its USCC) and names no subject`,
        { field: 'authority' },
      );
    }
    const authority = await deps.store.getAuthority(input.authority.trim().toUpperCase());
    if (!authority) {
      throw new CredenceError('AUTHORITY_NOT_FOUND', `no authority ${input.authority}`, {
        field: 'authority',
      });
    }
    authorityId = authority.id;
  }
  const id = `acc_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const secret = randomBytes(24).toString('base64url');
  const account: Account = {
    id,
    name,
    role,
    authorityId,
    subjectId,
    keyHash: sha256(secret),
    createdAt: deps.clock.now().toISOString(),
    disabledAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.insertAccount(account);
    await tx.appendAudit({
      at: account.createdAt,
      actor,
      action: 'account.create',
      subjectIds: subjectId ? [subjectId] : [],
      payload: shownAccount(account),
    });
  });
  return { account, apiKey: `${KEY_PREFIX}${id}.${secret}` };
}

/** The enabled account an API key belongs to, or null for any key that is not one. */
export async function accountForKey(deps: ServiceDeps, apiKey: string): Promise<Account | null> {
  const match = /^cred_(acc_[0-9a-f]{20})\.([A-Za-z0-9_-]{32})$/.exec(apiKey);
  if (!match) return null;
  const account = await deps.store.getAccount(match[1] as string);
  if (!account || account.disabledAt) return null;
  const given = Buffer.from(sha256(match[2] as string), 'hex');
  const stored = Buffer.from(account.keyHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? account : null;
}

/** Disables an account; an operator cannot disable its own (the registry would lose its last one). */
export async function disableAccount(deps: ServiceDeps, id: string, actor: string): Promise<void> {
  if (id === actor)
    throw new CredenceError('ACCOUNT_SELF', 'an operator cannot disable its own account', {
      field: 'id',
    });
  const at = deps.clock.now().toISOString();
  await deps.store.transaction(async (tx) => {
    if (!(await tx.disableAccount(id, at))) {
      throw new CredenceError('ACCOUNT_NOT_FOUND', `no account ${id}`, { field: 'account' });
    }
    await tx.appendAudit({ at, actor, action: 'account.disable', subjectIds: [], payload: { id } });
  });
}

/** The subject an account acts for, as its holder may see it: its own identifiers in full. */
export interface AccountSubject {
  identifier: string;
  scheme: string;
  kind: Subject['kind'];
  name: string;
}

/** A subject account's own subject (the portal's way to its own file), else null. */
export async function accountSubject(
  deps: ServiceDeps,
  account: Pick<Account, 'subjectId'>,
): Promise<AccountSubject | null> {
  if (!account.subjectId) return null;
  const subject = await deps.store.getSubject(account.subjectId);
  const primary = subject?.identifiers[0];
  if (!subject || !primary) return null;
  return {
    identifier: primary.value,
    scheme: primary.scheme,
    kind: subject.kind,
    name: displayName(subject),
  };
}

/** An account as others may see it: never the key hash. */
export function shownAccount(account: Account): Omit<Account, 'keyHash'> {
  const { keyHash, ...shown } = account;
  void keyHash;
  return shown;
}
