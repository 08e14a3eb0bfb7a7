import type { Authority } from '../domain/authority.js';
import { dateOf } from '../domain/clock.js';
import { safeParseIdentifier } from '../domain/identifiers/index.js';
import { CredenceError } from '../errors.js';
import type { ServiceDeps } from './deps.js';

export interface AuthorityInput {
  id: string;
  name: string;
  nameEn?: string | null;
  domains: string[];
  regions: string[];
}

/**
 * Registers or updates an authority: its USCC, names, domains (from the catalog) and regions.
 * A change to an existing authority states its reason; the audit keeps the values before and
 * after, so that what an authority could do on any past day can be told.
 */
export async function registerAuthority(
  deps: ServiceDeps,
  input: AuthorityInput,
  actor: string,
  reason: string | null = null,
): Promise<Authority> {
  const problems: string[] = [];
  const parsed = safeParseIdentifier(input.id, {
    scheme: 'uscc',
    today: dateOf(deps.clock.now()),
    field: 'id',
  });
  if (!parsed.ok) problems.push(`id: ${parsed.error.message}`);
  if (!input.name?.trim()) problems.push('name: required');
  if (input.domains.length === 0) problems.push('domains: at least one domain');
  for (const d of input.domains) {
    if (!deps.catalog.domains.has(d))
      problems.push(
        `domains: "${d}" is not a catalog domain (one of ${[...deps.catalog.domains.keys()].join(', ')})`,
      );
  }
  if (input.regions.length === 0)
    problems.push('regions: at least one region (000000 for national)');
  for (const r of input.regions)
    if (!/^\d{6}$/.test(r)) problems.push(`regions: "${r}" is not a 6-digit division code`);
  if (problems.length > 0 || !parsed.ok) {
    throw new CredenceError('AUTHORITY_INVALID', `invalid authority: ${problems.join('; ')}`, {
      field: problems[0]?.split(':')[0],
      problems,
    });
  }
  const authority: Authority = {
    id: parsed.info.value,
    name: input.name.trim(),
    nameEn: input.nameEn?.trim() || null,
    domains: [...new Set(input.domains)],
    regions: [...new Set(input.regions)],
  };
  const why = reason?.trim() || null;
  await deps.store.transaction(async (tx) => {
    const before = await tx.getAuthority(authority.id);
    if (before && !why && !sameAuthority(before, authority)) {
      throw new CredenceError(
        'AUTHORITY_REASON_REQUIRED',
        `authority ${authority.id} exists: a change to it states its reason`,
        { field: 'reason' },
      );
    }
    await tx.upsertAuthority(authority);
    await tx.appendAudit({
      at: deps.clock.now().toISOString(),
      actor,
      action: 'authority.register',
      subjectIds: [],
      payload: { id: authority.id, before, after: authority, reason: why },
    });
  });
  return authority;
}

/** Whether two versions of an authority say the same (domains and regions in any order). */
export function sameAuthority(a: Authority, b: Authority): boolean {
  const set = (values: readonly string[]) => [...values].sort().join();
  return (
    a.name === b.name &&
    a.nameEn === b.nameEn &&
    set(a.domains) === set(b.domains) &&
    set(a.regions) === set(b.regions)
  );
}

/** All authorities, by id, for checking jurisdiction in a batch. */
export async function authorityMap(deps: ServiceDeps): Promise<Map<string, Authority>> {
  return new Map((await deps.store.listAuthorities()).map((a) => [a.id, a]));
}
