import { rm } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, loadCatalog, validateCatalogDir } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { Catalog } from '../../src/domain/catalog.js';
import { copyDefaultCatalog } from './fixtures.js';

/** these tests are about the national catalog: the regional layers have tests of their own */
const NATIONAL_ONLY = { layers: false };

const SPEC_LISTS = [
  'dishonest_judgment_debtors',
  'consumption_restriction',
  'serious_market_violations',
  'abnormal_operations',
  'wage_arrears_dishonest',
  'major_tax_violations',
  'a_grade_taxpayers',
  'commended_subjects',
];
// the bar that the abnormal operations list's escalation puts on the persons behind a firm
const BAR_LIST = 'representation_bar';
// the sectors of issue 23: food safety, intellectual property, securities
const SECTOR_LISTS = [
  'food_business_ban',
  'ip_dishonest_subjects',
  'securities_serious_dishonesty',
];

// the nine categories of 法释〔2015〕17号 art. 3, by one action code each
const CONSUMPTION_ACTIONS = [
  'flight.ticket',
  'hospitality.star_hotel',
  'property.purchase',
  'property.office_lease',
  'vehicle.purchase',
  'travel.holiday',
  'education.private_school',
  'finance.premium_insurance',
  'rail.g_train_ticket',
];

describe('the default catalog: list types', () => {
  let sut: Catalog;
  beforeAll(async () => {
    sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
  });

  it('has the six lists of SPEC 4.4, the two redlists, the representation bar and the sector lists, each with a legal basis', () => {
    expect([...sut.listTypes.keys()].sort()).toEqual(
      [...SPEC_LISTS, BAR_LIST, ...SECTOR_LISTS].sort(),
    );
    for (const list of sut.listTypes.values()) {
      expect(list.legalBasis.length, list.id).toBeGreaterThan(0);
      expect(list.name.zh && list.name.en, list.id).toBeTruthy();
    }
    const colours = [...sut.listTypes.values()].map((l) => `${l.id}:${l.colour}`);
    expect(colours).toContain('a_grade_taxpayers:red');
    expect(colours).toContain('commended_subjects:red');
    expect(colours).toContain('abnormal_operations:warning');
  });

  it('keeps the court list 2 years, until performance for circumstance 1, deleted within 3 working days', () => {
    const list = sut.listTypes.get('dishonest_judgment_debtors');
    expect(list).toMatchObject({
      colour: 'black',
      owningDomain: 'judicial',
      designation: 'decided',
      period: { kind: 'fixed', duration: 'P2Y' },
      periodByField: {
        field: 'circumstances',
        periods: { able_but_refuses: { kind: 'until_performed' } },
      },
      extensions: { min: 'P1Y', max: 'P3Y', times: 1 },
      removalOnPerformance: { field: 'performance', values: ['full'], deadlineWorkingDays: 3 },
      reaches: ['legal_representative', 'principal', 'actual_controller'],
    });
    expect(list?.noticeWorkingDays).toBeGreaterThan(0);
  });

  it('gives every decided blacklist notice before listing (SPEC 2.3)', () => {
    for (const list of sut.listTypes.values()) {
      if (list.designation === 'decided' && list.colour === 'black')
        expect(list.noticeWorkingDays, list.id).toBeGreaterThanOrEqual(1);
    }
    expect(sut.listTypes.get('serious_market_violations')?.noticeWorkingDays).toBe(5);
    expect(sut.listTypes.get('abnormal_operations')?.noticeWorkingDays).toBe(0);
  });

  it('carries the real periods: 3 years with early removal after 1 year or 6 months', () => {
    expect(sut.listTypes.get('serious_market_violations')).toMatchObject({
      period: { kind: 'fixed', duration: 'P3Y' },
      earlyRemoval: { minServed: 'P1Y' },
    });
    expect(sut.listTypes.get('wage_arrears_dishonest')).toMatchObject({
      period: { kind: 'fixed', duration: 'P3Y' },
      earlyRemoval: { minServed: 'P6M' },
    });
    expect(sut.listTypes.get('major_tax_violations')?.period).toEqual({
      kind: 'fixed',
      duration: 'P3Y',
    });
    expect(sut.listTypes.get('consumption_restriction')?.period).toEqual({
      kind: 'until_performed',
    });
  });

  it('carries the sector lists: the food ban of 5 years with no early end, the IP list, the securities list', () => {
    expect(sut.listTypes.get('food_business_ban')).toMatchObject({
      owningDomain: 'market',
      period: { kind: 'fixed', duration: 'P5Y' },
      reaches: ['legal_representative', 'principal'],
      criteria: [{ recordType: 'food_safety_penalty' }],
    });
    expect(sut.listTypes.get('food_business_ban')?.earlyRemoval).toBeUndefined();
    expect(sut.listTypes.get('ip_dishonest_subjects')).toMatchObject({
      owningDomain: 'ip',
      period: { kind: 'fixed', duration: 'P1Y' },
      earlyRemoval: { minServed: 'P6M' },
    });
    expect(sut.listTypes.get('securities_serious_dishonesty')).toMatchObject({
      owningDomain: 'securities',
      period: { kind: 'fixed', duration: 'P3Y' },
    });
    // Order No. 44 reaches food safety penalties too
    const serious = sut.listTypes.get('serious_market_violations')!;
    expect(serious.criteria.map((c) => c.recordType)).toContain('food_safety_penalty');
    const measuresOf = (list: string) =>
      [...sut.measures.values()].filter((m) => m.lists.includes(list)).map((m) => m.id);
    expect(measuresOf('food_business_ban').sort()).toEqual([
      'closer_inspection',
      'food_licence_refusal',
      'food_management_bar',
    ]);
    expect(measuresOf('ip_dishonest_subjects').sort()).toEqual([
      'ip_award_exclusion',
      'ip_closer_supervision',
      'ip_preference_review',
    ]);
    expect(measuresOf('securities_serious_dishonesty').sort()).toEqual([
      'bond_issuance_review',
      'securities_financing_review',
    ]);
    // an unconfirmed number says so where it is cited, in both languages
    const cited = (id: string, lang: 'zh' | 'en') =>
      sut.listTypes
        .get(id)!
        .legalBasis.map((b) => b.provision?.[lang] ?? '')
        .join(' ');
    expect(cited('ip_dishonest_subjects', 'en')).toMatch(/could not be confirmed/);
    expect(cited('securities_serious_dishonesty', 'en')).toMatch(/could not be confirmed/);
    expect(cited('ip_dishonest_subjects', 'zh')).toMatch(/未能核实/);
    expect(cited('securities_serious_dishonesty', 'zh')).toMatch(/未能核实/);
  });

  it('escalates abnormal operations after 3 years and bars the legal representative for 3 years', () => {
    expect(sut.listTypes.get('abnormal_operations')).toMatchObject({
      designation: 'automatic',
      period: { kind: 'until_performed' },
      escalation: {
        after: 'P3Y',
        to: 'serious_market_violations',
        bars: { roles: expect.arrayContaining(['legal_representative']), list: BAR_LIST },
      },
    });
    expect(sut.listTypes.get(BAR_LIST)).toMatchObject({
      colour: 'black',
      designation: 'escalation',
      criteria: [],
      period: { kind: 'fixed', duration: 'P3Y' },
    });
    const measure = [...sut.measures.values()].find((m) => m.lists.includes(BAR_LIST));
    expect(measure).toMatchObject({
      kind: 'restriction',
      effect: 'deny',
      actions: ['market.register_legal_representative'],
    });
  });

  it('lists major tax violations from 1,000,000 yuan (in fen) and 10% of the tax due', () => {
    const criteria = sut.listTypes.get('major_tax_violations')?.criteria ?? [];
    expect(criteria[0]?.conditions).toEqual([
      { field: 'violation_kind', in: ['evasion'] },
      { field: 'evaded_amount', min: 100_000_000 },
      { field: 'evaded_share_percent', min: 10 },
    ]);
  });
});

