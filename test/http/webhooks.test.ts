import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { proposeEntry } from '../../src/services/lists/entries.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { webhookSender } from '../../src/services/webhooks/webhook-sender.js';
import {
  webhookTargets,
  type ResolvedAddress,
} from '../../src/services/webhooks/webhook-target.js';
import {
  deliverDue,
  subscribe as subscribeTo,
} from '../../src/services/webhooks/webhooks.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { courtRecord } from '../support/lists.js';
import { NATIONAL_COURT, NOW, PERSON } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A subscriber's endpoint: records every POST and answers with the next queued status (default 200). */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** the operator's allow-list the local test receivers need */
const LOCAL = ['127.0.0.1/32'];
const fetchSender = (timeoutMs: number) => webhookSender(timeoutMs, webhookTargets(LOCAL));

const later = (deps: ServiceDeps, seconds: number): ServiceDeps => ({
  ...deps,
  clock: fixedClock(new Date(Date.parse(NOW) + seconds * 1000).toISOString()),
});

/** One feed change: a court record about the person, and its proposal. */
async function proposal(deps: ServiceDeps) {
  await submitRecord(deps, courtRecord(), 'clerk');
  return proposeEntry(deps, {
    identifier: PERSON,
    listType: 'dishonest_judgment_debtors',
    reason: 'x',
    actor: 'judge',
    authorityId: NATIONAL_COURT,
  });
}

