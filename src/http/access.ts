import type { RouteOptions } from 'fastify';
import { ROLES, type Account, type AnyRole } from '../domain/account.js';

/** Who may call a route (SPEC 1): route modules name one of these or their own list. */
export const ANYONE: readonly AnyRole[] = ['public'];
export const ANY_ACCOUNT: readonly AnyRole[] = ROLES;
export const OPERATOR: readonly AnyRole[] = ['operator'];

// a GET route's HEAD twin shares its schema: described once, not once per method
const described = new WeakSet<object>();

/** Writes each route's roles into its OpenAPI operation, so the document says who may call it. */
export function describeAccess(route: RouteOptions): void {
  const access = route.config?.access;
  if (!access || !route.schema || described.has(route.schema)) return;
  described.add(route.schema);
  const schema = route.schema as Record<string, unknown>;
  const open = access.includes('public');
  schema.security = open ? [] : [{ bearer: [] }, { apiKey: [] }];
  const who = open ? 'Anyone, signed in or not.' : `Roles: ${access.join(', ')}.`;
  schema.description = schema.description ? `${String(schema.description)}\n\n${who}` : who;
}

/**
 * Whether an account may see a case about a subject (an objection, a repair application): the
 * subject itself, the authority that answers it, or the operator.
 */
export const seesCase = (
  account: Account,
  item: { subjectId: string; authorityId: string | null } | null,
): boolean =>
  item !== null &&
  (account.role === 'operator' ||
    (account.role === 'subject'
      ? account.subjectId === item.subjectId
      : account.authorityId !== null && account.authorityId === item.authorityId));
