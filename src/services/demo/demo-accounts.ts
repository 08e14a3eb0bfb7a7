import type { Role } from '../../domain/account.js';
import type { Authority } from '../../domain/authority.js';
import { createAccount } from '../accounts/accounts.service.js';
import type { ServiceDeps } from '../deps.js';

export interface DemoAccount {
  role: Role;
  name: string;
  apiKey: string;
  /** the authority or the subject identifier the account acts for */
  for: string;
}

/** Which demo authority each officer role acts for: the first of these domains it holds. */
const ROLE_DOMAINS: Record<Exclude<Role, 'subject'>, string[]> = {
  operator: ['market'],
  furnisher: ['market'],
  decider: ['judicial'],
  implementer: ['transport', 'procurement', 'market'],
  inquirer: ['finance', 'market'],
};

/** One account per role on the demo data, so every part of the API can be tried at once. */
export async function createDemoAccounts(
  deps: ServiceDeps,
  subjectIdentifier: string | undefined,
  actor = 'demo',
): Promise<DemoAccount[]> {
  const authorities = await deps.store.listAuthorities();
  const pick = (domains: string[]): Authority | undefined =>
    domains.map((d) => authorities.find((a) => a.domains.includes(d))).find(Boolean) ??
    authorities[0];
  const accounts: DemoAccount[] = [];
  for (const [role, domains] of Object.entries(ROLE_DOMAINS) as [Role, string[]][]) {
    const authority = pick(domains);
    if (!authority) continue;
    const name = `demo ${role}, ${authority.name}`;
    const { apiKey } = await createAccount(deps, { name, role, authority: authority.id }, actor);
    accounts.push({ role, name, apiKey, for: authority.id });
  }
  if (subjectIdentifier) {
    const name = `demo subject ${subjectIdentifier}`;
    const { apiKey } = await createAccount(
      deps,
      { name, role: 'subject', subject: subjectIdentifier },
      actor,
    );
    accounts.push({ role: 'subject', name, apiKey, for: subjectIdentifier });
  }
  return accounts;
}
