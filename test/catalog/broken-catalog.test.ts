import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem, loadCatalog, validateCatalogDir } from '../../src/catalog/load.js';
import { CredenceError } from '../../src/errors.js';
import { copyDefaultCatalog } from './fixtures.js';

type Copy = Awaited<ReturnType<typeof copyDefaultCatalog>>;
let copy: Copy | null = null;
const broken = async () => (copy = await copyDefaultCatalog());
afterEach(async () => {
  await copy?.remove();
  copy = null;
});

const PENALTY = 'record-types/admin_penalty.yaml';

describe('validateCatalogDir on a broken catalog', () => {
  it('reports a YAML syntax error with its file and line', async () => {
    const sut = await broken();
    await sut.write(
      'domains.yaml',
      'domains:\n  - id: judicial\n    name: { zh: 司法, en: [Courts }\n',
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'domains.yaml',
        line: 3,
        message: expect.stringMatching(/^YAML syntax/),
      }),
    );
  });

  it('does not cascade: a broken domains file does not make every type name an unknown domain', async () => {
    const sut = await broken();
    await sut.write('domains.yaml', 'domains: [\n');
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.every((p) => p.file === 'domains.yaml')).toBe(true);
  });

  it('reports an unknown domain with the path to it', async () => {
    const sut = await broken();
    await sut.edit('record-types/court_enforcement.yaml', (t) =>
      t.replace('domains: [judicial]', 'domains: [judicial, courts]'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'record-types/court_enforcement.yaml',
        path: 'record-types.court_enforcement.domains[1]',
        message: expect.stringContaining('unknown domain "courts"'),
      }),
    ]);
  });

  it('refuses an enum value without its words in Chinese and English, naming file and path', async () => {
    const sut = await broken();
    await sut.edit('record-types/court_enforcement.yaml', (t) =>
      t.replace(/ {6}"none": \{ zh: .*\n/, ''),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'record-types/court_enforcement.yaml',
        path: expect.stringMatching(
          /^record-types\.court_enforcement\.fields\[\d+\]\.valueLabels\.none$/,
        ),
        message: 'value "none" has no label in zh and en',
      }),
    ]);
  });

  it('refuses a provision note in English only, naming file and path (issue 18)', async () => {
    const sut = await broken();
    await sut.edit('list-types/dishonest_judgment_debtors.yaml', (t) =>
      t.replace(/provision: \{ zh: "第一条（六种失信情形）", en: ("[^"]+") \}/, 'provision: $1'),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'list-types/dishonest_judgment_debtors.yaml',
        path: 'list-types.dishonest_judgment_debtors.legalBasis[0].provision',
        message: 'give the text in Chinese and English: { zh: …, en: … }',
      }),
    ]);
  });

  it('refuses a note, description, removal condition or rule basis without its Chinese or English text', async () => {
    const sut = await broken();
    await sut.edit('measures/consumption_travel.yaml', (t) =>
      t.replace('provision: { zh: "第三条第（六）项 旅游、度假", en:', 'provision: { en:'),
    );
    await sut.edit('record-types/commendation.yaml', (t) =>
      t.replace(/ {2}en: >-\n {4}An honour .*\n/, ''),
    );
    await sut.edit('list-types/wage_arrears_dishonest.yaml', (t) =>
      t.replace(/conditions:\n {4}zh: >-\n {6}.*\n/, 'conditions:\n'),
    );
    await sut.edit('rating-models/city_personal_score.yaml', (t) =>
      t.replace(/(id: sued_in_breach\n.*\n {4}basis: \{ )zh: "[^"]+", /, '$1'),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'measures/consumption_travel.yaml',
          path: 'measures.consumption_travel.legalBasis[0].provision.zh',
          message: 'has no Chinese text (zh)',
        }),
        expect.objectContaining({
          file: 'record-types/commendation.yaml',
          path: 'record-types.commendation.description.en',
          message: 'has no English text (en)',
        }),
        expect.objectContaining({
          file: 'list-types/wage_arrears_dishonest.yaml',
          path: 'list-types.wage_arrears_dishonest.earlyRemoval.conditions.zh',
          message: 'has no Chinese text (zh)',
        }),
        expect.objectContaining({
          file: 'rating-models/city_personal_score.yaml',
          path: 'rating-models.city_personal_score.rules[0].basis.zh',
          message: 'rule "sued_in_breach": has no Chinese text (zh)',
        }),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('reports an adverse type without a legal basis', async () => {
    const sut = await broken();
    await sut.edit('record-types/wage_arrears.yaml', (t) =>
      t.replace(/legalBasis:\n( {2}- title: .*\n( {4}provision: .*\n)?)+/, 'legalBasis: []\n'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'record-types/wage_arrears.yaml',
        path: 'record-types.wage_arrears.legalBasis',
        message: expect.stringContaining('adverse record type needs a legal basis'),
      }),
    ]);
  });

  it('reports a duration that does not parse, with its line', async () => {
    const sut = await broken();
    await sut.edit(PENALTY, (t) =>
      t.replace(
        'general: { window: P1Y, repairAfter: P3M }',
        'general: { window: 1 year, repairAfter: P3M }',
      ),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      path: 'record-types.admin_penalty.publication.tiers.general.window',
      message: expect.stringContaining('"1 year" is not an ISO 8601 duration'),
    });
    expect(problems[0]?.line).toBeGreaterThan(10);
  });

  it('reports a duplicate record type id', async () => {
    const sut = await broken();
    await sut.write('record-types/admin_penalty_copy.yaml', await sut.read(PENALTY));
    const { problems } = await validateCatalogDir(sut.dir);
    const messages = problems
      .filter((p) => p.file === 'record-types/admin_penalty_copy.yaml')
      .map((p) => p.message);
    expect(messages).toContain('duplicate record type id "admin_penalty"');
  });

  it('reports duplicate domain ids', async () => {
    const sut = await broken();
    let appended = -1;
    await sut.edit('domains.yaml', (t) => {
      appended = t.split('\n').filter((line) => line.startsWith('  - id:')).length;
      return `${t}  - id: tax\n    name: { zh: 税务, en: Tax again }\n`;
    });
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'domains.yaml',
        path: `domains[${appended}].id`,
        message: 'duplicate domain id "tax"',
      }),
    ]);
  });

  it('reports enum fields without values, rules naming missing fields, and tiers outside the severities', async () => {
    const sut = await broken();
    await sut.edit('record-types/tax_rating.yaml', (t) =>
      t.replace('values: [A, B, M, C, D]', 'values: []').replace('field: grade', 'field: level'),
    );
    await sut.edit(PENALTY, (t) =>
      t.replace(
        'serious: { window: P3Y, repairAfter: P1Y }',
        'grave: { window: P3Y, repairAfter: P1Y }',
      ),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    const lines = problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^record-types\/tax_rating\.yaml:\d+: record-types\.tax_rating\.fields\[1\]\.values: an enum field needs a non-empty list of values$/,
        ),
        expect.stringMatching(/tax_rating\.publication\.field: no field "level" in tax_rating$/),
        expect.stringMatching(
          /admin_penalty\.publication\.tiers\.grave: tier "grave" is not one of the severities/,
        ),
        expect.stringMatching(/admin_penalty\.publication\.tiers: severity "serious" has no tier/),
        expect.stringMatching(
          /admin_penalty\.publication\.classTiers\.licence_revocation: tier "serious" is not a tier of this rule/,
        ),
      ]),
    );
  });

  it('reports every problem at once, across files', async () => {
    const sut = await broken();
    await sut.edit('catalog.yaml', (t) => t.replace(/version: "(\d+\.\d+)"/, 'version: $1'));
    await sut.edit('purposes.yaml', (t) =>
      t.replace('recordTypes: [loan_default]', 'recordTypes: [loan_default, credit_score]'),
    );
    await sut.edit('record-types/loan_default.yaml', (t) =>
      t.replace('retention: { afterEnd: P5Y }\n', '').replace('type: money', 'type: currency'),
    );
    await sut.edit('record-types/commendation.yaml', (t) =>
      t.replace('adverse: false', 'adverse: false\ncolour: red'),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual(
      expect.arrayContaining([
        'catalog.yaml version',
        'purposes.yaml purposes[1].recordTypes[1]',
        'record-types/loan_default.yaml record-types.loan_default.fields[2].type',
        'record-types/commendation.yaml record-types.commendation.colour',
      ]),
    );
    expect(problems.find((p) => p.file === 'catalog.yaml')?.message).toMatch(/quote it/);
  });

  it('reports objection rules naming unknown types, a type twice, a second default or no count of days', async () => {
    const sut = await broken();
    await sut.edit('objections.yaml', (t) =>
      t
        .replace(
          'recordTypes: [loan_default, bill_overdue]',
          'recordTypes: [loan_default, horoscope]',
        )
        .replace(
          'listTypes: [dishonest_judgment_debtors, consumption_restriction]',
          'listTypes: [dishonest_judgment_debtors]\n    default: true\n    recordTypes: [loan_default]',
        )
        .replace('answer: { days: 20 }', 'answer: { days: 20, workingDays: 3 }'),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^objections\[0\]\.answer: .*exactly one/)]),
    );
    await sut.edit('objections.yaml', (t) =>
      t.replace('answer: { days: 20, workingDays: 3 }', 'answer: { days: 20 }'),
    );
    const second = await validateCatalogDir(sut.dir);
    expect(second.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'objections[0].recordTypes[1]: "horoscope" is not a record type of the catalog',
      'objections[1].recordTypes[0]: "loan_default" has a rule already',
      'objections: exactly one rule is the default, not 2',
    ]);
  });

  it('reports repair rules naming a type with nothing to repair, an obligation twice or no default', async () => {
    const sut = await broken();
    await sut.edit('repair.yaml', (t) =>
      t
        .replace('recordTypes: [admin_penalty,', 'recordTypes: [tax_violation, admin_penalty,')
        .replace('listTypes: [wage_arrears_dishonest]', 'listTypes: [major_tax_violations]')
        .replace(
          '        - id: wages_paid\n',
          '        - id: wages_paid\n          name: { zh: 甲, en: a }\n        - id: wages_paid\n',
        )
        .replace('      default: true\n', ''),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'repair.rules[0].recordTypes[0]: record type "tax_violation" has no repairAfter: nothing to repair',
      'repair.rules[1].listTypes[0]: list type "major_tax_violations" has no early removal',
      'repair.rules: exactly one rule is the default, not 0',
      'repair.rules[1].obligations[1].id: duplicate obligation "wages_paid"',
    ]);
  });

  it('reports a restricted adverse type without retention', async () => {
    const sut = await broken();
    await sut.edit('record-types/bill_overdue.yaml', (t) =>
      t.replace('retention: { afterEnd: P5Y }\n', ''),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems).toEqual([
      expect.objectContaining({ path: 'record-types.bill_overdue.retention' }),
    ]);
  });

  it('reports a class tier naming an unknown class and a repair period longer than its window', async () => {
    const sut = await broken();
    await sut.edit(PENALTY, (t) =>
      t
        .replace('    other: minor\n', '    other: minor\n    flogging: serious\n')
        .replace('repairAfter: P3M', 'repairAfter: P2Y'),
    );
    const { problems } = await validateCatalogDir(sut.dir);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'record-types.admin_penalty.publication.classTiers.flogging',
      'record-types.admin_penalty.publication.tiers.general.repairAfter',
    ]);
  });

  it('reports a purpose that serves an unknown domain, states no jurisdiction, or asks a subject for consent', async () => {
    const sut = await broken();
    await sut.edit('purposes.yaml', (t) =>
      t
        .replace('domains: [finance]', 'domains: [finance, banking]')
        .replace('    jurisdiction: own\n', '')
        .replace(/(id: subject_own[\s\S]*?jurisdiction: national)/, '$1\n    consent: true'),
    );
    const { catalog, problems } = await validateCatalogDir(sut.dir);
    expect(catalog).toBeNull();
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual(
      expect.arrayContaining(['purposes.yaml purposes[3].jurisdiction']),
    );
    // the file fails its schema first; fixed, the cross-checks speak
    await sut.edit('purposes.yaml', (t) =>
      t.replace(/(id: supervision[\s\S]*?domains: any)/, '$1\n    jurisdiction: own'),
    );
    const again = await validateCatalogDir(sut.dir);
    expect(again.problems.map((p) => `${p.file} ${p.path}: ${p.message}`)).toEqual([
      'purposes.yaml purposes[0].domains[1]: unknown domain "banking"',
      'purposes.yaml purposes[4].consent: a subject reading its own file needs no consent of its own',
    ]);
  });

  it('reports a missing file and a missing directory', async () => {
    const sut = await broken();
    await rm(`${sut.dir}/purposes.yaml`);
    expect((await validateCatalogDir(sut.dir)).problems).toEqual([
      expect.objectContaining({
        file: 'purposes.yaml',
        message: expect.stringContaining('missing'),
      }),
    ]);
    expect((await validateCatalogDir(`${sut.dir}/nowhere`)).problems).toHaveLength(1);
  });
});

describe('loadCatalog', () => {
  it('throws CATALOG_INVALID carrying every problem', async () => {
    const sut = await broken();
    await sut.edit('record-types/court_enforcement.yaml', (t) =>
      t.replace('domains: [judicial]', 'domains: [courts]'),
    );
    await sut.edit('record-types/tax_violation.yaml', (t) =>
      t.replace('window: P3Y', 'window: three years'),
    );
    const error = await loadCatalog(sut.dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredenceError);
    expect(error).toMatchObject({
      code: 'CATALOG_INVALID',
      detail: { problems: expect.any(Array) },
    });
    expect((error as CredenceError).detail.problems).toHaveLength(2);
  });

  it('throws CATALOG_NOT_FOUND for a directory that does not exist', async () => {
    await expect(loadCatalog('/nonexistent/catalog')).rejects.toMatchObject({
      code: 'CATALOG_NOT_FOUND',
    });
  });
});
