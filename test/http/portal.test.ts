import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/types.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM, registry } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

/** A portal build of two files, so the test does not depend on the real one. */
async function fakeBuild(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'credence-portal-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>portal</title>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

describe.each(BACKENDS)('the portal served beside the API on $name', (backend) => {
  const store = storePerTest(backend);
  let app: App | undefined;
  let world: ApiWorld | undefined;
  afterEach(async () => {
    await app?.close();
    await world?.app.close();
  });

  it('answers a page path with the portal and its policy, hashed assets for good, and the API as before', async () => {
    const deps = await registry(store());
    app = await buildApp(deps, {
      http: { jwtSecret: null, rateLimit: 0, logLevel: 'silent' },
      logger: false,
      webhooks: false,
      portal: await fakeBuild(),
    });
    const page = await app.inject({ url: `/subjects/${BEIJING_FIRM}`, headers: HTML });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>portal</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await app.inject({ url: '/assets/../index.html' })).statusCode).toBe(404);

    // the API keeps its coded answers, even for a browser
    const api = await app.inject({ url: '/v1/nothing-here', headers: HTML });
    expect(api.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(api).error.code).toBe('ROUTE_NOT_FOUND');
    const post = await app.inject({ method: 'POST', url: '/subjects/x', headers: HTML });
    expect(post.statusCode).toBe(404);
    expect((await app.inject({ url: '/subjects/x' })).statusCode).toBe(404);
  });

  it('tells a subject account its own identifier, and officers none', async () => {
    world = await apiWorld(store());
    const me = json<{ role: string; subject: { identifier: string; kind: string } | null }>(
      await world.app.inject({ url: '/v1/accounts/me', headers: auth(world.keys.subject) }),
    );
    expect(me.role).toBe('subject');
    expect(me.subject).toMatchObject({ identifier: BEIJING_FIRM, kind: 'business' });
    const officer = json<{ subject: unknown }>(
      await world.app.inject({ url: '/v1/accounts/me', headers: auth(world.keys.furnisher) }),
    );
    expect(officer.subject).toBeNull();
  });
});
