import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, addDuration } from '../../src/domain/dates.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { checkAction } from '../../src/services/lists/check.service.js';
import {
  decideEntry,
  noticeEntry,
  proposeEntry,
  removeEntry,
} from '../../src/services/lists/entries.service.js';
import { entriesAsOf, readFeed } from '../../src/services/lists/queries.service.js';
import { sweep } from '../../src/services/lists/sweep.service.js';
import { correctRecord, submitRecord } from '../../src/services/records/records.service.js';
import {
  addRelation,
  findSubject,
  registerSubject,
} from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { listThroughDecision, on } from '../support/lists.js';
import { BEIJING_MARKET, registry } from '../support/registry.js';
import {
  BANNED_DIRECTOR,
  FOOD_FIRM,
  FOOD_REPRESENTATIVE,
  foodPenalty,
  IP_FIRM,
  ipRecord,
  marketBan,
  NATIONAL_IP,
  NATIONAL_SECURITIES,
  refusedRuling,
  registerSectorAuthorities,
  SECURITIES_FIRM,
  securitiesPenalty,
} from '../support/sectors.js';

/** Each sector list walked through its lifecycle: propose, notice, decision, in force, end (issue 23). */

const market = {
  actor: 'officer',
  authorityId: BEIJING_MARKET,
  reason: 'per the penalty decision',
};
const ip = { actor: 'examiner', authorityId: NATIONAL_IP, reason: 'dishonest act found' };
const csrc = { actor: 'officer', authorityId: NATIONAL_SECURITIES, reason: 'serious violation' };

