/** Accounts: who may call the registry, in which role, for which authority or subject (SPEC 1, 4.2). */
export const ROLES = [
  'operator',
  'furnisher',
  'decider',
  'implementer',
  'inquirer',
  'subject',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: an account, or the anonymous public. */
export type Principal = Account | { role: 'public'; id: 'public' };
export type AnyRole = Role | 'public';

export interface Account {
  id: string;
  name: string;
  role: Role;
  /** the authority or institution the account acts for; null only for a subject's account */
  authorityId: string | null;
  /** the subject whose own account this is; null for every other role */
  subjectId: string | null;
  /** sha256 of the key's secret part; the key itself is shown once and never stored */
  keyHash: string;
  createdAt: string;
  disabledAt: string | null;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
