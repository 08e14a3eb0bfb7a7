import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { buildApp } from '../../src/http/app.js';
import { proposeEntry } from '../../src/services/lists/entries.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { deliverDue, fetchSender } from '../../src/services/webhooks/webhooks.service.js';
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
    world = await apiWorld(store());
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
    world = await apiWorld(store());
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
    await subscribe('https://example.org/hook');
    const list = await world.app.inject({
      method: 'GET',
      url: '/v1/webhooks',
      headers: auth(world.keys.implementer),
    });
    expect(json<{ items: unknown[] }>(list).items).toHaveLength(1);
    expect(list.body).not.toContain('secret');
  });

  it('runs the delivery loop while the server runs', async () => {
    world = await apiWorld(store());
    hook = await receiver();
    const app = await buildApp(world.deps, {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
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
});
