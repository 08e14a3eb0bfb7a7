import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isIsoDate } from '../../src/domain/dates.js';
import { publicView } from '../../src/services/disclosure/public-view.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { checkAction, checkBatch } from '../../src/services/lists/check.service.js';
import { entriesAsOf } from '../../src/services/lists/queries.service.js';
import { sweep } from '../../src/services/lists/sweep.service.js';
import { subjectFile } from '../../src/services/records/subject-file.service.js';
import { BACKENDS } from '../support/backends.js';
import { courtRecord, listThroughDecision, on, registerListAuthorities } from '../support/lists.js';
import { NATIONAL_COURT, PERSON, registry } from '../support/registry.js';

/** Not dates written YYYY-MM-DD, or not real ones. */
const NOT_DATES = [
  '2026-02-30',
  '9999-99-99',
  '0000-00-00',
  '06/12/2026',
  '',
  ' 2026-06-20',
  '2026-6-2',
];

describe('the one date rule', () => {
  it('accepts real calendar dates written YYYY-MM-DD and nothing else', () => {
    for (const d of ['2026-02-28', '2024-02-29', '1970-01-01', '9999-12-31']) {
      expect(isIsoDate(d), d).toBe(true);
    }
    for (const d of [...NOT_DATES, '2025-02-29', '2026-13-01', '2026-00-10']) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });
});

describe.each(BACKENDS)('date inputs of the services on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;
  let listedOn: string;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    await registerListAuthorities(sut);
    const { entry } = await listThroughDecision(
      sut,
      courtRecord(),
      'consumption_restriction',
      NATIONAL_COURT,
    );
    listedOn = entry.effectiveFrom!;
    sut = on(sut, listedOn);
  });
  afterEach(async () => cleanup());

  it('never allows a check asked with a date that is not one: that item is a DATE_INVALID error', async () => {
    const action = 'rail.g_train_ticket';
    expect((await checkAction(sut, { identifier: PERSON, action })).decision).toBe('deny');
    const results = await checkBatch(sut, [
      ...NOT_DATES.map((date) => ({ identifier: PERSON, action, date })),
      { identifier: PERSON, action, date: listedOn },
    ]);
    expect(results.map((r) => ('error' in r ? r.error.code : r.decision))).toEqual([
      ...NOT_DATES.map(() => 'DATE_INVALID'),
      'deny',
    ]);
    for (const r of results.slice(0, -1)) {
      expect('error' in r && r.error.field).toBe('date');
    }
    await expect(
      checkAction(sut, { identifier: PERSON, action, date: '2026-02-30' }),
    ).rejects.toMatchObject({ code: 'DATE_INVALID', field: 'date' });
  });

  it('refuses an as-of date that is not one, naming the field, wherever a file is read as of a date', async () => {
    for (const date of NOT_DATES) {
      await expect(subjectFile(sut, PERSON, date), date).rejects.toMatchObject({
        code: 'DATE_INVALID',
        field: 'asOf',
      });
      await expect(publicView(sut, PERSON, date), date).rejects.toMatchObject({
        code: 'DATE_INVALID',
        field: 'asOf',
      });
      await expect(entriesAsOf(sut, [], date), date).rejects.toMatchObject({
        code: 'DATE_INVALID',
        field: 'asOf',
      });
      await expect(sweep(sut, date), date).rejects.toMatchObject({
        code: 'DATE_INVALID',
        field: 'as_of',
      });
    }
  });
});
