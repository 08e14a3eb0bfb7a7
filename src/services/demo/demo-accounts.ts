import { chmod, readFile, writeFile } from 'node:fs/promises';
import { makeDirs } from '../../make-dirs.js';
import { join } from 'node:path';
import type { Role } from '../../domain/account.js';
import type { Authority } from '../../domain/authority.js';
import { createAccount } from '../accounts/accounts.service.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { STORY_AUTHORITIES } from './story-cast.js';

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

// officers of the story's authorities see its listings, repairs and inquiries in their consoles
const PREFERRED: Partial<Record<Role, string>> = {
  furnisher: STORY_AUTHORITIES.market.id,
  decider: STORY_AUTHORITIES.court.id,
  inquirer: STORY_AUTHORITIES.bank.id,
};

/** One account per role on the demo data, so every part of the API can be tried at once. */
export async function createDemoAccounts(
  deps: ServiceDeps,
  subjectIdentifier: string | undefined,
  actor = 'demo',
): Promise<DemoAccount[]> {
  const authorities = await deps.store.listAuthorities();
  const pick = (role: Role, domains: string[]): Authority | undefined =>
    authorities.find((a) => a.id === PREFERRED[role]) ??
    domains.map((d) => authorities.find((a) => a.domains.includes(d))).find(Boolean) ??
    authorities[0];
  const accounts: DemoAccount[] = [];
  for (const [role, domains] of Object.entries(ROLE_DOMAINS) as [Role, string[]][]) {
    const authority = pick(role, domains);
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

/** The file beside the demo's data that keeps its accounts' keys (readable by the owner only). */
export const demoAccountsFile = (dir: string): string => join(dir, 'demo-accounts.json');

/** Keeps the keys, shown once by design, beside the demo data so they can be shown again. */
export async function saveDemoAccounts(dir: string, accounts: readonly DemoAccount[]) {
  const file = demoAccountsFile(dir);
  makeDirs(dir);
  await writeFile(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

/** The demo's accounts as `saveDemoAccounts` kept them; DEMO_KEYS_MISSING when there are none. */
export async function readDemoAccounts(dir: string): Promise<DemoAccount[]> {
  const file = demoAccountsFile(dir);
  const text = await readFile(file, 'utf8').catch(() => null);
  const accounts = text === null ? null : (JSON.parse(text) as unknown);
  if (!Array.isArray(accounts) || accounts.length === 0)
    throw new CredenceError(
      'DEMO_KEYS_MISSING',
      `no demo keys in ${file}: \`npm start\` (credence serve --demo) writes them when it loads the demo into an empty database; give --dir if it used another folder`,
      { field: '--dir' },
    );
  return accounts as DemoAccount[];
}
