import { describe, expect, it } from 'vitest';
import { loadCatalog, validateCatalogDir } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';

/** these tests are about the national catalog: the regional layers have tests of their own */
const NATIONAL_ONLY = { layers: false };

const SPEC_TYPES = [
  'admin_licence',
  'admin_penalty',
  'court_enforcement',
  'tax_violation',
  'tax_rating',
  'wage_arrears',
  'loan_default',
  'bill_overdue',
  'annual_report_missing',
  'commendation',
  'credit_commitment',
];
// the sectors of issue 23: food safety, intellectual property, securities
const SECTOR_TYPES = [
  'food_safety_penalty',
  'patent_application_abnormal',
  'trademark_malicious_application',
  'ip_decision_refused',
  'ip_agency_violation',
  'securities_penalty',
  'securities_market_ban',
];
// issue 18: a broken commitment is a record the catalog weighs
const COMMITMENT_TYPES = ['commitment_broken'];

describe('the default catalog', () => {
  it('validates with no problems', async () => {
    const { catalog, problems } = await validateCatalogDir(DEFAULT_CATALOG_DIR);
    expect(problems).toEqual([]);
    expect(catalog?.id).toBe('cn-default');
    expect(catalog?.version).toMatch(/^\d{4}\.\d+$/);
  });

  it('has the eleven record types of SPEC 4.3 and the sector types, each with a legal basis and bilingual names', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
    expect([...sut.recordTypes.keys()].sort()).toEqual(
      [...SPEC_TYPES, ...SECTOR_TYPES, ...COMMITMENT_TYPES].sort(),
    );
    for (const type of sut.recordTypes.values()) {
      expect(type.legalBasis.length, type.id).toBeGreaterThan(0);
      expect(
        type.legalBasis.every((b) => b.title.trim() !== ''),
        type.id,
      ).toBe(true);
      expect(type.name.zh && type.name.en, type.id).toBeTruthy();
    }
  });

  it('gives every adverse type an end: a window, a list, or retention', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
    for (const type of sut.recordTypes.values()) {
      if (!type.adverse) continue;
      expect(type.publication.kind, type.id).not.toBe('always');
      if (type.disclosure === 'restricted') expect(type.retention?.afterEnd, type.id).toBe('P5Y');
    }
  });

  it('restricts courts, utilities and telecom to their own types', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
    expect(sut.recordTypes.get('court_enforcement')?.domains).toEqual(['judicial']);
    expect(sut.recordTypes.get('bill_overdue')?.domains).toEqual(['utilities', 'telecom']);
    expect(sut.recordTypes.get('admin_penalty')?.domains).toEqual(['any']);
    expect(sut.recordTypes.get('loan_default')?.disclosure).toBe('restricted');
  });

  it('lists the inquiry purposes of SPEC 4.8, each reading only restricted types', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
    expect([...sut.purposes.keys()]).toEqual([
      'loan_approval',
      'employment_consent',
      'procurement_check',
      'supervision',
      'subject_own',
    ]);
    // each states whom it serves and where; the law conditions loan approval and employment on consent
    expect(
      [...sut.purposes.values()].map(
        (p) => `${p.id} ${String(p.domains)} ${p.jurisdiction}${p.consent ? ' consent' : ''}`,
      ),
    ).toEqual([
      'loan_approval finance national consent',
      'employment_consent any national consent',
      'procurement_check any national',
      'supervision any own',
      'subject_own any national',
    ]);
    for (const purpose of sut.purposes.values()) {
      expect(purpose.legalBasis.length).toBeGreaterThan(0);
      for (const id of purpose.recordTypes)
        expect(sut.recordTypes.get(id)?.disclosure).toBe('restricted');
    }
  });

  it('holds no surveillance-type fields (SPEC 2.8)', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR, NATIONAL_ONLY);
    const banned =
      /biometric|fingerprint|face|location|gps|phone_call|message|social|religio|belief|politic|speech/;
    for (const type of sut.recordTypes.values()) {
      for (const field of type.fields)
        expect(field.name, `${type.id}.${field.name}`).not.toMatch(banned);
    }
  });
});
