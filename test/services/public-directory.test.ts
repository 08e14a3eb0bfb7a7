import { describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  disclosureDirectory,
  listDirectory,
} from '../../src/services/disclosure/public-directory.service.js';
import { removeEntry } from '../../src/services/lists/entries.service.js';
import {
  correctRecord,
  revokeRecord,
  submitRecord,
} from '../../src/services/records/records.service.js';
import { BACKENDS } from '../support/backends.js';
import {
  BEIJING_LABOUR,
  courtRecord,
  firmRecord,
  listThroughDecision,
  on,
  registerListAuthorities,
  wageArrearsListing,
} from '../support/lists.js';
import {
  BEIJING_FIRM,
  BEIJING_MARKET,
  NATIONAL_COURT,
  penalty,
  PERSON,
  registryPerTest,
  SHANGHAI_BANK,
  SHANGHAI_FIRM,
} from '../support/registry.js';

const everything = { limit: 50 };

/** Every row of the directory, following `next` to the end. */
async function allListRows(deps: ServiceDeps, query: Parameters<typeof listDirectory>[1]) {
  const rows = [];
  let after = '';
  for (let pages = 0; pages < 20; pages += 1) {
    const page = await listDirectory(deps, query, after);
    rows.push(...page.items);
    if (page.next === null) return rows;
    after = page.next;
  }
  throw new Error('the directory did not end');
}