describe.each(BACKENDS)('sector lists on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    await registerSectorAuthorities(sut);
  });
  afterEach(async () => cleanup());

  const stateOn = async (identifier: string, date: string, listType: string) => {
    const subject = await findSubject(sut, identifier);
    const views = await entriesAsOf(sut, [subject.id], date);
    return views.filter((v) => v.entry.listType === listType).map((v) => v.entry);
  };
  const check = (identifier: string, action: string, date: string) =>
    checkAction(on(sut, date), { identifier, action });
  /** in force the day before `endsOn`; the sweep on `endsOn` records the expiry, dated then */
  const expectExpiry = async (identifier: string, listType: string, endsOn: string) => {
    const before = await stateOn(identifier, addDays(endsOn, -1), listType);
    expect(before[0]).toMatchObject({ state: 'effective' });
    expect((await sweep(on(sut, endsOn), endsOn)).expired).toBe(1);
    expect((await stateOn(identifier, endsOn, listType))[0]).toMatchObject({
      state: 'removed',
      removal: 'expired',
      removedOn: endsOn,
    });
  };

  describe('food business bans (食品安全法 art. 135)', () => {
    it('bans the operator and its legal representative for 5 years, with no early end, then expires', async () => {
      await submitRecord(sut, foodPenalty(), 'inspector');
      await registerSubject(
        sut,
        { subject_identifier: FOOD_REPRESENTATIVE, subject_name: '虚构乙' },
        'registrar',
      );
      await addRelation(
        sut,
        {
          subject: FOOD_FIRM,
          kind: 'legal_representative',
          other: FOOD_REPRESENTATIVE,
          basis: 'REG-F-1',
        },
        'registrar',
      );
      const proposed = await proposeEntry(sut, {
        identifier: FOOD_FIRM,
        listType: 'food_business_ban',
        ...market,
      });
      expect(proposed.state).toBe('proposed');
      const noticed = await noticeEntry(sut, proposed.id, market);
      await expect(
        decideEntry(on(sut, noticed.noticeEnds!), proposed.id, market),
      ).rejects.toMatchObject({ code: 'LIST_NOTICE_PERIOD_OPEN' });
      const day = addDuration(noticed.noticeEnds!, 'P1D');
      const decided = await decideEntry(on(sut, day), proposed.id, market);
      expect(decided).toMatchObject({
        state: 'effective',
        effectiveFrom: day,
        endsOn: addDuration(day, 'P5Y'),
      });

      // in force: no licence for the firm nor its legal representative, no management post
      const licence = await check(FOOD_FIRM, 'food.licence_application', day);
      expect(licence.decision).toBe('deny');
      expect(licence.reasons[0]).toMatchObject({
        via: 'subject',
        measure: { id: 'food_licence_refusal' },
        entry: { id: proposed.id, listType: 'food_business_ban' },
      });
      expect(licence.reasons[0]!.measure.legalBasis[0]!.provision?.en).toMatch(/Art\. 135/);
      const representative = await check(FOOD_REPRESENTATIVE, 'food.safety_manager', day);
      expect(representative.decision).toBe('deny');
      expect(representative.reasons[0]).toMatchObject({
        via: 'legal_representative',
        measure: { id: 'food_management_bar' },
      });
      expect((await check(FOOD_FIRM, 'inspection.frequency', day)).decision).toBe('review');
      // the day before the decision, nothing was in force
      expect(
        (
          await checkAction(on(sut, day), {
            identifier: FOOD_FIRM,
            action: 'food.licence_application',
            date: noticed.noticeEnds!,
          })
        ).decision,
      ).toBe('allow');

      await expect(
        removeEntry(on(sut, addDuration(day, 'P2Y')), proposed.id, {
          ...market,
          removal: 'early_removal',
        }),
      ).rejects.toMatchObject({ code: 'LIST_EARLY_REMOVAL_TOO_SOON' });

      const endsOn = decided.endsOn!;
      await expectExpiry(FOOD_FIRM, 'food_business_ban', endsOn);
      expect((await check(FOOD_FIRM, 'food.licence_application', endsOn)).decision).toBe('allow');
      const { changes } = await readFeed(sut, 0);
      expect(changes.map((c) => c.kind)).toEqual(['propose', 'notice', 'decide', 'remove']);
    });

    it('puts the same serious food penalty on the serious market violation list (SAMR Order No. 44)', async () => {
      const { entry } = await listThroughDecision(
        sut,
        foodPenalty({ penalty_classes: 'fine', source_ref: 'FS-2' }),
        'serious_market_violations',
        BEIJING_MARKET,
      );
      expect(entry.endsOn).toBe(addDuration(entry.effectiveFrom!, 'P3Y'));
      expect((await check(FOOD_FIRM, 'inspection.frequency', entry.effectiveFrom!)).decision).toBe(
        'review',
      );
      // a fine alone revokes no licence: no art. 135 ban follows
      await expect(
        proposeEntry(sut, { identifier: FOOD_FIRM, listType: 'food_business_ban', ...market }),
      ).rejects.toMatchObject({ code: 'LIST_CRITERIA_UNMET' });
    });
  });

  describe('dishonest subjects in intellectual property', () => {
    it('answers the IP measures while listed and removes the entry once the ruling is performed', async () => {
      const { submitted, entry, decidedOn } = await listThroughDecision(
        sut,
        refusedRuling(),
        'ip_dishonest_subjects',
        NATIONAL_IP,
      );
      expect(entry).toMatchObject({ state: 'effective', endsOn: addDuration(decidedOn, 'P1Y') });
      expect((await check(IP_FIRM, 'ip.fee_reduction', decidedOn)).decision).toBe('review');
      const award = await check(IP_FIRM, 'ip.award_application', decidedOn);
      expect(award).toMatchObject({
        decision: 'deny',
        reasons: [{ measure: { id: 'ip_award_exclusion' }, entry: { id: entry.id } }],
      });
      expect((await check(IP_FIRM, 'inspection.frequency', decidedOn)).reasons[0]).toMatchObject({
        measure: { id: 'ip_closer_supervision' },
      });

      const performedOn = addDuration(decidedOn, 'P2M');
      await correctRecord(
        on(sut, performedOn),
        submitted.recordId,
        { performance: 'full' },
        'the ruling was performed',
        'examiner',
      );
      expect((await stateOn(IP_FIRM, performedOn, 'ip_dishonest_subjects'))[0]).toMatchObject({
        state: 'removed',
        removal: 'performed',
      });
      expect((await check(IP_FIRM, 'ip.award_application', performedOn)).decision).toBe('allow');
    });

    it('does not list abnormal applications corrected in time; lists the others, early removal after 6 months', async () => {
      await submitRecord(
        sut,
        ipRecord('patent_application_abnormal', {
          source_ref: 'IP-P-1',
          document_number: '国知发审〔2026〕1号',
          abnormal_kind: 'duplicated_content|split_filings',
          application_count: 40,
          corrected: 'corrected_in_time',
        }),
        'examiner',
      );
      await expect(
        proposeEntry(sut, { identifier: IP_FIRM, listType: 'ip_dishonest_subjects', ...ip }),
      ).rejects.toMatchObject({ code: 'LIST_CRITERIA_UNMET' });

      const { entry } = await listThroughDecision(
        sut,
        ipRecord('trademark_malicious_application', {
          source_ref: 'IP-T-1',
          document_number: '商标驳〔2026〕1号',
          marks: '虚构商标甲；虚构商标乙',
          application_count: 120,
          outcome: 'refused|fine',
          fine_amount: '50000.00',
        }),
        'ip_dishonest_subjects',
        NATIONAL_IP,
      );
      await expect(
        removeEntry(on(sut, addDuration(entry.effectiveFrom!, 'P5M')), entry.id, {
          ...ip,
          removal: 'early_removal',
        }),
      ).rejects.toMatchObject({ code: 'LIST_EARLY_REMOVAL_TOO_SOON' });
      expect(
        await removeEntry(on(sut, addDuration(entry.effectiveFrom!, 'P6M')), entry.id, {
          ...ip,
          removal: 'early_removal',
        }),
      ).toMatchObject({ state: 'removed', removal: 'early_removal' });
    });

    it('expires after 1 year', async () => {
      const { entry } = await listThroughDecision(
        sut,
        ipRecord('ip_agency_violation', {
          source_ref: 'IP-A-1',
          document_number: '国知罚〔2026〕1号',
          severity: 'serious',
          facts: '以不正当手段招揽专利代理业务',
          agency_kind: 'patent',
          violation_type: '不正当招揽业务',
          penalty_classes: 'warning|fine|business_stop',
          fine_amount: '100000.00',
          basis_provision: '专利代理条例 第二十五条',
        }),
        'ip_dishonest_subjects',
        NATIONAL_IP,
      );
      const endsOn = entry.endsOn!;
      expect(endsOn).toBe(addDuration(entry.effectiveFrom!, 'P1Y'));
      await expectExpiry(IP_FIRM, 'ip_dishonest_subjects', endsOn);
    });
  });

  describe('serious dishonesty in the securities and futures market', () => {
    it('reviews bond issues and financing of a listed firm; early removal only after 1 year', async () => {
      const { entry, decidedOn } = await listThroughDecision(
        sut,
        securitiesPenalty(),
        'securities_serious_dishonesty',
        NATIONAL_SECURITIES,
      );
      expect(entry.endsOn).toBe(addDuration(decidedOn, 'P3Y'));
      const bonds = await check(SECURITIES_FIRM, 'bond.issue', decidedOn);
      expect(bonds).toMatchObject({
        decision: 'review',
        reasons: [{ measure: { id: 'bond_issuance_review' }, entry: { id: entry.id } }],
      });
      const financing = await check(SECURITIES_FIRM, 'securities.share_offering', decidedOn);
      expect(financing).toMatchObject({
        decision: 'review',
        reasons: [{ measure: { id: 'securities_financing_review' } }],
      });

      await expect(
        removeEntry(on(sut, addDuration(decidedOn, 'P6M')), entry.id, {
          ...csrc,
          removal: 'early_removal',
        }),
      ).rejects.toMatchObject({ code: 'LIST_EARLY_REMOVAL_TOO_SOON' });
      const removedOn = addDuration(decidedOn, 'P1Y');
      await removeEntry(on(sut, removedOn), entry.id, { ...csrc, removal: 'early_removal' });
      expect((await check(SECURITIES_FIRM, 'bond.issue', removedOn)).decision).toBe('allow');
    });

    it('lists a person under a market entry ban and expires after 3 years', async () => {
      const { entry } = await listThroughDecision(
        sut,
        marketBan(),
        'securities_serious_dishonesty',
        NATIONAL_SECURITIES,
      );
      expect(entry.endsOn).toBe(addDuration(entry.effectiveFrom!, 'P3Y'));
      await expectExpiry(BANNED_DIRECTOR, 'securities_serious_dishonesty', entry.endsOn!);
    });

    it('refuses a penalty that is not serious', async () => {
      await submitRecord(sut, securitiesPenalty({ severity: 'general' }), 'officer');
      await expect(
        proposeEntry(sut, {
          identifier: SECURITIES_FIRM,
          listType: 'securities_serious_dishonesty',
          ...csrc,
        }),
      ).rejects.toMatchObject({ code: 'LIST_CRITERIA_UNMET' });
    });
  });
});
