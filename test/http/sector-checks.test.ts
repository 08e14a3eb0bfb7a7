import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  decideEntry,
  noticeEntry,
  proposeEntry,
  waiveNotice,
} from '../../src/services/lists/entries.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { BEIJING_MARKET } from '../support/registry.js';
import {
  FOOD_FIRM,
  foodPenalty,
  IP_FIRM,
  NATIONAL_IP,
  NATIONAL_SECURITIES,
  refusedRuling,
  registerSectorAuthorities,
  SECURITIES_FIRM,
  securitiesPenalty,
} from '../support/sectors.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

interface Check {
  decision: string;
  reasons: Array<{ measure: { id: string; legalBasis: Array<{ title: string }> }; via: string }>;
}

/** POST /v1/checks answers the measures of the sector lists (issue 23). */
describe.each(BACKENDS)('sector measure checks over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  // the record, and its listing decided at once after the subject waived its notice period
  async function listed(deps: ServiceDeps, record: SubmissionInput, list: string, by: string) {
    await submitRecord(deps, record, 'officer');
    const actor = { actor: 'officer', authorityId: by, reason: 'meets the criteria' };
    const identifier = String(record.subject_identifier);
    const entry = await proposeEntry(deps, { identifier, listType: list, ...actor });
    await noticeEntry(deps, entry.id, actor);
    await waiveNotice(deps, entry.id, { actor: 'subject', reason: 'waived in writing' });
    await decideEntry(deps, entry.id, actor);
  }

  const check = async (identifier: string, action: string) => {
    const res = await world.app.inject({
      method: 'POST',
      url: '/v1/checks',
      headers: auth(world.keys.implementer),
      payload: { identifier, action },
    });
    expect(res.statusCode, res.body).toBe(200);
    return json<Check>(res);
  };

  it('denies a banned food firm its licence, reviews an IP firm’s fee reduction and a listed firm’s bonds', async () => {
    world = await apiWorld(store());
    await registerSectorAuthorities(world.deps);
    await listed(world.deps, foodPenalty(), 'food_business_ban', BEIJING_MARKET);
    await listed(world.deps, refusedRuling(), 'ip_dishonest_subjects', NATIONAL_IP);
    await listed(
      world.deps,
      securitiesPenalty(),
      'securities_serious_dishonesty',
      NATIONAL_SECURITIES,
    );

    const licence = await check(FOOD_FIRM, 'food.licence_application');
    expect(licence).toMatchObject({
      decision: 'deny',
      reasons: [{ measure: { id: 'food_licence_refusal' }, via: 'subject' }],
    });
    expect(licence.reasons[0]!.measure.legalBasis[0]!.title).toMatch(/食品安全法/);
    expect(await check(IP_FIRM, 'ip.fee_reduction')).toMatchObject({
      decision: 'review',
      reasons: [{ measure: { id: 'ip_preference_review' } }],
    });
    expect(await check(SECURITIES_FIRM, 'bond.issue')).toMatchObject({
      decision: 'review',
      reasons: [{ measure: { id: 'bond_issuance_review' } }],
    });
    expect(await check(SECURITIES_FIRM, 'securities.refinancing')).toMatchObject({
      decision: 'review',
    });
    // a subject on none of them
    expect((await check(SECURITIES_FIRM, 'food.licence_application')).decision).toBe('allow');
  });
});