describe('the default catalog: measures', () => {
  let sut: Catalog;
  beforeAll(async () => {
    sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
  });

  it('carries the nine consumption restrictions, triggered by both court lists', () => {
    const restricted = [...sut.measures.values()].filter((m) =>
      m.lists.includes('consumption_restriction'),
    );
    expect(restricted).toHaveLength(9);
    expect(restricted.flatMap((m) => m.actions)).toEqual(
      expect.arrayContaining(CONSUMPTION_ACTIONS),
    );
    for (const m of restricted) {
      expect(m, m.id).toMatchObject({ kind: 'restriction', effect: 'deny' });
      expect(m.lists, m.id).toContain('dishonest_judgment_debtors');
      expect(m.reaches, m.id).toEqual([
        'subject',
        'legal_representative',
        'principal',
        'actual_controller',
      ]);
      expect(m.legalBasis[0]?.title, m.id).toContain('法释〔2015〕17号');
      expect(m.legalBasis[0]?.provision?.en, m.id).toMatch(/^Art\. 3 /);
      expect(m.legalBasis[0]?.provision?.zh, m.id).toMatch(/^第三条第（[一二三四五六七八九]）项 /);
    }
  });

  it('gives every measure a legal basis, and every restriction a provision', () => {
    for (const m of sut.measures.values()) {
      expect(m.legalBasis.length, m.id).toBeGreaterThan(0);
      if (m.kind === 'restriction')
        expect(
          m.legalBasis.some((b) => b.provision),
          m.id,
        ).toBe(true);
    }
  });

  it('governs the representative actions of SPEC 4.5, with the redlist answering fast_track', () => {
    const byAction = new Map(
      [...sut.measures.values()].flatMap((m) => m.actions.map((a) => [a, m] as const)),
    );
    for (const action of [
      'procurement.bid',
      'office.appoint_soe_rep',
      'subsidy.grant',
      'bond.issue',
      'inspection.frequency',
      'approval.fast_track',
    ])
      expect(byAction.has(action), action).toBe(true);
    expect(sut.measures.get('redlist_fast_track')).toMatchObject({
      kind: 'incentive',
      effect: 'fast_track',
      lists: ['a_grade_taxpayers', 'commended_subjects'],
    });
    expect(sut.measures.get('procurement_ban')?.lists).toEqual([
      'dishonest_judgment_debtors',
      'serious_market_violations',
      'major_tax_violations',
    ]);
  });

  it('holds no surveillance measures (SPEC 2.8)', () => {
    const banned = /surveil|monitor|track_location|location|biometric|face|phone|social|camera/;
    for (const m of sut.measures.values())
      for (const action of m.actions) expect(action, m.id).not.toMatch(banned);
  });
});

