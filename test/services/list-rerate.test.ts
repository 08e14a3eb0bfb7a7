import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { runFollowUps } from '../../src/services/follow-ups/follow-ups.service.js';
import { removeEntry } from '../../src/services/lists/entries.service.js';
import { sweep } from '../../src/services/lists/sweep.service.js';
import { latestRatings } from '../../src/services/ratings/subject-ratings.service.js';
import { findSubject } from '../../src/services/subjects/subjects.service.js';
import { fixedClock } from '../../src/domain/clock.js';
import { BACKENDS } from '../support/backends.js';
import { crashAfterCommit, InjectedCrash } from '../support/faults.js';
import {
  BEIJING_LABOUR,
  on,
  registerListAuthorities,
  wageArrearsListing,
} from '../support/lists.js';
import { BEIJING_FIRM, registry } from '../support/registry.js';

const MODEL = 'public_comprehensive_evaluation';

/** later on the day of `date` than `on` sets: ratings made at one instant have no order */
const later = (deps: ServiceDeps, date: string): ServiceDeps => ({
  ...deps,
  clock: fixedClock(`${date}T15:00:00.000Z`),
});
const labour = { actor: 'inspector', authorityId: BEIJING_LABOUR };

describe.each(BACKENDS)('a list transition re-rates its subject on $name', (backend) => {
  let sut: ServiceDeps;
  let fault: ReturnType<typeof crashAfterCommit>;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    fault = crashAfterCommit(opened.store);
    sut = await registry(fault.store);
    await registerListAuthorities(sut);
  });
  afterEach(async () => cleanup());

  /** the firm's newest rating under the comprehensive evaluation */
  const grade = async (deps: ServiceDeps) => {
    const subject = await findSubject(deps, BEIJING_FIRM);
    const latest = await latestRatings(deps, subject.id);
    return latest.find((r) => r.rating.modelId === MODEL)?.rating;
  };

  it('grades a firm D under every published model on the day a blacklist decision takes effect', async () => {
    const { decidedOn } = await wageArrearsListing(sut);
    expect(await grade(sut)).toMatchObject({ asOf: decidedOn, grade: 'D' });
    // every model that rates the firm was run again that day, not only the one that grades D
    const subject = await findSubject(sut, BEIJING_FIRM);
    const latest = await latestRatings(sut, subject.id);
    expect(latest.length).toBeGreaterThan(1);
    expect(latest.map((r) => r.rating.asOf)).toEqual(latest.map(() => decidedOn));
  });

  it('re-rates at the removal: the firm leaves grade D the day its entry is revoked', async () => {
    const { entry, decidedOn } = await wageArrearsListing(sut);
    const that = later(sut, decidedOn);
    await removeEntry(that, entry.id, {
      ...labour,
      reason: 'decided in error',
      removal: 'revoked',
    });
    const after = await grade(that);
    expect(after).toMatchObject({ asOf: decidedOn });
    expect(after?.grade).not.toBe('D');
  });

  it('re-rates at the expiry the sweep records', async () => {
    const { entry } = await wageArrearsListing(sut);
    const after = on(sut, entry.endsOn!);
    await sweep(after, entry.endsOn!);
    expect(await grade(after)).toMatchObject({ asOf: entry.endsOn });
    expect((await grade(after))?.grade).not.toBe('D');
  });

  it('owes the re-rate in the decision’s transaction: a crash after the commit loses nothing', async () => {
    const listed = await wageArrearsListing(sut);
    const that = later(sut, listed.decidedOn);
    fault.arm();
    await expect(
      removeEntry(that, listed.entry.id, { ...labour, reason: 'paid', removal: 'revoked' }),
    ).rejects.toBeInstanceOf(InjectedCrash);
    fault.revive();
    expect(await grade(that)).toMatchObject({ grade: 'D' });
    expect(await runFollowUps(that, null)).toBeGreaterThan(0);
    expect((await grade(that))?.grade).not.toBe('D');
    expect(await sut.store.pendingFollowUps(null, 10)).toEqual([]);
  });
});
