import { afterEach, describe, expect, it } from 'vitest';
import { makeRic } from '../../src/domain/identifiers/index.js';
import { createAccount } from '../../src/services/accounts/accounts.service.js';
import { runRating } from '../../src/services/ratings/rate.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { loanDefault, SHANGHAI_BANK } from '../support/registry.js';
import { apiWorld, auth, json, submit, type ApiWorld } from './support.js';

interface ErrorReply {
  error: { code: string; field?: string };
}

describe.each(BACKENDS)('rating runs over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const get = (url: string, key: string) =>
    world.app.inject({ method: 'GET', url, headers: auth(key) });

  it('shows a decider a run’s results only for a public model: a person’s private score rests on restricted records', async () => {
    world = await apiWorld(store());
    const bank = await createAccount(
      world.deps,
      { name: 'bank', role: 'furnisher', authority: SHANGHAI_BANK },
      'test',
    );
    // a Shanghai person's loan default: restricted, read only for a purpose and logged
    const person = makeRic('310104', '1980-01-01', 11);
    const submitted = await submit(
      world,
      loanDefault({ subject_identifier: person, subject_name: '王五' }),
      bank.apiKey,
    );
    expect(submitted.statusCode, submitted.body).toBe(201);
    const run = await runRating(world.deps, { modelId: 'city_personal_score', actor: 'test' });

    const read = await get(`/v1/rating-runs/${run.id}/ratings`, world.keys.decider);
    expect(read.statusCode, read.body).toBe(403);
    expect(json<ErrorReply>(read).error).toMatchObject({ code: 'ROLE_FORBIDDEN', field: 'id' });
    expect(read.body).not.toContain('bank_arrears');
    // the operator reads them; the decider still compares runs by their grade counts
    const operator = await get(`/v1/rating-runs/${run.id}/ratings`, world.keys.operator);
    expect(operator.body).toContain('bank_arrears');
    const migration = await get(
      `/v1/rating-runs/${run.id}/migration?from=${run.id}`,
      world.keys.decider,
    );
    expect(migration.statusCode, migration.body).toBe(200);
    const open = await runRating(world.deps, {
      modelId: 'public_comprehensive_evaluation',
      actor: 'test',
    });
    const shown = await get(`/v1/rating-runs/${open.id}/ratings`, world.keys.decider);
    expect(shown.statusCode, shown.body).toBe(200);
  });
});
