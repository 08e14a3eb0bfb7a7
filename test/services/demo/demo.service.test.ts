import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../../src/config.js';
import { fixedClock } from '../../../src/domain/clock.js';
import type { ServiceDeps } from '../../../src/services/deps.js';
import { generateDemo } from '../../../src/services/demo/generate.js';
import { runDemo, type RunDemoOptions } from '../../../src/services/demo/demo.service.js';
import { STORY_SUBJECTS } from '../../../src/services/demo/story-cast.js';
import type { Problem } from '../../../src/services/records/submission.js';
import { subjectFile } from '../../../src/services/records/subject-file.service.js';
import { findSubject } from '../../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../../support/backends.js';

describe.each(BACKENDS)('runDemo on $name', (backend) => {
  let deps: ServiceDeps;
  let cleanup: () => Promise<void>;
  let dir: string;
  const rejected: Array<{ line: number; problems: readonly Problem[] }> = [];

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    deps = {
      store: opened.store,
      catalog: await loadCatalog(DEFAULT_CATALOG_DIR),
      clock: fixedClock('2026-03-15T09:00:00Z'),
    };
    dir = mkdtempSync(join(tmpdir(), 'credence-demo-'));
    rejected.length = 0;
  });
  afterEach(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const options = (format: RunDemoOptions['format']): RunDemoOptions => ({
    subjects: 100,
    seed: 42,
    dir,
    format,
    batchSize: 250,
    onRejected: (line, problems) => rejected.push({ line, problems }),
  });

  it('registers the authorities and imports every generated row', async () => {
    const sut = await runDemo(deps, options('csv'));
    expect(rejected).toEqual([]);
    expect(sut.summary.rejected).toBe(0);
    expect(sut.summary.created).toBe(sut.summary.rows);
    expect(sut.summary.rows).toBeGreaterThan(300);
    // every generated row is in one of the yearly files
    const generated = generateDemo({
      subjects: 100,
      seed: 42,
      today: '2026-03-15',
      catalog: deps.catalog,
    });
    expect(sut.summary.rows).toBe([...generated.rows()].length);
    // the sector examples (issue 23) and the story come on top of the generated data set; the
    // story's merged duplicate no longer counts
    expect((await deps.store.listAuthorities()).length).toBe(
      sut.authorities + sut.sectors.authorities + sut.villages.authorities,
    );
    const counts = await deps.store.counts();
    expect(counts.subjects).toBe(
      100 + sut.sectors.subjects.length + sut.villages.subjects.length + STORY_SUBJECTS.length - 1,
    );
    expect(counts.records).toBeGreaterThan(sut.summary.rows + sut.sectors.records);
  });

  it('shows the example business with its penalty, and finds the example person', async () => {
    const sut = await runDemo(deps, options('jsonl'));
    const file = await subjectFile(deps, sut.examples.business!);
    expect(file.items.length).toBeGreaterThanOrEqual(4);
    expect(file.items.map((i) => i.current.type)).toContain('admin_penalty');
    expect((await findSubject(deps, sut.examples.person!, 'ric')).kind).toBe('person');
  });

  it('relates legal representatives, and a second run changes nothing', async () => {
    const first = await runDemo(deps, { ...options('csv'), subjects: 400 });
    expect(first.relations).toBeGreaterThan(0);
    const before = await deps.store.counts();
    const second = await runDemo(deps, { ...options('csv'), subjects: 400 });
    expect(second.summary).toMatchObject({
      created: 0,
      rejected: 0,
      unchanged: first.summary.rows,
    });
    expect(await deps.store.counts()).toEqual(before);
    expect(second.villages).toMatchObject({ authorities: 0, memberships: 0 });
    // two whole demos, each a history of yearly imports and sweeps: about 20 s on PostgreSQL idle
  }, 180_000);

  it('rates the Rongcheng villages from their households, by hand: 东山村 a credit village, 西河村 not yet, the township a credit township', async () => {
    const sut = await runDemo(deps, { ...options('csv'), subjects: 20 });
    expect(sut.villages.memberships).toBe(11);
    expect(sut.ratings).toMatchObject({
      rongcheng_credit_village: 2,
      rongcheng_credit_township: 1,
    });
    const grade = async (identifier: string, model: string) => {
      const subject = await findSubject(deps, identifier, 'uscc');
      const ratings = await deps.store.listRatingsOf([subject.id], model);
      return ratings[0]?.result;
    };
    const [township, east, west] = sut.villages.groups;
    // 东山村: 1030, 1005, 1000, 1000, 900: 4 of 5 hold A or above
    expect(await grade(east!, 'rongcheng_credit_village')).toMatchObject({
      grade: 'CreditVillage',
      members: 5,
      atOrAbove: 4,
    });
    // 西河村: 1000, 1000, 900, 900: 2 of 4, under 60%
    expect(await grade(west!, 'rongcheng_credit_village')).toMatchObject({
      grade: 'NotYet',
      members: 4,
      atOrAbove: 2,
    });
    expect(await grade(township!, 'rongcheng_credit_township')).toMatchObject({
      grade: 'CreditTownship',
      members: 2,
      atOrAbove: 1,
    });
  }, 120_000);
});
