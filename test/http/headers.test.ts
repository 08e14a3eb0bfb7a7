import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_FIRM } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

/** A Content-Security-Policy header as directive → sources. */
function policy(header: unknown): Map<string, string[]> {
  expect(typeof header, 'a Content-Security-Policy header').toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe.each(BACKENDS)('response headers on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());
  const get = (url: string, key?: string) =>
    world.app.inject({ method: 'GET', url, headers: auth(key) });

  it('sends the printable report with a strict policy, no framing, no sniffing and no caching', async () => {
    world = await apiWorld(store());
    await submit(world);
    const res = await get(`/v1/subjects/${BEIJING_FIRM}/report/printable`, world.keys.subject);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    const csp = policy(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false);
    // the page's one style element is allowed by its hash, nothing else
    const style = /<style>([^<]*)<\/style>/.exec(res.body)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp.get('style-src')).toEqual([`'sha256-${hash}'`]);
  });

  it('marks every API answer nosniff, and a signed-in caller’s answers and errors no-store', async () => {
    world = await apiWorld(store());
    const anonymous = [
      await get('/v1/catalog'),
      await get('/v1/nothing/here'),
      await get(`/v1/subjects/${BEIJING_FIRM}`),
      await get('/health'),
    ];
    for (const res of anonymous) {
      expect(res.headers['x-content-type-options'], res.body).toBe('nosniff');
    }
    const signedIn = [
      await get('/v1/accounts/me', world.keys.inquirer),
      await get(`/v1/subjects/${BEIJING_FIRM}/report`, world.keys.subject),
      await get('/v1/catalog', world.keys.operator),
      await get('/v1/accounts/me', 'cr_not.a-key'),
      await get('/v1/accounts', world.keys.inquirer),
    ];
    expect(signedIn.map((r) => r.statusCode)).toEqual([200, 200, 200, 401, 403]);
    for (const res of signedIn) {
      expect(res.headers['x-content-type-options'], res.body).toBe('nosniff');
      expect(res.headers['cache-control'], res.body).toBe('no-store');
    }
  });

  it('serves /docs under a policy that lets Swagger UI load its own scripts, styles and document', async () => {
    world = await apiWorld(store());
    const page = await get('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const csp = policy(page.headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // no inline script the policy would block; every script and style the page names is served
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      const res = await get(new URL(asset, 'http://h/docs/').pathname);
      expect(res.statusCode, asset).toBe(200);
    }
    const initializer = await get('/docs/static/swagger-initializer.js');
    expect(initializer.body).toContain("resolveUrl('./json')");
    expect((await get('/docs/json')).statusCode).toBe(200);
  });

  it('serves /metrics to operators only', async () => {
    world = await apiWorld(store());
    expect(json(await get('/metrics'))).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
    expect(json(await get('/metrics', world.keys.inquirer))).toMatchObject({
      error: { code: 'ROLE_FORBIDDEN' },
    });
    const res = await get('/metrics', world.keys.operator);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('process_cpu_seconds_total');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
