import { afterEach, describe, expect, it } from 'vitest';
import { makeRic } from '../../src/domain/identifiers/index.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { PERSON } from '../support/registry.js';
import { apiWorld, auth, json, type ApiWorld } from './support.js';

/** PERSON is 张三, born 1985-03-02. */
const NAME = '张三';
const BORN = `${PERSON.slice(6, 10)}-${PERSON.slice(10, 12)}-${PERSON.slice(12, 14)}`;

type Answer = {
  results?: Array<{
    candidates: Array<{ kind: string; features: Array<{ feature: string; outcome: string }> }>;
  }>;
  error?: { code: string; field?: string };
};

/** 100 birth dates, one a day from 1985-01-01: the true one among them */
const guesses = Array.from({ length: 100 }, (_, day) =>
  new Date(Date.UTC(1985, 0, 1 + day)).toISOString().slice(0, 10),
);

describe.each(BACKENDS)('screening persons over HTTP on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  const screening = (key: string, body: Record<string, unknown>) =>
    world.app.inject({ method: 'POST', url: '/v1/screening', headers: auth(key), payload: body });

  it('does not let a subject or an officer without a purpose recover a named person’s number by guessing birth dates', async () => {
    world = await apiWorld(store());
    expect(guesses).toContain(BORN);
    const attempts: Array<[string, Record<string, unknown>]> = [];
    for (const key of [world.personKey, world.keys.subject, world.keys.furnisher]) {
      const byDate = guesses.map((birthDate) => ({ name: NAME, birthDate }));
      attempts.push(
        [key, { queries: byDate }],
        [key, { queries: byDate.map((q) => ({ ...q, kind: 'person' })) }],
        [key, { queries: byDate, purpose: 'subject_own' }],
        [key, { queries: byDate, purpose: 'loan_approval' }],
        // without a birth date: the name alone finds no person to compare with
        [key, { queries: [{ name: NAME }, { name: 'zhang san' }] }],
        // and a guessed number decides nothing
        [key, { queries: [{ name: NAME, identifiers: [PERSON] }] }],
      );
    }
    const confirmed: string[] = [];
    for (const [key, body] of attempts) {
      const res = await screening(key, body);
      const answer = json<Answer>(res);
      if (res.statusCode === 200) {
        for (const r of answer.results ?? [])
          for (const c of r.candidates)
            if (c.kind === 'person') confirmed.push(JSON.stringify(c.features));
      } else {
        expect([400, 403]).toContain(res.statusCode);
        expect(['SCREEN_PURPOSE_REQUIRED', 'PURPOSE_FORBIDDEN']).toContain(answer.error?.code);
      }
    }
    expect(confirmed).toEqual([]);
  });

  it('counts as namesakes only the persons the purpose reaches', async () => {
    world = await apiWorld(store());
    // a Beijing 张三 beside PERSON, the Guangzhou one: supervision from Beijing reaches one
    const beijing = makeRic('110105', '1990-01-01', 15);
    await registerSubject(world.deps, { subject_identifier: beijing, subject_name: NAME }, 'test');
    const res = await screening(world.keys.furnisher, {
      queries: [{ name: NAME, kind: 'person' }],
      purpose: 'supervision',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [result] = json<{ results: Array<{ candidates: Array<Record<string, unknown>> }> }>(
      res,
    ).results;
    expect(result!.candidates.map((c) => [c.region, c.namesakes])).toEqual([['110105', 1]]);
  });

  const CONSENT = {
    consentDocument: 'LA-2026-0001',
    consentDate: '2026-05-30',
    consentScope: 'loan application',
  };

  it('compares for a bank that states its purpose, and shows the person who screened them', async () => {
    world = await apiWorld(store());
    const res = await screening(world.keys.inquirer, {
      queries: [{ name: NAME, kind: 'person', birthDate: BORN }],
      purpose: 'loan_approval',
      ...CONSENT,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [result] = json<Answer>(res).results!;
    expect(result!.candidates[0]!.features).toContainEqual(
      expect.objectContaining({ feature: 'date', outcome: 'match' }),
    );
    const log = await world.app.inject({
      method: 'GET',
      url: `/v1/subjects/${PERSON}/inquiries`,
      headers: auth(world.personKey),
    });
    expect(json<{ items: unknown[] }>(log).items).toEqual([
      expect.objectContaining({
        accountName: 'inquirer account',
        purpose: 'loan_approval',
        consent: { document: 'LA-2026-0001', date: '2026-05-30', scope: 'loan application' },
      }),
    ]);
    // loan approval rests on the person's written consent: without it nothing is compared
    const refused = await screening(world.keys.inquirer, {
      queries: [{ name: NAME, kind: 'person', birthDate: BORN }],
      purpose: 'loan_approval',
    });
    expect(refused.statusCode).toBe(400);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('CONSENT_REQUIRED');
  });
});