describe.each(BACKENDS)('webhooks on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  let hook: Awaited<ReturnType<typeof receiver>> | undefined;
  afterEach(async () => {
    await world?.app.close();
    await hook?.close();
  });

  const subscribe = async (url: string) => {
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: auth(world.keys.implementer),
      payload: { url },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; secret: string }>(res);
  };

  it('delivers the feed signed, retries a failure after its backoff, and moves on only after a 2xx', async () => {
    world = await apiWorld(store(), { webhookAllow: LOCAL });
    hook = await receiver([500]);
    const { id, secret } = await subscribe(hook.url);
    const entry = await proposal(world.deps);
    const send = fetchSender(2000);

    expect(await deliverDue(world.deps, send)).toEqual({ delivered: 0, failed: 1 });
    const failed = json<{
      failures: number;
      nextAttemptAt: string;
      lastError: string;
      cursor: number;
    }>(
      await world.app.inject({
        method: 'GET',
        url: `/v1/webhooks/${id}`,
        headers: auth(world.keys.implementer),
      }),
    );
    expect(failed).toMatchObject({
      failures: 1,
      lastError: 'HTTP 500',
      cursor: 0,
      nextAttemptAt: '2026-06-15T10:00:02.000Z',
    });
    // not due yet: nothing is sent
    expect(await deliverDue(later(world.deps, 1), send)).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toHaveLength(1);

    expect(await deliverDue(later(world.deps, 3), send)).toEqual({ delivered: 1, failed: 0 });
    const [, delivery] = hook.received;
    const signature = String(delivery?.headers['x-credence-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${delivery?.body}`).digest('hex'));
    expect(Number(t)).toBe(Date.parse(NOW) / 1000 + 3);
    const body = JSON.parse(delivery?.body ?? '{}') as {
      webhook: string;
      changes: Array<{ entryId: string; kind: string }>;
    };
    expect(body).toMatchObject({ webhook: id, changes: [{ entryId: entry.id, kind: 'propose' }] });
    expect(await deliverDue(later(world.deps, 10), send)).toEqual({ delivered: 0, failed: 0 });
  });

  it('gives up after 20 failures in a row, and sends nothing after an unsubscribe', async () => {
    world = await apiWorld(store(), { webhookAllow: LOCAL });
    hook = await receiver(Array(25).fill(503));
    const { id } = await subscribe(hook.url);
    await proposal(world.deps);
    for (let i = 1; i <= 21; i++) await deliverDue(later(world.deps, i * 3600), fetchSender(2000));
    const state = json<{ failures: number; disabledAt: string | null }>(
      await world.app.inject({
        method: 'GET',
        url: `/v1/webhooks/${id}`,
        headers: auth(world.keys.implementer),
      }),
    );
    expect(state.failures).toBe(20);
    expect(state.disabledAt).not.toBeNull();
    expect(hook.received).toHaveLength(20);

    const other = await subscribe(hook.url);
    const removed = await world.app.inject({
      method: 'DELETE',
      url: `/v1/webhooks/${other.id}`,
      headers: auth(world.keys.implementer),
    });
    expect(json<{ disabledAt: string | null }>(removed).disabledAt).not.toBeNull();
    await deliverDue(later(world.deps, 100_000), fetchSender(2000));
    expect(hook.received).toHaveLength(20);
    const stranger = await world.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${id}`,
      headers: auth(world.keys.decider),
    });
    expect(json<{ error: { code: string } }>(stranger).error.code).toBe('WEBHOOK_NOT_FOUND');
  });

  it('sends nothing to the subscriptions of an account the operator disabled', async () => {
    world = await apiWorld(store(), { webhookAllow: LOCAL });
    hook = await receiver();
    await subscribe(hook.url);
    const me = json<{ id: string }>(
      await world.app.inject({
        method: 'GET',
        url: '/v1/accounts/me',
        headers: auth(world.keys.implementer),
      }),
    );
    const disabled = await world.app.inject({
      method: 'POST',
      url: `/v1/accounts/${me.id}/disable`,
      headers: auth(world.keys.operator),
    });
    expect(disabled.statusCode, disabled.body).toBe(204);
    await proposal(world.deps);
    expect(await deliverDue(world.deps, fetchSender(2000))).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toEqual([]);
  });

  it('refuses a URL that is not http or https, and never shows the secret again', async () => {
    world = await apiWorld(store());
    const bad = await world.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: auth(world.keys.implementer),
      payload: { url: 'file:///etc/passwd' },
    });
    expect(json<{ error: { code: string; field: string } }>(bad).error).toMatchObject({
      code: 'WEBHOOK_URL_INVALID',
      field: 'url',
    });
    // a public address given literally needs no resolver
    await subscribe('https://93.184.215.14/hook');
    const list = await world.app.inject({
      method: 'GET',
      url: '/v1/webhooks',
      headers: auth(world.keys.implementer),
    });
    expect(json<{ items: unknown[] }>(list).items).toHaveLength(1);
    expect(list.body).not.toContain('secret');
  });

  it('runs the delivery loop while the server runs', async () => {
    world = await apiWorld(store(), { webhookAllow: LOCAL });
    hook = await receiver();
    const app = await buildApp(world.deps, {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent', webhookAllow: LOCAL },
      logger: false,
      webhooks: { intervalMs: 20, timeoutMs: 2000 },
    });
    await app.ready();
    try {
      await subscribe(hook.url);
      await proposal(world.deps);
      for (let i = 0; i < 200 && hook.received.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(hook.received).toHaveLength(1);
    } finally {
      await app.close();
    }
  });

  it('refuses loopback, private, link-local, unique-local, multicast, unspecified and non-HTTP targets, by address and by name', async () => {
    world = await apiWorld(store());
    const urls = [
      'http://127.0.0.1:5432/',
      'http://localhost:8080/hook',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://100.64.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[ff02::1]/',
      'http://224.0.0.1/',
      'http://0.0.0.0:80/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'https://no-such-host.invalid/hook',
    ];
    const codes: string[] = [];
    for (const url of urls) {
      const res = await world.app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: auth(world.keys.implementer),
        payload: { url },
      });
      const { error } = json<{ error: { code: string; field: string; message: string } }>(res);
      expect(error.field).toBe('url');
      // the answer names no address the host resolved to
      expect(error.message).not.toMatch(/127\.0\.0\.1|::1/);
      codes.push(`${res.statusCode} ${error.code}`);
    }
    expect(codes).toEqual(urls.map(() => '400 WEBHOOK_TARGET_FORBIDDEN'));
    for (const url of [
      'ftp://93.184.215.14/',
      'gopher://93.184.215.14/',
      'http://u:p@93.184.215.14/',
    ]) {
      const res = await world.app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: auth(world.keys.implementer),
        payload: { url },
      });
      expect(json<{ error: { code: string } }>(res).error.code).toBe('WEBHOOK_URL_INVALID');
    }
    const list = await world.app.inject({
      method: 'GET',
      url: '/v1/webhooks',
      headers: auth(world.keys.implementer),
    });
    expect(json<{ items: unknown[] }>(list).items).toEqual([]);
  });

  it('admits an internal target only through the operator allow-list', async () => {
    world = await apiWorld(store(), { webhookAllow: ['10.0.0.0/8', '::1/128'] });
    const post = (url: string) =>
      world.app.inject({
        method: 'POST',
        url: '/v1/webhooks',
        headers: auth(world.keys.implementer),
        payload: { url },
      });
    expect((await post('http://10.9.8.7:9000/hook')).statusCode).toBe(201);
    expect((await post('http://[::1]:9000/hook')).statusCode).toBe(201);
    expect(json<{ error: { code: string } }>(await post('http://192.168.1.1/')).error.code).toBe(
      'WEBHOOK_TARGET_FORBIDDEN',
    );
    expect(json<{ error: { code: string } }>(await post('http://127.0.0.1/')).error.code).toBe(
      'WEBHOOK_TARGET_FORBIDDEN',
    );
  });

  it('judges a name by every address it resolves to', async () => {
    world = await apiWorld(store());
    const [implementer] = await world.deps.store
      .listAccounts('', 100)
      .then((all) => all.filter((a) => a.role === 'implementer'));
    const resolver = (answer: string[]) => async (): Promise<ResolvedAddress[]> =>
      answer.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    const attempt = (answer: string[]) =>
      subscribeTo(
        world.deps,
        implementer!,
        { url: 'https://hooks.partner.example/credence' },
        webhookTargets([], resolver(answer)),
      ).then(
        () => 'subscribed',
        (error: { code: string }) => error.code,
      );
    expect(await attempt(['10.0.0.5'])).toBe('WEBHOOK_TARGET_FORBIDDEN');
    // one internal address among public ones is enough to refuse
    expect(await attempt(['93.184.215.14', 'fd12::1'])).toBe('WEBHOOK_TARGET_FORBIDDEN');
    expect(await attempt([])).toBe('WEBHOOK_TARGET_FORBIDDEN');
    expect(await attempt(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'])).toBe(
      'subscribed',
    );
  });

  it('checks the address again at delivery and connects only to the address it checked', async () => {
    world = await apiWorld(store(), { webhookAllow: LOCAL });
    hook = await receiver();
    const port = new URL(hook.url).port;
    const [implementer] = (await world.deps.store.listAccounts('', 100)).filter(
      (a) => a.role === 'implementer',
    );
    // a rebinding name: public when registered, loopback at delivery
    const rebinding = ['93.184.215.14'];
    let calls = 0;
    const targets = webhookTargets([], async () => {
      calls += 1;
      return [{ address: rebinding[calls - 1] ?? '127.0.0.1', family: 4 }];
    });
    const webhook = await subscribeTo(
      world.deps,
      implementer!,
      { url: `http://rebind.example:${port}/hook` },
      targets,
    );
    await proposal(world.deps);
    expect(await deliverDue(world.deps, webhookSender(2000, targets))).toEqual({
      delivered: 0,
      failed: 1,
    });
    expect(hook.received).toHaveLength(0);
    expect((await world.deps.store.getWebhook(webhook.id))?.lastError).toBe('target not allowed');

    // checked once per delivery: the connection takes the checked (allowed) address, not a
    // second answer that points elsewhere
    const answers = ['127.0.0.1'];
    let asked = 0;
    const pinned = webhookTargets(LOCAL, async () => {
      asked += 1;
      return [{ address: answers[asked - 1] ?? '192.0.2.1', family: 4 }];
    });
    expect(await deliverDue(later(world.deps, 3), webhookSender(2000, pinned))).toEqual({
      delivered: 1,
      failed: 0,
    });
    expect(asked).toBe(1);
    expect(hook.received).toHaveLength(1);
  });

  it('stores a coded reason for a failed connection, never the network’s message', async () => {
    world = await apiWorld(store(), { webhookAllow: LOCAL });
    // a port that was open a moment ago and is closed now: the connection is refused
    const closed = await receiver();
    await closed.close();
    const { id } = await subscribe(closed.url);
    await proposal(world.deps);
    expect(await deliverDue(world.deps, fetchSender(2000))).toEqual({ delivered: 0, failed: 1 });
    const res = await world.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${id}`,
      headers: auth(world.keys.implementer),
    });
    expect(json<{ lastError: string }>(res).lastError).toBe('connection failed');
    expect(res.body).not.toMatch(/ECONNREFUSED|fetch failed/);
    expect(res.body.split(new URL(closed.url).port)).toHaveLength(2); // only in the url itself
  });
});
