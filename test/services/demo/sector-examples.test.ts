import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import type { ServiceDeps } from '../../../src/services/deps.js';
import { loadSectorExamples } from '../../../src/services/demo/sector-examples.js';
import { publicView } from '../../../src/services/disclosure/public-view.service.js';
import { checkAction } from '../../../src/services/lists/check.service.js';
import { BACKENDS } from '../../support/backends.js';
import { defaultCatalog } from '../../support/registry.js';

const SECTOR_LISTS = [
  'food_business_ban',
  'ip_dishonest_subjects',
  'securities_serious_dishonesty',
];

describe.each(BACKENDS)('the demo subjects of the sector lists on $name', (backend) => {
  let deps: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    deps = {
      store: opened.store,
      catalog: await defaultCatalog(),
      clock: fixedClock('2026-03-16T09:00:00Z'),
    };
  });
  afterEach(async () => cleanup());

  it('puts subjects in force on each sector list, shown in public with their legal basis; a second run adds nothing', async () => {
    const sut = await loadSectorExamples(deps, 'demo');
    expect([...new Set(sut.listed.map((l) => l.list))].sort()).toEqual(
      [...SECTOR_LISTS, 'serious_market_violations'].sort(),
    );
    expect(sut).toMatchObject({ authorities: 3, records: 7 });
    for (const { identifier, list } of sut.listed) {
      const view = await publicView(deps, identifier);
      const entry = view.listEntries.find((e) => e.listType === list);
      expect(entry, list).toMatchObject({ effectiveFrom: '2026-03-16' });
      expect(entry!.legalBasis.length, list).toBeGreaterThan(0);
      // the records behind it are public too
      expect(view.records.length, list).toBeGreaterThan(0);
    }
    // the legal representative of the banned food firm may not take a food management post
    const representative = sut.subjects.at(-1)!;
    expect(
      (await checkAction(deps, { identifier: representative, action: 'food.management_post' }))
        .decision,
    ).toBe('deny');

    const before = await deps.store.counts();
    const again = await loadSectorExamples(deps, 'demo');
    expect(again).toMatchObject({ authorities: 0, records: 0 });
    expect(await deps.store.counts()).toEqual(before);
  });
});
