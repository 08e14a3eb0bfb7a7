import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { apiWorld, json, type ApiWorld } from './support.js';

interface RepairRuleEntry {
  id: string;
  name: { zh: string; en?: string };
  recordTypes: string[];
  listTypes: string[];
  default: boolean;
  obligations: Array<{ id: string; name: { zh: string; en?: string } }>;
  answer: { workingDays?: number };
  decide: { workingDays?: number };
  legalBasis: Array<{ title: string }>;
}

describe.each(BACKENDS)('the repair rules in the public catalog on $name', (backend) => {
  const store = storePerTest(backend);
  let world: ApiWorld;
  afterEach(async () => world?.app.close());

  it('serves every repair rule with its obligations, deadlines and legal basis to anyone', async () => {
    world = await apiWorld(store());
    const index = json<{ sections: Record<string, string[]> }>(
      await world.app.inject({ method: 'GET', url: '/v1/catalog' }),
    );
    expect(index.sections['repair-rules']).toEqual([
      'administrative_penalty',
      'wage_arrears',
      'court_list',
      'general',
    ]);

    const section = await world.app.inject({ method: 'GET', url: '/v1/catalog/repair-rules' });
    expect(section.statusCode).toBe(200);
    const penalty = json<{ items: RepairRuleEntry[] }>(section).items[0]!;
    expect(penalty).toMatchObject({
      id: 'administrative_penalty',
      recordTypes: [
        'admin_penalty',
        'food_safety_penalty',
        'ip_agency_violation',
        'securities_penalty',
      ],
      listTypes: ['serious_market_violations', 'securities_serious_dishonesty'],
      answer: { workingDays: 10 },
      decide: { workingDays: 3 },
    });
    expect(penalty.obligations.map((o) => o.id)).toEqual([
      'penalty_performed',
      'conduct_corrected',
    ]);
    expect(penalty.legalBasis.length).toBeGreaterThan(0);

    const one = json<RepairRuleEntry>(
      await world.app.inject({ method: 'GET', url: '/v1/catalog/repair-rules/general' }),
    );
    expect(one).toMatchObject({ id: 'general', default: true });
  });
});