describe.each(BACKENDS)('the public list directory on $name', (backend) => {
  const sut = registryPerTest(backend, registerListAuthorities);

  it('names the subject, the list and its colour, the deciding authority, basis and dates', async () => {
    const { entry, decidedOn } = await wageArrearsListing(sut());
    const { items } = await listDirectory(on(sut(), decidedOn), everything);
    expect(items).toEqual([
      expect.objectContaining({
        entryId: entry.id,
        subject: expect.objectContaining({
          name: '北京某某科技有限公司',
          pageIdentifier: BEIJING_FIRM,
          region: '110000',
        }),
        list: expect.objectContaining({
          id: 'wage_arrears_dishonest',
          colour: 'black',
          sanction: true,
          name: expect.objectContaining({ en: expect.any(String), zh: expect.any(String) }),
        }),
        authority: expect.objectContaining({
          id: BEIJING_LABOUR,
          name: '北京市人力资源和社会保障局',
        }),
        decidedOn,
        endsOn: entry.endsOn,
      }),
    ]);
    expect(items[0]!.legalBasis.length).toBeGreaterThan(0);
  });

  it('masks a listed person to the region code and gives no page identifier', async () => {
    const { decidedOn } = await listThroughDecision(
      sut(),
      courtRecord(),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
    const { items } = await listDirectory(on(sut(), decidedOn), everything);
    expect(items).toHaveLength(1);
    const [row] = items;
    expect(row!.subject.pageIdentifier).toBeNull();
    expect(row!.subject.identifiers).toEqual([
      { scheme: 'ric', value: '440113************', masked: true },
    ]);
    expect(JSON.stringify(items)).not.toContain(PERSON);
  });

  it('filters by list type, colour, region and decision date', async () => {
    const wage = await wageArrearsListing(sut());
    const court = await listThroughDecision(
      sut(),
      courtRecord({ source_ref: 'C-2' }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
    const that = on(sut(), court.decidedOn > wage.decidedOn ? court.decidedOn : wage.decidedOn);
    const ids = async (query: Parameters<typeof listDirectory>[1]) =>
      (await allListRows(that, query)).map((r) => r.list.id).sort();
    expect(await ids(everything)).toEqual(['dishonest_judgment_debtors', 'wage_arrears_dishonest']);
    expect(await ids({ ...everything, listType: 'wage_arrears_dishonest' })).toEqual([
      'wage_arrears_dishonest',
    ]);
    expect(await ids({ ...everything, colour: 'red' })).toEqual([]);
    expect(await ids({ ...everything, region: '44' })).toEqual(['dishonest_judgment_debtors']);
    expect(await ids({ ...everything, region: '110000' })).toEqual(['wage_arrears_dishonest']);
    expect(await ids({ ...everything, from: wage.decidedOn, to: wage.decidedOn })).toEqual(
      court.decidedOn === wage.decidedOn
        ? ['dishonest_judgment_debtors', 'wage_arrears_dishonest']
        : ['wage_arrears_dishonest'],
    );
    expect(await ids({ ...everything, to: '2026-01-01' })).toEqual([]);
  });

  it('pages through the entries one at a time', async () => {
    const wage = await wageArrearsListing(sut());
    const court = await listThroughDecision(
      sut(),
      courtRecord({ source_ref: 'C-2' }),
      'dishonest_judgment_debtors',
      NATIONAL_COURT,
    );
    const that = on(sut(), court.decidedOn > wage.decidedOn ? court.decidedOn : wage.decidedOn);
    const first = await listDirectory(that, { limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.next).not.toBeNull();
    const rest = await allListRows(that, { limit: 1 });
    expect(rest.map((r) => r.entryId).sort()).toEqual([wage.entry.id, court.entry.id].sort());
  });

  it('leaves out an entry that was removed', async () => {
    const { entry, decidedOn } = await wageArrearsListing(sut());
    const that = on(sut(), decidedOn);
    await removeEntry(that, entry.id, {
      actor: 'inspector',
      authorityId: BEIJING_LABOUR,
      reason: 'decided in error',
      removal: 'revoked',
    });
    expect((await listDirectory(that, everything)).items).toEqual([]);
  });

  it('shows a commended firm on a redlist, never as a sanction', async () => {
    await submitRecord(
      sut(),
      firmRecord('commendation', {
        authority: BEIJING_MARKET,
        source_ref: 'H-1',
        honour: '全国守合同重信用企业',
        level: 'national',
      }),
      'furnisher',
    );
    const { items } = await listDirectory(sut(), { ...everything, colour: 'red' });
    expect(items).toEqual([
      expect.objectContaining({
        list: expect.objectContaining({ id: 'commended_subjects', colour: 'red', sanction: false }),
        // listed by the registry under the list's rules: no authority's name, never 'system'
        authority: { id: 'system', name: null, nameEn: null },
      }),
    ]);
  });
});

describe.each(BACKENDS)('the public licences and penalties (双公示) on $name', (backend) => {
  const sut = registryPerTest(backend);

  const licence = (overrides = {}) =>
    firmRecord('admin_licence', {
      authority: BEIJING_MARKET,
      source_ref: 'L-1',
      decision_date: '2026-05-01',
      licence_class: 'ordinary',
      licence_number: 'JY11101050001',
      content: '食品经营',
      valid_from: '2026-05-01',
      valid_to: '2031-04-30',
      ...overrides,
    });

  it('lists public licences and penalties, latest decision first, with the authority by name', async () => {
    await submitRecord(sut(), penalty(), 'furnisher');
    await submitRecord(sut(), licence(), 'furnisher');
    const { items, next } = await disclosureDirectory(sut(), everything);
    expect(next).toBeNull();
    expect(items.map((i) => [i.kind, i.record.decisionDate])).toEqual([
      ['licence', '2026-05-01'],
      ['penalty', '2026-03-01'],
    ]);
    expect(items[1]).toMatchObject({
      subject: { name: '北京某某科技有限公司', pageIdentifier: BEIJING_FIRM },
      authority: { id: BEIJING_MARKET, name: '北京市市场监督管理局' },
      typeName: { zh: '行政处罚' },
      record: { documentNumber: '京市监罚〔2026〕101号' },
    });
    expect(
      (await disclosureDirectory(sut(), { ...everything, kind: 'penalty' })).items,
    ).toHaveLength(1);
    expect(
      (await disclosureDirectory(sut(), { ...everything, from: '2026-04-01' })).items,
    ).toHaveLength(1);
    expect((await disclosureDirectory(sut(), { ...everything, region: '31' })).items).toEqual([]);
  });

  it('leaves out a penalty past its window, a revoked record and older versions of a corrected one', async () => {
    // minor tier, decided a year ago: its window of 3 months is over
    await submitRecord(
      sut(),
      penalty({
        source_ref: 'P-OLD',
        decision_date: '2025-05-01',
        severity: 'minor',
        penalty_classes: 'warning',
      }),
      'furnisher',
    );
    const revoked = await submitRecord(sut(), penalty({ source_ref: 'P-REV' }), 'furnisher');
    const [revokedVersion] = (await sut().store.listRecordVersions(revoked.subjectId)).filter(
      (v) => v.sourceRef === 'P-REV',
    );
    await revokeRecord(sut(), revokedVersion!.id, 'issued in error', 'furnisher');
    await submitRecord(sut(), penalty({ source_ref: 'P-FIX' }), 'furnisher');
    const [fixVersion] = (await sut().store.listRecordVersions(revoked.subjectId)).filter(
      (v) => v.sourceRef === 'P-FIX',
    );
    await correctRecord(sut(), fixVersion!.id, { fine_amount: '6000.00' }, 'typo', 'furnisher');
    const { items } = await disclosureDirectory(sut(), everything);
    expect(items).toHaveLength(1);
    expect(items[0]!.record).toMatchObject({ corrected: true });
  });

  it('shows no restricted record and pages one at a time', async () => {
    await submitRecord(
      sut(),
      {
        subject_identifier: SHANGHAI_FIRM,
        subject_name: '上海某某贸易有限公司',
        type: 'loan_default',
        authority: SHANGHAI_BANK,
        source_ref: 'LD-1',
        legal_basis: '借款合同',
        decision_date: '2026-05-20',
        lender: '上海某商业银行',
        amount: '100000',
        days_past_due: 120,
      },
      'furnisher',
    );
    await submitRecord(sut(), penalty(), 'furnisher');
    await submitRecord(sut(), licence(), 'furnisher');
    const first = await disclosureDirectory(sut(), { limit: 1 });
    expect(first.items.map((i) => i.kind)).toEqual(['licence']);
    const second = await disclosureDirectory(sut(), { limit: 1 }, first.next!);
    expect(second.items.map((i) => i.kind)).toEqual(['penalty']);
    const third = await disclosureDirectory(sut(), { limit: 1 }, second.next!);
    expect(third).toEqual({ items: [], next: null });
  });
});
