import { randomBytes, randomUUID } from 'node:crypto';
import type { Account } from '../../domain/account.js';
import {
  backoffSeconds,
  MAX_FAILURES,
  signatureHeader,
  type Webhook,
} from '../../domain/webhook.js';
import { CredenceError } from '../../errors.js';
import type { ServiceDeps } from '../deps.js';
import { DeliveryFailure, type Sender } from './webhook-sender.js';
import { checkWebhookUrl, type WebhookTargets } from './webhook-target.js';

export type { Sender } from './webhook-sender.js';

/** Changes per delivery, and deliveries per subscription per round. */
const PAGE = 100;
const PAGES_PER_ROUND = 10;

export async function subscribe(
  deps: ServiceDeps,
  account: Account,
  input: { url: string; since?: number },
  targets: WebhookTargets,
): Promise<Webhook> {
  // judged on the addresses the host resolves to now; each delivery checks again
  const url = await checkWebhookUrl(targets, input.url);
  const now = deps.clock.now().toISOString();
  const webhook: Webhook = {
    id: `whk_${randomUUID()}`,
    accountId: account.id,
    url: url.toString(),
    secret: randomBytes(32).toString('base64url'),
    cursor: input.since ?? 0,
    createdAt: now,
    failures: 0,
    nextAttemptAt: now,
    lastError: null,
    disabledAt: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.insertWebhook(webhook);
    await tx.appendAudit({
      at: now,
      actor: account.id,
      action: 'webhook.subscribe',
      subjectIds: [],
      payload: { id: webhook.id, url: webhook.url, since: webhook.cursor },
    });
  });
  return webhook;
}

/** The account's own subscription, or WEBHOOK_NOT_FOUND. */
export async function ownWebhook(
  deps: ServiceDeps,
  account: Account,
  id: string,
): Promise<Webhook> {
  const webhook = await deps.store.getWebhook(id);
  if (!webhook || webhook.accountId !== account.id) {
    throw new CredenceError('WEBHOOK_NOT_FOUND', `no webhook ${id}`, { field: 'id' });
  }
  return webhook;
}

export async function unsubscribe(
  deps: ServiceDeps,
  account: Account,
  id: string,
): Promise<Webhook> {
  const webhook = await ownWebhook(deps, account, id);
  if (webhook.disabledAt) return webhook;
  const now = deps.clock.now().toISOString();
  const ended = { ...webhook, disabledAt: now };
  await deps.store.transaction(async (tx) => {
    await tx.updateWebhook(ended);
    await tx.appendAudit({
      at: now,
      actor: account.id,
      action: 'webhook.unsubscribe',
      subjectIds: [],
      payload: { id },
    });
  });
  return ended;
}

/**
 * One delivery round: every enabled subscription that is due gets the feed changes after its
 * cursor, signed, a page per POST. A 2xx moves the cursor on; anything else is retried later,
 * with exponential backoff, until MAX_FAILURES in a row disable the subscription. Delivery is
 * at least once: a receiver de-duplicates by `seq`. A disabled account's subscriptions are skipped.
 */
export async function deliverDue(
  deps: ServiceDeps,
  send: Sender,
): Promise<{ delivered: number; failed: number }> {
  const tally = { delivered: 0, failed: 0 };
  const due = await deps.store.listWebhooks({ dueBy: deps.clock.now().toISOString() });
  for (let webhook of due) {
    // a disabled account's access ends with it: its subscriptions receive nothing more
    const account = await deps.store.getAccount(webhook.accountId);
    if (!account || account.disabledAt) continue;
    for (let page = 0; page < PAGES_PER_ROUND; page++) {
      const changes = await deps.store.readFeed(webhook.cursor, PAGE);
      if (changes.length === 0) break;
      const now = deps.clock.now();
      const body = JSON.stringify({ webhook: webhook.id, changes });
      let problem: string | null = null;
      try {
        const status = await send(webhook.url, body, {
          'content-type': 'application/json',
          'x-credence-webhook': webhook.id,
          'x-credence-signature': signatureHeader(webhook.secret, body, now),
        });
        if (status < 200 || status > 299) problem = `HTTP ${status}`;
      } catch (error) {
        // a coded reason only: the network's message names internal addresses and ports
        problem = error instanceof DeliveryFailure ? error.reason : 'connection failed';
      }
      if (problem === null) {
        webhook = {
          ...webhook,
          cursor: changes.at(-1)?.seq ?? webhook.cursor,
          failures: 0,
          lastError: null,
        };
        tally.delivered += changes.length;
      } else {
        const failures = webhook.failures + 1;
        webhook = {
          ...webhook,
          failures,
          lastError: problem,
          nextAttemptAt: new Date(now.getTime() + backoffSeconds(failures) * 1000).toISOString(),
          disabledAt: failures >= MAX_FAILURES ? now.toISOString() : null,
        };
        tally.failed += 1;
      }
      const state = webhook;
      await deps.store.transaction((tx) => tx.updateWebhook(state));
      if (problem !== null || changes.length < PAGE) break;
    }
  }
  return tally;
}
