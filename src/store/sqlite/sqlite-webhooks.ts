import type { Webhook } from '../../domain/webhook.js';
import type { StatementCache } from './sqlite-tx.js';

/** Webhook subscriptions on SQLite. */

const SELECT = `SELECT id, account_id AS accountId, url, secret, cursor, created_at AS createdAt,
  failures, next_attempt_at AS nextAttemptAt, last_error AS lastError, disabled_at AS disabledAt
  FROM webhooks`;

export function getWebhook(sql: StatementCache, id: string): Webhook | null {
  return (sql.get(`${SELECT} WHERE id = ?`).get(id) as Webhook | undefined) ?? null;
}

export function listWebhooks(
  sql: StatementCache,
  filter: { accountId: string } | { dueBy: string },
): Webhook[] {
  return 'accountId' in filter
    ? (sql.get(`${SELECT} WHERE account_id = ? ORDER BY id`).all(filter.accountId) as Webhook[])
    : (sql
        .get(`${SELECT} WHERE disabled_at IS NULL AND next_attempt_at <= ? ORDER BY id`)
        .all(filter.dueBy) as Webhook[]);
}

export function insertWebhook(sql: StatementCache, w: Webhook): void {
  sql
    .get(
      `INSERT INTO webhooks (id, account_id, url, secret, cursor, created_at, failures,
         next_attempt_at, last_error, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      w.id,
      w.accountId,
      w.url,
      w.secret,
      w.cursor,
      w.createdAt,
      w.failures,
      w.nextAttemptAt,
      w.lastError,
      w.disabledAt,
    );
}

export function updateWebhook(sql: StatementCache, w: Webhook): void {
  sql
    .get(
      `UPDATE webhooks SET cursor = ?, failures = ?, next_attempt_at = ?, last_error = ?,
         disabled_at = ? WHERE id = ?`,
    )
    .run(w.cursor, w.failures, w.nextAttemptAt, w.lastError, w.disabledAt, w.id);
}
