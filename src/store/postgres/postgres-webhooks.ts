/** Webhook subscriptions on PostgreSQL: statements and parameters. */
import type { Webhook } from '../../domain/webhook.js';

export const WEBHOOK_SELECT = `SELECT id, account_id AS "accountId", url, secret, cursor,
  created_at AS "createdAt", failures, next_attempt_at AS "nextAttemptAt",
  last_error AS "lastError", disabled_at AS "disabledAt" FROM webhooks`;

export const INSERT_WEBHOOK = `INSERT INTO webhooks (id, account_id, url, secret, cursor,
  created_at, failures, next_attempt_at, last_error, disabled_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
export const insertValues = (w: Webhook): unknown[] => [
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
];

export const UPDATE_WEBHOOK = `UPDATE webhooks SET cursor = $1, failures = $2,
  next_attempt_at = $3, last_error = $4, disabled_at = $5 WHERE id = $6`;
export const updateValues = (w: Webhook): unknown[] => [
  w.cursor,
  w.failures,
  w.nextAttemptAt,
  w.lastError,
  w.disabledAt,
  w.id,
];