type Copy = Awaited<ReturnType<typeof copyDefaultCatalog>>;
let copy: Copy | null = null;
const broken = async () => (copy = await copyDefaultCatalog());
afterEach(async () => {
  await copy?.remove();
  copy = null;
});

const DISHONEST = 'list-types/dishonest_judgment_debtors.yaml';
const ABNORMAL = 'list-types/abnormal_operations.yaml';
const PROCUREMENT = 'measures/procurement_ban.yaml';

describe('validateCatalogDir on broken list and measure files', () => {
  it('reports unknown domains, record types, fields and values with file and path', async () => {
    const sut = await broken();
    await sut.edit(DISHONEST, (t) =>
      t
        .replace('owningDomain: judicial', 'owningDomain: courts')
        .replace('{ field: performance, in: [none, partial] }', '{ field: performed, in: [none] }')
        .replace('- refuses_settlement', '- refuses_mediation'),
    );
    await sut.edit('list-types/a_grade_taxpayers.yaml', (t) =>
      t.replace('recordType: tax_rating', 'recordType: tax_grade'),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^list-types\/dishonest_judgment_debtors\.yaml:\d+: list-types\.dishonest_judgment_debtors\.owningDomain: unknown domain "courts"/,
        ),
        expect.stringMatching(
          /dishonest_judgment_debtors\.criteria\[0\]\.conditions\[0\]\.field: no field "performed" in court_enforcement$/,
        ),
        expect.stringMatching(
          /dishonest_judgment_debtors\.criteria\[0\]\.conditions\[1\]\.in\[5\]: "refuses_mediation" is not a value of circumstances/,
        ),
        expect.stringMatching(
          /^list-types\/a_grade_taxpayers\.yaml:\d+: list-types\.a_grade_taxpayers\.criteria\[0\]\.recordType: unknown record type "tax_grade"$/,
        ),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('reports a period key that is not a value, a duration that does not parse, and an unknown escalation target', async () => {
    const sut = await broken();
    await sut.edit(DISHONEST, (t) =>
      t
        .replace(
          'able_but_refuses: { kind: until_performed }',
          'able_refuses: { kind: until_performed }',
        )
        .replace(
          'extensions: { min: P1Y, max: P3Y, times: 1 }',
          'extensions: { min: P1Y, max: 3 years, times: 1 }',
        ),
    );
    await sut.edit(ABNORMAL, (t) =>
      t.replace('to: serious_market_violations', 'to: serious_violations'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map((p) => `${p.file} ${p.path}`).sort()).toEqual([
      `${ABNORMAL} list-types.abnormal_operations.escalation.to`,
      `${DISHONEST} list-types.dishonest_judgment_debtors.extensions.max`,
    ]);
    // the schema failed first, so the period key is checked once the duration is fixed
    await sut.edit(DISHONEST, (t) => t.replace('max: 3 years', 'max: P3Y'));
    const again = await validateCatalogDir(sut.dir);
    expect(again.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'list-types.dishonest_judgment_debtors.periodByField.periods.able_refuses',
        'list-types.abnormal_operations.escalation.to',
      ]),
    );
  });

  it('reports a list type without a legal basis and a decided blacklist without notice', async () => {
    const sut = await broken();
    await sut.edit('list-types/wage_arrears_dishonest.yaml', (t) =>
      t
        .replace(/legalBasis:\n( {2}- title: .*\n( {4}provision: .*\n)?)+/, 'legalBasis: []\n')
        .replace('noticeWorkingDays: 5', 'noticeWorkingDays: 0'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'list-types/wage_arrears_dishonest.yaml',
        path: 'list-types.wage_arrears_dishonest.legalBasis',
        message: expect.stringContaining('adverse and needs a legal basis'),
      }),
      expect.objectContaining({
        path: 'list-types.wage_arrears_dishonest.noticeWorkingDays',
      }),
    ]);
  });

  it('reports roles that cannot be reached on lists, bars and measures', async () => {
    const sut = await broken();
    await sut.edit(DISHONEST, (t) =>
      t.replace(
        'reaches: [legal_representative, principal, actual_controller]',
        'reaches: [legal_representative, subject, spouse]',
      ),
    );
    await sut.edit(ABNORMAL, (t) =>
      t.replace('roles: [legal_representative, principal]', 'roles: [director]'),
    );
    await sut.edit(PROCUREMENT, (t) =>
      t.replace('reaches: [subject]', 'reaches: [subject, relatives]'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'list-types.abnormal_operations.escalation.bars.roles[0]',
      'list-types.dishonest_judgment_debtors.reaches[1]',
      'list-types.dishonest_judgment_debtors.reaches[2]',
      'measures.procurement_ban.reaches[1]',
    ]);
  });

  it('reports a bar on an unknown list or on a list that records designate, and criteria on a bar list', async () => {
    const sut = await broken();
    await sut.edit(ABNORMAL, (t) => t.replace('list: representation_bar', 'list: bar'));
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /abnormal_operations\.escalation\.bars\.list: unknown list type "bar"$/,
      ),
    ]);
    await sut.edit(ABNORMAL, (t) => t.replace('list: bar', 'list: serious_market_violations'));
    await sut.edit('list-types/representation_bar.yaml', (t) =>
      t.replace('criteria: []', 'criteria: [{ recordType: admin_penalty }]'),
    );
    const again = await validateCatalogDir(sut.dir);
    expect(again.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /abnormal_operations\.escalation\.bars\.list: serious_market_violations is designated decided; a bar goes on a list designated by escalation$/,
      ),
      expect.stringMatching(
        /representation_bar\.criteria: a list designated by escalation takes no criteria/,
      ),
    ]);
  });

  it('reports a measure on an unknown list, in an unknown domain, with a malformed action code', async () => {
    const sut = await broken();
    await sut.edit(PROCUREMENT, (t) =>
      t
        .replace('lists: [dishonest_judgment_debtors,', 'lists: [debtors,')
        .replace('implementingDomain: procurement', 'implementingDomain: treasury'),
    );
    await sut.edit('measures/bond_issuance_review.yaml', (t) =>
      t.replace('actions: [bond.issue]', 'actions: [bond issue]'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map(formatProblem)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^measures\/procurement_ban\.yaml:\d+: measures\.procurement_ban\.lists\[0\]: unknown list type "debtors"$/,
        ),
        expect.stringMatching(
          /measures\.procurement_ban\.implementingDomain: unknown domain "treasury"/,
        ),
        expect.stringMatching(
          /^measures\/bond_issuance_review\.yaml:\d+: measures\.bond_issuance_review\.actions\[0\]: an action code is area\.action/,
        ),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('reports a restriction without a legal basis, or citing no provision (SPEC 4.5)', async () => {
    const sut = await broken();
    const strip = (t: string) =>
      t.replace(/legalBasis:\n( {2}- title: .*\n( {4}provision: .*\n)?)+/, 'legalBasis: []\n');
    await sut.edit('measures/consumption_travel.yaml', strip);
    await sut.edit(PROCUREMENT, (t) => t.replace(/\n {4}provision: .*/g, ''));
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'measures.consumption_travel.legalBasis',
        message: expect.stringContaining('restriction of a right needs an explicit legal basis'),
      }),
      expect.objectContaining({
        path: 'measures.procurement_ban.legalBasis',
        message: expect.stringContaining('cites the provision'),
      }),
    ]);
  });

  it('reports an incentive on a blacklist and a restriction answering fast_track', async () => {
    const sut = await broken();
    await sut.edit('measures/redlist_fast_track.yaml', (t) =>
      t.replace(
        'lists: [a_grade_taxpayers, commended_subjects]',
        'lists: [a_grade_taxpayers, major_tax_violations]',
      ),
    );
    await sut.edit('measures/subsidy_restriction.yaml', (t) =>
      t.replace('effect: review', 'effect: fast_track'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'measures.redlist_fast_track.lists[1]',
      'measures.subsidy_restriction.effect',
    ]);
  });

  it('reports an id that differs from its file name and unknown keys', async () => {
    const sut = await broken();
    await sut.edit(PROCUREMENT, (t) => t.replace('id: procurement_ban', 'id: procurement_bans'));
    await sut.edit('list-types/commended_subjects.yaml', (t) => `${t}surveillance: true\n`);
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^list-types\/commended_subjects\.yaml:\d+: list-types\.commended_subjects\.surveillance: unknown key "surveillance"$/,
      ),
      expect.stringMatching(
        /measures\.procurement_ban\.id: the id "procurement_bans" differs from the file name/,
      ),
    ]);
  });

  it('does not cascade: measures on a broken list are not reported again', async () => {
    const sut = await broken();
    await sut.write(DISHONEST, 'id: dishonest_judgment_debtors\ncolour: [\n');
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.every((p) => p.file === DISHONEST)).toBe(true);
    expect(problems[0]?.message).toMatch(/^YAML syntax/);
  });

  it('reads a catalog without list types or measures as one with none', async () => {
    const sut = await broken();
    await rm(`${sut.dir}/list-types`, { recursive: true });
    await rm(`${sut.dir}/measures`, { recursive: true });
    // objection rules name list types too: without lists, the court list's rule goes
    await sut.edit('objections.yaml', (t) =>
      t.replace('    listTypes: [dishonest_judgment_debtors, consumption_restriction]\n', ''),
    );
    // so do repair rules: without lists, each rule keeps only its record types
    await sut.edit('repair.yaml', (t) => t.replace(/^ {6}listTypes: .*\n/gm, ''));
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([]);
    expect(catalog?.listTypes.size).toBe(0);
    expect(catalog?.measures.size).toBe(0);
  });
});
