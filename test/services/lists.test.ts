import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, addDuration } from '../../src/domain/dates.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { proposeCandidates } from '../../src/services/lists/candidates.service.js';
import { checkAction } from '../../src/services/lists/check.service.js';
import {
  decideEntry,
  extendEntry,
  noticeEntry,
  proposeEntry,
  removeEntry,
  waiveNotice,
} from '../../src/services/lists/entries.service.js';
import { entriesAsOf, readFeed } from '../../src/services/lists/queries.service.js';
import { sweep } from '../../src/services/lists/sweep.service.js';
import {
  correctRecord,
  revokeRecord,
  submitRecord,
} from '../../src/services/records/records.service.js';
import { addRelation, findSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  courtRecord,
  firmRecord,
  listThroughDecision,
  NATIONAL_TAX,
  on,
  registerListAuthorities,
  REPRESENTATIVE,
  wageArrearsListing,
} from '../support/lists.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  PERSON,
  penalty,
  registry,
} from '../support/registry.js';

const court = { actor: 'judge', authorityId: NATIONAL_COURT, reason: 'per the enforcement ruling' };
const market = {
  actor: 'officer',
  authorityId: BEIJING_MARKET,
  reason: 'per the penalty decision',
};

describe.each(BACKENDS)('lists on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    await registerListAuthorities(sut);
  });
  afterEach(async () => cleanup());

  const stateOn = async (identifier: string, date: string, listType?: string) => {
    const subject = await findSubject(sut, identifier);
    const views = await entriesAsOf(sut, [subject.id], date);
    return views.filter((v) => !listType || v.entry.listType === listType).map((v) => v.entry);
  };

  describe('dishonest judgment debtors', () => {
    it('refuses a decision inside the notice period, then designates for 2 years, extends once and expires exactly at the end', async () => {
      await submitRecord(sut, courtRecord(), 'clerk');
      const proposed = await proposeEntry(sut, {
        identifier: PERSON,
        listType: 'dishonest_judgment_debtors',
        ...court,
      });
      expect(proposed).toMatchObject({ state: 'proposed', circumstance: 'obstructs_enforcement' });
      const noticed = await noticeEntry(sut, proposed.id, court);
      expect(noticed.noticeEnds! > '2026-06-15').toBe(true);
      await expect(
        decideEntry(on(sut, noticed.noticeEnds!), proposed.id, court),
      ).rejects.toMatchObject({
        code: 'LIST_NOTICE_PERIOD_OPEN',
      });

      const decidedOn = addDuration(noticed.noticeEnds!, 'P1D');
      const decided = await decideEntry(on(sut, decidedOn), proposed.id, court);
      expect(decided).toMatchObject({
        state: 'effective',
        effectiveFrom: decidedOn,
        endsOn: addDuration(decidedOn, 'P2Y'),
      });

      const extended = await extendEntry(on(sut, '2027-01-04'), proposed.id, {
        ...court,
        by: 'P1Y',
      });
      expect(extended.endsOn).toBe(addDuration(decidedOn, 'P3Y'));
      await expect(
        extendEntry(on(sut, '2027-02-01'), proposed.id, { ...court, by: 'P1Y' }),
      ).rejects.toMatchObject({
        code: 'LIST_EXTENSION_INVALID',
      });

      const endsOn = extended.endsOn!;
      expect((await stateOn(PERSON, addDays(endsOn, -1)))[0]).toMatchObject({ state: 'effective' });
      expect((await stateOn(PERSON, endsOn))[0]).toMatchObject({
        state: 'removed',
        removal: 'expired',
        removedOn: endsOn,
      });

      // the sweep records the expiry once, dated at the end of the period
      expect((await sweep(on(sut, endsOn), endsOn)).expired).toBe(1);
      expect((await sweep(on(sut, endsOn), endsOn)).expired).toBe(0);
      const { changes } = await readFeed(sut, 0);
      expect(changes.map((c) => c.kind)).toEqual([
        'propose',
        'notice',
        'decide',
        'extend',
        'remove',
      ]);
      expect(changes.at(-1)).toMatchObject({ effectiveDate: endsOn, data: { removal: 'expired' } });

      // as of a date in the middle of the history, the answer that was true then
      expect((await stateOn(PERSON, '2026-06-15'))[0]).toMatchObject({ state: 'noticed' });
      expect((await stateOn(PERSON, '2027-06-01'))[0]).toMatchObject({
        state: 'effective',
        endsOn,
      });
      expect(await stateOn(PERSON, '2026-06-14')).toEqual([]);
    });

    it('refuses an extension longer than any calendar holds with a coded error, not a crash', async () => {
      await submitRecord(sut, courtRecord(), 'clerk');
      const { entry } = await listThroughDecision(
        sut,
        courtRecord({ source_ref: 'C-2' }),
        'dishonest_judgment_debtors',
        NATIONAL_COURT,
      );
      for (const by of ['P999999Y', 'P99999999999999999999M']) {
        await expect(
          extendEntry(on(sut, '2027-01-04'), entry.id, { ...court, by }),
        ).rejects.toMatchObject({ code: 'DURATION_INVALID', field: 'by' });
      }
      const unchanged = await extendEntry(on(sut, '2027-01-04'), entry.id, { ...court, by: 'P1Y' });
      expect(unchanged.endsOn).toBe(addDuration(entry.endsOn!, 'P1Y'));
    });

    it('decides at once when the subject waives the rest of its notice period', async () => {
      await submitRecord(sut, courtRecord(), 'clerk');
      const proposed = await proposeEntry(sut, {
        identifier: PERSON,
        listType: 'dishonest_judgment_debtors',
        ...court,
      });
      await noticeEntry(sut, proposed.id, court);
      await waiveNotice(sut, proposed.id, { actor: 'subject', reason: 'waived in writing' });
      expect(await decideEntry(sut, proposed.id, court)).toMatchObject({ state: 'effective' });
    });

    it('keeps an able-but-refusing debtor listed until the obligation is performed, then removes the entry', async () => {
      const { submitted, entry } = await listThroughDecision(
        sut,
        courtRecord({ circumstances: 'able_but_refuses' }),
        'dishonest_judgment_debtors',
        NATIONAL_COURT,
      );
      expect(entry).toMatchObject({ circumstance: 'able_but_refuses', endsOn: null });
      expect((await sweep(on(sut, '2035-01-01'), '2035-01-01')).expired).toBe(0);
      expect((await stateOn(PERSON, '2035-01-01'))[0]!.state).toBe('effective');

      await correctRecord(
        on(sut, '2035-03-02'),
        submitted.recordId,
        { performance: 'full' },
        'paid in full',
        'clerk',
      );
      expect((await stateOn(PERSON, '2035-03-02'))[0]).toMatchObject({
        state: 'removed',
        removal: 'performed',
        removedOn: '2035-03-02',
      });
      expect((await stateOn(PERSON, '2035-03-01'))[0]!.state).toBe('effective');
    });

    it('lets only the owning domain serve notice, and refuses a second open entry', async () => {
      await submitRecord(sut, courtRecord(), 'clerk');
      const proposed = await proposeEntry(sut, {
        identifier: PERSON,
        listType: 'dishonest_judgment_debtors',
        ...court,
      });
      await expect(noticeEntry(sut, proposed.id, market)).rejects.toMatchObject({
        code: 'LIST_AUTHORITY_FORBIDDEN',
        field: 'authority',
      });
      await expect(
        proposeEntry(sut, { identifier: PERSON, listType: 'dishonest_judgment_debtors', ...court }),
      ).rejects.toMatchObject({
        code: 'LIST_ALREADY_LISTED',
      });
      await expect(
        proposeEntry(sut, { identifier: PERSON, listType: 'nope', ...court }),
      ).rejects.toMatchObject({ code: 'LIST_TYPE_UNKNOWN' });
    });

    it('refuses a proposal without records that meet the criteria', async () => {
      await submitRecord(sut, courtRecord({ performance: 'full' }), 'clerk');
      await expect(
        proposeEntry(sut, { identifier: PERSON, listType: 'dishonest_judgment_debtors', ...court }),
      ).rejects.toMatchObject({
        code: 'LIST_CRITERIA_UNMET',
      });
    });
  });

  describe('consumption restriction and the measures check', () => {
    it("denies a listed person's G-train ticket, naming the measure, the entry and the legal basis; allows it once removed", async () => {
      const { submitted, entry } = await listThroughDecision(
        sut,
        courtRecord(),
        'consumption_restriction',
        NATIONAL_COURT,
      );
      const date = entry.effectiveFrom!;
      const denied = await checkAction(on(sut, date), {
        identifier: PERSON,
        action: 'rail.g_train_ticket',
      });
      expect(denied.decision).toBe('deny');
      expect(denied.reasons[0]).toMatchObject({
        via: 'subject',
        entry: { id: entry.id, listType: 'consumption_restriction' },
      });
      expect(denied.reasons[0]!.measure.legalBasis.length).toBeGreaterThan(0);

      await correctRecord(
        on(sut, '2026-12-01'),
        submitted.recordId,
        { performance: 'full' },
        'paid',
        'clerk',
      );
      const allowed = await checkAction(on(sut, '2026-12-01'), {
        identifier: PERSON,
        action: 'rail.g_train_ticket',
      });
      expect(allowed).toMatchObject({ decision: 'allow', reasons: [] });
      // the past stays answerable
      const then = await checkAction(on(sut, '2026-12-01'), {
        identifier: PERSON,
        action: 'rail.g_train_ticket',
        date,
      });
      expect(then.decision).toBe('deny');
    });

    it('denies the legal representative of a listed company', async () => {
      const firm = courtRecord({
        subject_identifier: BEIJING_FIRM,
        subject_name: '北京某某科技有限公司',
        source_ref: 'C-F',
      });
      await submitRecord(
        sut,
        {
          ...courtRecord({
            subject_identifier: REPRESENTATIVE,
            subject_name: '王五',
            source_ref: 'C-R',
            performance: 'full',
          }),
        },
        'clerk',
      );
      await submitRecord(sut, firm, 'clerk');
      await addRelation(
        sut,
        {
          subject: BEIJING_FIRM,
          kind: 'legal_representative',
          other: REPRESENTATIVE,
          basis: 'REG-1',
        },
        'registrar',
      );
      const actor = court;
      const proposed = await proposeEntry(sut, {
        identifier: BEIJING_FIRM,
        listType: 'consumption_restriction',
        ...actor,
      });
      const noticed = await noticeEntry(sut, proposed.id, actor);
      const day = addDuration(noticed.noticeEnds!, 'P1D');
      await decideEntry(on(sut, day), proposed.id, actor);

      const result = await checkAction(on(sut, day), {
        identifier: REPRESENTATIVE,
        action: 'rail.g_train_ticket',
      });
      expect(result.decision).toBe('deny');
      expect(result.reasons[0]).toMatchObject({
        via: 'legal_representative',
        entry: { id: proposed.id },
      });
      const firmItself = await checkAction(on(sut, day), {
        identifier: BEIJING_FIRM,
        action: 'rail.g_train_ticket',
      });
      expect(firmItself.reasons[0]).toMatchObject({ via: 'subject' });
      // before the decision, nobody is denied
      const before = await checkAction(on(sut, day), {
        identifier: REPRESENTATIVE,
        action: 'rail.g_train_ticket',
        date: noticed.noticeEnds!,
      });
      expect(before.decision).toBe('allow');
    });

    it('refuses an action code no measure governs', async () => {
      await submitRecord(sut, courtRecord(), 'clerk');
      await expect(
        checkAction(sut, { identifier: PERSON, action: 'social.post' }),
      ).rejects.toMatchObject({ code: 'MEASURE_ACTION_UNKNOWN' });
    });
  });

  describe('serious market violations', () => {
    it('refuses early removal before one year served and allows it after', async () => {
      const { entry } = await listThroughDecision(
        sut,
        penalty({ severity: 'serious', penalty_classes: 'fine|licence_revocation' }),
        'serious_market_violations',
        BEIJING_MARKET,
      );
      expect(entry.endsOn).toBe(addDuration(entry.effectiveFrom!, 'P3Y'));
      const early = addDuration(entry.effectiveFrom!, 'P6M');
      await expect(
        removeEntry(on(sut, early), entry.id, { ...market, removal: 'early_removal' }),
      ).rejects.toMatchObject({
        code: 'LIST_EARLY_REMOVAL_TOO_SOON',
      });
      const served = addDuration(entry.effectiveFrom!, 'P1Y');
      expect(
        await removeEntry(on(sut, served), entry.id, { ...market, removal: 'early_removal' }),
      ).toMatchObject({
        state: 'removed',
        removal: 'early_removal',
      });
    });
  });

  describe('abnormal operations (automatic)', () => {
    const missing = (ref: string) =>
      firmRecord('annual_report_missing', {
        authority: BEIJING_MARKET,
        source_ref: ref,
        year: 2025,
        decision_date: '2026-07-01',
      });

    it('designates straight from the record and removes the entry when the cause is cured', async () => {
      const t = on(sut, '2026-07-02');
      const submitted = await submitRecord(t, missing('A-1'), 'registrar');
      expect((await stateOn(BEIJING_FIRM, '2026-07-02', 'abnormal_operations'))[0]).toMatchObject({
        state: 'effective',
        effectiveFrom: '2026-07-01',
      });
      await revokeRecord(
        on(sut, '2026-08-03'),
        submitted.recordId,
        'annual report filed',
        'registrar',
      );
      expect((await stateOn(BEIJING_FIRM, '2026-08-03', 'abnormal_operations'))[0]).toMatchObject({
        state: 'removed',
        removal: 'cured',
      });
    });

    it('escalates to serious violations after 3 years and bars the legal representative for 3 years', async () => {
      await submitRecord(on(sut, '2026-07-02'), missing('A-2'), 'registrar');
      await submitRecord(
        sut,
        courtRecord({
          subject_identifier: REPRESENTATIVE,
          subject_name: '王五',
          source_ref: 'C-R',
          performance: 'full',
        }),
        'clerk',
      );
      await addRelation(
        sut,
        {
          subject: BEIJING_FIRM,
          kind: 'legal_representative',
          other: REPRESENTATIVE,
          basis: 'REG-1',
        },
        'registrar',
      );
      expect((await sweep(on(sut, '2029-06-30'), '2029-06-30')).escalated).toBe(0);
      expect((await sweep(on(sut, '2029-07-01'), '2029-07-01')).escalated).toBe(1);
      expect((await sweep(on(sut, '2029-07-01'), '2029-07-01')).escalated).toBe(0);
      const entries = await stateOn(BEIJING_FIRM, '2029-07-01');
      expect(entries.find((e) => e.listType === 'abnormal_operations')).toMatchObject({
        state: 'removed',
        removal: 'escalated',
      });
      const serious = entries.find((e) => e.listType === 'serious_market_violations')!;
      expect(serious).toMatchObject({
        state: 'effective',
        effectiveFrom: '2029-07-01',
        endsOn: '2032-07-01',
      });
      const { changes } = await readFeed(sut, 0, 1000);
      const designation = changes.find((c) => c.entryId === serious.id)!;
      const rep = await findSubject(sut, REPRESENTATIVE);
      const [bar] = await stateOn(REPRESENTATIVE, '2029-07-01', 'representation_bar');
      expect(bar).toMatchObject({
        subjectId: rep.id,
        state: 'effective',
        effectiveFrom: '2029-07-01',
        endsOn: '2032-07-01',
      });
      expect(designation.data.bars).toEqual([
        { personId: rep.id, role: 'legal_representative', entryId: bar!.id, until: '2032-07-01' },
      ]);
      const barFeed = changes.find((c) => c.entryId === bar!.id)!;
      expect(barFeed).toMatchObject({
        kind: 'designate',
        data: { barredAs: 'legal_representative', organizationId: serious.subjectId },
      });
      // the bar answers the registry's question, and ends with its period
      const ask = (date: string) =>
        checkAction(on(sut, '2029-07-01'), {
          identifier: REPRESENTATIVE,
          action: 'market.register_legal_representative',
          date,
        });
      const barred = await ask('2029-07-01');
      expect(barred.decision).toBe('deny');
      expect(barred.reasons).toEqual([
        expect.objectContaining({
          measure: expect.objectContaining({ id: 'representation_bar_registration' }),
          entry: expect.objectContaining({ id: bar!.id, endsOn: '2032-07-01' }),
          via: 'subject',
        }),
      ]);
      expect((await ask('2029-06-30')).decision).toBe('allow');
    });
  });

  describe('working-day deadlines', () => {
    it('counts the notice period in working days across the Spring Festival', async () => {
      const t = on(sut, '2026-02-11');
      await submitRecord(
        t,
        penalty({ severity: 'serious', decision_date: '2026-02-10' }),
        'officer',
      );
      const proposed = await proposeEntry(t, {
        identifier: BEIJING_FIRM,
        listType: 'serious_market_violations',
        ...market,
      });
      const noticed = await noticeEntry(t, proposed.id, market);
      // 5 working days after Wed 11 Feb: Thu 12, Fri 13, Sat 14 (adjusted working day), then the
      // holiday 15-23 Feb, Tue 24, Wed 25
      expect(noticed.noticeEnds).toBe('2026-02-25');
      await expect(decideEntry(on(sut, '2026-02-25'), proposed.id, market)).rejects.toMatchObject({
        code: 'LIST_NOTICE_PERIOD_OPEN',
      });
      expect((await decideEntry(on(sut, '2026-02-26'), proposed.id, market)).state).toBe(
        'effective',
      );
    });
  });

  describe('wage arrears', () => {
    it('allows early removal after 6 months', async () => {
      const { entry } = await wageArrearsListing(sut);
      const labour = {
        actor: 'inspector',
        authorityId: BEIJING_LABOUR,
        reason: 'arrears paid, commitment given',
      };
      await expect(
        removeEntry(on(sut, addDuration(entry.effectiveFrom!, 'P5M')), entry.id, {
          ...labour,
          removal: 'early_removal',
        }),
      ).rejects.toMatchObject({
        code: 'LIST_EARLY_REMOVAL_TOO_SOON',
      });
      expect(
        (
          await removeEntry(on(sut, addDuration(entry.effectiveFrom!, 'P6M')), entry.id, {
            ...labour,
            removal: 'early_removal',
          })
        ).state,
      ).toBe('removed');
    });
  });

  describe('major tax violations', () => {
    it('is proposed as a candidate from a large evasion and expires after 3 years', async () => {
      const evasion = firmRecord('tax_violation', {
        authority: NATIONAL_TAX,
        source_ref: 'T-1',
        violation_kind: 'evasion',
        evaded_amount: '1500000',
        evaded_share_percent: '12.5',
      });
      await submitRecord(sut, evasion, 'tax');
      await submitRecord(
        sut,
        firmRecord('tax_violation', {
          ...evasion,
          source_ref: 'T-2',
          subject_identifier: REPRESENTATIVE,
          subject_name: '王五',
          evaded_amount: '1000',
          evaded_share_percent: '1',
        }),
        'tax',
      );
      const candidates = await proposeCandidates(sut, 'major_tax_violations');
      expect(candidates.proposed.map((e) => e.listType)).toEqual(['major_tax_violations']);
      const entry = candidates.proposed[0]!;
      // a proposal pending is not a listing
      expect(await proposeCandidates(sut, 'major_tax_violations')).toMatchObject({
        proposed: [],
        alreadyProposed: 1,
        alreadyListed: 0,
      });
      const tax = { actor: 'officer', authorityId: NATIONAL_TAX, reason: 'major violation' };
      const noticed = await noticeEntry(sut, entry.id, tax);
      const decided = await decideEntry(
        on(sut, addDuration(noticed.noticeEnds!, 'P1D')),
        entry.id,
        tax,
      );
      expect(decided.endsOn).toBe(addDuration(decided.effectiveFrom!, 'P3Y'));
      expect((await stateOn(BEIJING_FIRM, decided.endsOn!))[0]).toMatchObject({
        state: 'removed',
        removal: 'expired',
      });
      expect((await proposeCandidates(sut, 'major_tax_violations')).alreadyListed).toBe(1);
    });

    it('does not propose again from the facts of a listing that has ended, only from new ones', async () => {
      const evasion = firmRecord('tax_violation', {
        authority: NATIONAL_TAX,
        source_ref: 'T-1',
        violation_kind: 'evasion',
        evaded_amount: '1500000',
        evaded_share_percent: '12.5',
      });
      await submitRecord(sut, evasion, 'tax');
      const [entry] = (await proposeCandidates(sut, 'major_tax_violations')).proposed;
      const tax = { actor: 'officer', authorityId: NATIONAL_TAX, reason: 'major violation' };
      const noticed = await noticeEntry(sut, entry!.id, tax);
      const decided = await decideEntry(
        on(sut, addDuration(noticed.noticeEnds!, 'P1D')),
        entry!.id,
        tax,
      );
      // the listing has run its three years: its facts do not list the firm a second time
      const later = addDays(decided.endsOn!, 1);
      const after = on(sut, later);
      await sweep(after, later);
      expect(await proposeCandidates(after, 'major_tax_violations')).toMatchObject({
        proposed: [],
        alreadyListed: 0,
        alreadyProposed: 0,
        alreadyEnded: 1,
      });
      // a new evasion is new facts: proposed, resting on the new record alone
      const fresh = await submitRecord(
        after,
        { ...evasion, source_ref: 'T-9', decision_date: later },
        'tax',
      );
      const again = await proposeCandidates(after, 'major_tax_violations');
      expect(again.proposed).toHaveLength(1);
      expect(again.proposed[0]!.recordIds).toEqual([fresh.recordId]);
    });
  });

  describe('redlists', () => {
    it('puts an A-grade taxpayer on the redlist by itself and answers fast-track approval', async () => {
      await submitRecord(
        sut,
        firmRecord('tax_rating', {
          authority: NATIONAL_TAX,
          source_ref: 'R-1',
          year: 2025,
          grade: 'A',
          decision_date: '2026-04-15',
        }),
        'tax',
      );
      const [entry] = await stateOn(BEIJING_FIRM, '2026-06-15', 'a_grade_taxpayers');
      expect(entry).toMatchObject({ state: 'effective' });
      const answer = await checkAction(sut, {
        identifier: BEIJING_FIRM,
        action: 'approval.fast_track',
      });
      expect(answer.decision).toBe('allow');
      expect(answer.incentives[0]).toMatchObject({
        measure: { effect: 'fast_track' },
        entry: { id: entry!.id },
      });
    });
  });
});
