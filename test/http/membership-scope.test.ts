import { afterEach, describe, expect, it } from 'vitest';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import { findSubject, registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

/** Memberships written over the API (issue 22): in the registering authority's scope only. */

const RONGCHENG_AGRICULTURE = makeUscc('11371082', 'MB00RA01');
const YANTAI_AGRICULTURE = makeUscc('11370600', 'MB00YA01');
const RONGCHENG_CIVIL_AFFAIRS = makeUscc('11371082', 'MB00RC01');
const VILLAGE = makeUscc('N2371082', 'MA0CW001');
const HOUSEHOLD = makeRic('371082', '1970-01-01', 12);

describe.each(BACKENDS)('memberships in an officer’s scope on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  async function setUp() {
    world = await apiWorld(store());
    const keys: Record<string, string> = {};
    const authorities: Array<[string, string, string, string]> = [
      [RONGCHENG_AGRICULTURE, '荣成市农业农村局', 'agriculture', '371082'],
      [YANTAI_AGRICULTURE, '烟台市农业农村局', 'agriculture', '370600'],
      [RONGCHENG_CIVIL_AFFAIRS, '荣成市民政局', 'civil_affairs', '371082'],
    ];
    for (const [id, name, domain, region] of authorities) {
      await registerAuthority(world.deps, { id, name, domains: [domain], regions: [region] }, 'op');
      keys[id] = (
        await createAccount(world.deps, { name: 'f', role: 'furnisher', authority: id }, 'test')
      ).apiKey;
    }
    await registerSubject(world.deps, { subject_identifier: VILLAGE, subject_name: '东山村' }, 't');
    await registerSubject(world.deps, { subject_identifier: HOUSEHOLD, subject_name: '户主' }, 't');
    return keys;
  }
  const relate = (key: string) =>
    world.app.inject({
      method: 'POST',
      url: `/v1/subjects/${VILLAGE}/relations`,
      headers: auth(key),
      payload: { kind: 'village_household', other: HOUSEHOLD },
    });

  it('refuses a membership from an authority outside the village’s region or outside agriculture, writing nothing', async () => {
    const keys = await setUp();
    const before = await world.deps.store.auditHead();
    for (const key of [keys[YANTAI_AGRICULTURE]!, keys[RONGCHENG_CIVIL_AFFAIRS]!]) {
      const res = await relate(key);
      expect(res.statusCode).toBe(403);
      expect(json<{ error: { code: string; field: string } }>(res).error).toMatchObject({
        code: 'MEMBERSHIP_SCOPE',
        field: 'kind',
      });
    }
    expect((await findSubject(world.deps, VILLAGE)).relations).toEqual([]);
    expect(await world.deps.store.auditHead()).toEqual(before);
  });

  it('takes a membership from the village’s registering authority, audited', async () => {
    const keys = await setUp();
    expect((await relate(keys[RONGCHENG_AGRICULTURE]!)).statusCode).toBe(204);
    const village = await findSubject(world.deps, VILLAGE);
    const household = await findSubject(world.deps, HOUSEHOLD);
    expect(village.relations).toEqual([
      expect.objectContaining({ kind: 'village_household', otherId: household.id }),
    ]);
    const audit = await world.deps.store.listAudit(0, 1000);
    expect(audit.find((e) => e.action === 'subject.relate')?.payload).toMatchObject({
      kind: 'village_household',
      authorityId: RONGCHENG_AGRICULTURE,
    });
  });

  it('refuses the same membership a second time while the first is in force, writing nothing', async () => {
    const keys = await setUp();
    expect((await relate(keys[RONGCHENG_AGRICULTURE]!)).statusCode).toBe(204);
    const before = await world.deps.store.auditHead();
    const again = await relate(keys[RONGCHENG_AGRICULTURE]!);
    expect(again.statusCode).toBe(409);
    expect(json<{ error: { code: string; field: string } }>(again).error).toMatchObject({
      code: 'RELATION_DUPLICATE',
      field: 'other',
    });
    expect((await findSubject(world.deps, VILLAGE)).relations).toHaveLength(1);
    expect(await world.deps.store.auditHead()).toEqual(before);
  });

  it('records one of two identical memberships written at once', async () => {
    const keys = await setUp();
    const replies = await Promise.all([1, 2].map(() => relate(keys[RONGCHENG_AGRICULTURE]!)));
    expect(replies.map((r) => r.statusCode).sort()).toEqual([204, 409]);
    expect((await findSubject(world.deps, VILLAGE)).relations).toHaveLength(1);
  });
});
