import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import { fixedClock } from '../../../src/domain/clock.js';
import type { ServiceDeps } from '../../../src/services/deps.js';
import { runDemo } from '../../../src/services/demo/demo.service.js';
import { STORY, STORY_AUTHORITIES } from '../../../src/services/demo/story-cast.js';
import { checkAction } from '../../../src/services/lists/check.service.js';
import { objectionsOf } from '../../../src/services/objections/objections.service.js';
import { runRating } from '../../../src/services/ratings/rate.service.js';
import { repairsOf } from '../../../src/services/repairs/repairs.service.js';
import { findSubject } from '../../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../../support/backends.js';

const TODAY = '2026-12-07';

// one demo store per backend, loaded once: every test reads it
describe.each(BACKENDS)('the demo history on $name', (backend) => {
  let deps: ServiceDeps;
  let cleanup: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    deps = {
      store: opened.store,
      catalog: await loadCatalog(DEFAULT_CATALOG_DIR),
      clock: fixedClock(`${TODAY}T09:00:00Z`),
    };
    dir = mkdtempSync(join(tmpdir(), 'credence-demo-history-'));
    const run = await runDemo(deps, { subjects: 60, seed: 42, dir, format: 'csv', batchSize: 250 });
    expect(run.summary.rejected).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const subjectId = async (s: { identifier: string }) => (await findSubject(deps, s.identifier)).id;
  const entries = async (s: { identifier: string }) =>
    deps.store.listEntriesOf([await subjectId(s)]);

  it('records the generated records over past years, not all today', async () => {
    const years = new Set<string>();
    let afterId: string | undefined;
    for (;;) {
      const page = await deps.store.scanRecordVersions({
        types: [...deps.catalog.recordTypes.keys()],
        limit: 1000,
        ...(afterId ? { afterId } : {}),
      });
      for (const v of page) years.add(v.recordedAt.slice(0, 4));
      if (page.length < 1000) break;
      afterId = page[page.length - 1]!.id;
    }
    expect([...years].sort()).toEqual(['2020', '2021', '2022', '2023', '2024', '2025', '2026']);
  });

  it('has a court blacklist entry in force, decided after its notice, until performance', async () => {
    const [entry] = (await entries(STORY.debtor)).filter(
      (e) => e.listType === 'dishonest_judgment_debtors',
    );
    expect(entry).toMatchObject({ state: 'effective', endsOn: null, removal: null });
    expect(entry!.effectiveFrom! > entry!.noticeEnds!).toBe(true);
    expect(entry!.effectiveFrom! < '2026-01-01').toBe(true);
    const check = await checkAction(deps, {
      identifier: STORY.debtor.identifier,
      action: 'rail.g_train_ticket',
    });
    expect(check.decision).toBe('deny');
  });

  it('has entries expired, removed on performance and repaired, each as it stood then', async () => {
    const removal = async (s: { identifier: string }) =>
      (await entries(s)).filter((e) => e.state === 'removed').map((e) => e.removal);
    expect(await removal(STORY.expired)).toContain('expired');
    expect(await removal(STORY.performed)).toEqual(['performed']);
    expect(await removal(STORY.repaired)).toEqual(['repaired']);
    // a year and a half ago the performing firm was listed; today it is not
    const then = await checkAction(deps, {
      identifier: STORY.performed.identifier,
      action: 'rail.g_train_ticket',
      date: '2025-06-30',
    });
    expect(then.decision).toBe('deny');
    const now = await checkAction(deps, {
      identifier: STORY.performed.identifier,
      action: 'rail.g_train_ticket',
    });
    expect(now.decision).toBe('allow');
  });

  it('has open and answered objections', async () => {
    const states = [
      ...(await objectionsOf(deps, await subjectId(STORY.debtor))),
      ...(await objectionsOf(deps, await subjectId(STORY.expired))),
      ...(await objectionsOf(deps, await subjectId(STORY.objector))),
    ].map((o) => o.state);
    expect(states.sort()).toEqual(['open', 'rejected', 'upheld']);
  });

  it('has repairs at each step', async () => {
    const states = (await repairsOf(deps, await subjectId(STORY.repairs))).map((r) => r.state);
    expect(states.sort()).toEqual(['approved', 'forwarded', 'refused', 'submitted']);
    const entryRepair = await repairsOf(deps, await subjectId(STORY.repaired));
    expect(entryRepair.map((r) => [r.item, r.state])).toEqual([['list_entry', 'approved']]);
  });

  it('has bank inquiries, with consent, in the inquiry logs', async () => {
    const log = await deps.store.listInquiries(await subjectId(STORY.expired), 0, 100);
    const banks = log.filter((i) => i.authorityId === STORY_AUTHORITIES.bank.id);
    expect(banks.length).toBe(3);
    expect(banks.every((i) => i.purpose === 'loan_approval' && i.consent !== null)).toBe(true);
    const debtorLog = await deps.store.listInquiries(await subjectId(STORY.debtor), 0, 100);
    expect(debtorLog.map((i) => i.authorityId)).toContain(STORY_AUTHORITIES.secondBank.id);
  });

  it('has a redlist entry in force and a merge', async () => {
    const red = (await entries(STORY.objector)).filter((e) => e.listType === 'a_grade_taxpayers');
    expect(red.map((e) => e.state)).toEqual(['effective']);
    const merges = await deps.store.listMerges(await subjectId(STORY.kept));
    expect(merges.length).toBe(1);
    expect((await findSubject(deps, STORY.duplicate.identifier)).id).toBe(
      await subjectId(STORY.kept),
    );
  });

  it('rates as of a past date on what was recorded by then, not everyone A', async () => {
    const run = await runRating(deps, {
      modelId: 'public_comprehensive_evaluation',
      asOf: '2023-06-30',
      actor: 'test',
      draft: true,
    });
    expect(run.rated).toBeGreaterThan(0);
    expect(Object.keys(run.grades).filter((g) => g !== 'A').length).toBeGreaterThan(0);
  });
});
