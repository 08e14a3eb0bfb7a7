import type { Account } from '../../domain/account.js';
import { coversRegion, type Authority } from '../../domain/authority.js';
import type { MembershipKind } from '../../domain/membership.js';
import type { RelationKind, Subject } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';

/**
 * Who writes about subjects (SPEC 4.2): an operator may write about any; an authority's officer
 * only about subjects in its regions, as with records.
 */
export type WriteScope = { operator: true } | { operator: false; authority: Authority };

/** The console (the CLI, the demo, a service called directly) acts as the operator. */
export const CONSOLE: WriteScope = { operator: true };

/** The domain of market registration: the authorities that register firms and their officers. */
export const REGISTRATION_DOMAIN = 'market';

/** Relations through which measures reach the persons behind an organization (SPEC 4.5). */
export const SANCTION_RELATIONS: readonly RelationKind[] = [
  'legal_representative',
  'principal',
  'actual_controller',
];

/** The scope an account writes in: an operator's is all, any other's its authority's jurisdiction. */
export async function writeScopeOf(
  deps: ServiceDeps,
  account: Pick<Account, 'role' | 'authorityId'>,
): Promise<WriteScope> {
  if (account.role === 'operator') return CONSOLE;
  const authority = account.authorityId ? await deps.store.getAuthority(account.authorityId) : null;
  if (!authority)
    throw new CredenceError('AUTHORITY_NOT_FOUND', 'this account acts for no registered authority');
  return { operator: false, authority };
}

/** The authority a scope writes for, for the audit entry; null for the operator. */
export const scopeAuthority = (scope: WriteScope): string | null =>
  scope.operator ? null : scope.authority.id;

/** Refuses a subject outside the scope's regions (a subject without a region: national only). */
export function assertSubjectInScope(
  scope: WriteScope,
  region: string | null,
  field: string,
): void {
  if (scope.operator || coversRegion(scope.authority.regions, region)) return;
  const { id, regions } = scope.authority;
  throw new CredenceError(
    'SUBJECT_REGION_FORBIDDEN',
    `the subject's region ${region ?? 'unknown'} is outside authority ${id}'s regions (${regions.join(', ')})`,
    { field },
  );
}

/**
 * Refuses a relation the scope may not record about `firm`: one that carries sanctions comes
 * from the market-registration authority of the firm's region, a shareholder from any authority
 * with jurisdiction over it; an operator records any.
 */
export function assertRelationInScope(scope: WriteScope, kind: RelationKind, firm: Subject): void {
  if (scope.operator) return;
  const { authority } = scope;
  const sanctions = SANCTION_RELATIONS.includes(kind);
  const domainOk = !sanctions || authority.domains.includes(REGISTRATION_DOMAIN);
  if (domainOk && coversRegion(authority.regions, firm.region)) return;
  const who = sanctions
    ? `a ${REGISTRATION_DOMAIN}-registration authority whose regions cover ${firm.region ?? 'an unknown region'}`
    : `an authority whose regions cover ${firm.region ?? 'an unknown region'}`;
  throw new CredenceError(
    'RELATION_SCOPE',
    `${kind} is recorded only by an operator or ${who}; authority ${authority.id} has domains ${authority.domains.join(', ')} and regions ${authority.regions.join(', ')}`,
    { field: 'kind' },
  );
}

/**
 * Refuses a membership the scope may not record on `group` (issue 22): it comes from an operator
 * or an authority of the membership's domains (the registering authority) whose regions cover
 * the group's.
 */
export function assertMembershipInScope(
  scope: WriteScope,
  membership: MembershipKind,
  group: Subject,
): void {
  if (scope.operator) return;
  const { authority } = scope;
  const domainOk = membership.writers.domains.some((d) => authority.domains.includes(d));
  if (domainOk && coversRegion(authority.regions, group.region)) return;
  throw new CredenceError(
    'MEMBERSHIP_SCOPE',
    `${membership.id} is recorded only by an operator or an authority of ${membership.writers.domains.join(', ')} whose regions cover ${group.region ?? 'an unknown region'}; authority ${authority.id} has domains ${authority.domains.join(', ')} and regions ${authority.regions.join(', ')}`,
    { field: 'kind' },
  );
}
