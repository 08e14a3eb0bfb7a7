import { createHmac } from 'node:crypto';

/** A subscription to the list change feed, delivered by POST to the subscriber's URL (SPEC 4.5). */
export interface Webhook {
  id: string;
  accountId: string;
  url: string;
  /** the HMAC key both sides hold; shown to the subscriber once, when it subscribes */
  secret: string;
  /** the feed seq delivered last: the next delivery starts after it */
  cursor: number;
  createdAt: string;
  /** consecutive failed deliveries; reset by a success */
  failures: number;
  /** the next delivery is not tried before this instant */
  nextAttemptAt: string;
  lastError: string | null;
  /** unsubscribed, or given up after too many failures */
  disabledAt: string | null;
}

/** After this many failures in a row a subscription is disabled; re-subscribing starts anew. */
export const MAX_FAILURES = 20;
const BACKOFF_CAP_SECONDS = 3600;

/** Seconds before the next try after `failures` failures: 2, 4, 8, … up to an hour. */
export function backoffSeconds(failures: number): number {
  return Math.min(2 ** failures, BACKOFF_CAP_SECONDS);
}

/**
 * The signature header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
 * The timestamp inside the signed text lets receivers refuse replays.
 */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
