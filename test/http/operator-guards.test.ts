import { afterEach, describe, expect, it } from 'vitest';
import { registerAuthority } from '../../src/services/authorities.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_MARKET } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface ErrorReply {
  error: { code: string; field?: string };
}

describe.each(BACKENDS)('operator guards on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, key: string, payload?: object) =>
    world.app.inject({ method, url, headers: auth(key), ...(payload ? { payload } : {}) });

  it('refuses an operator disabling its own account, and disables another', async () => {
    world = await apiWorld(store());
    const self = json<{ id: string }>(await call('GET', '/v1/accounts/me', world.keys.operator));
    const refused = await call('POST', `/v1/accounts/${self.id}/disable`, world.keys.operator);
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorReply>(refused).error).toMatchObject({ code: 'ACCOUNT_SELF', field: 'id' });
    expect((await world.deps.store.getAccount(self.id))?.disabledAt).toBeNull();
    expect((await call('GET', '/v1/accounts/me', world.keys.operator)).statusCode).toBe(200);

    const other = json<{ id: string }>(await call('GET', '/v1/accounts/me', world.keys.furnisher));
    expect(
      (await call('POST', `/v1/accounts/${other.id}/disable`, world.keys.operator)).statusCode,
    ).toBe(204);
  });

  it('changes an authority only with a reason, and audits the values before and after', async () => {
    world = await apiWorld(store());
    const change = {
      name: '北京市市场监督管理局',
      domains: ['market'],
      regions: ['110000', '120000'],
    };
    const silent = await call(
      'PUT',
      `/v1/authorities/${BEIJING_MARKET}`,
      world.keys.operator,
      change,
    );
    expect(silent.statusCode).toBe(400);
    // the document says the reason is required, so its absence is the document's REQUEST_INVALID
    expect(json<ErrorReply>(silent).error).toMatchObject({
      code: 'REQUEST_INVALID',
      field: 'reason',
    });
    const blank = await call('PUT', `/v1/authorities/${BEIJING_MARKET}`, world.keys.operator, {
      ...change,
      reason: '   ',
    });
    expect(json<ErrorReply>(blank).error.code).toBe('AUTHORITY_REASON_REQUIRED');
    expect((await world.deps.store.getAuthority(BEIJING_MARKET))?.regions).toEqual(['110000']);

    const done = await call('PUT', `/v1/authorities/${BEIJING_MARKET}`, world.keys.operator, {
      ...change,
      reason: '京津冀协同监管，管辖扩至天津',
    });
    expect(done.statusCode, done.body).toBe(200);
    const [entry] = (await world.deps.store.listAudit(0, 1000))
      .filter((e) => e.action === 'authority.register')
      .slice(-1);
    expect(entry?.payload).toEqual({
      id: BEIJING_MARKET,
      before: {
        id: BEIJING_MARKET,
        name: '北京市市场监督管理局',
        nameEn: null,
        domains: ['market'],
        regions: ['110000'],
      },
      after: {
        id: BEIJING_MARKET,
        name: '北京市市场监督管理局',
        nameEn: null,
        domains: ['market'],
        regions: ['110000', '120000'],
      },
      reason: '京津冀协同监管，管辖扩至天津',
    });
  });

  it('asks every caller of the service for a reason to change an authority, not to repeat it', async () => {
    world = await apiWorld(store());
    const same = {
      id: BEIJING_MARKET,
      name: '北京市市场监督管理局',
      domains: ['market'],
      regions: ['110000'],
    };
    await expect(registerAuthority(world.deps, same, 'console')).resolves.toMatchObject(same);
    await expect(
      registerAuthority(world.deps, { ...same, domains: ['market', 'tax'] }, 'console'),
    ).rejects.toMatchObject({ code: 'AUTHORITY_REASON_REQUIRED' });
    expect((await world.deps.store.getAuthority(BEIJING_MARKET))?.domains).toEqual(['market']);
  });
});
