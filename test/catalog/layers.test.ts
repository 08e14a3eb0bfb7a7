import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import { appliesInRegion } from '../../src/domain/catalog-layers.js';
import { assertSubjectInScope, regionInScope } from '../../src/services/inquiries/purpose-scope.js';
import { copyLayeredCatalog, problemsOf } from './fixtures.js';

/** Regional catalog layers (issue 22): loading, merging, and the rules a layer keeps. */

let copy: Awaited<ReturnType<typeof copyLayeredCatalog>> | null = null;
afterEach(async () => {
  await copy?.remove();
  copy = null;
});

describe('regional catalog layers', () => {
  it('merges the Shandong and Rongcheng layers over the national catalog, each item tagged with its layer', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR);
    expect([...sut.layers.values()].map((l) => [l.region, l.prefix, l.name.zh])).toEqual([
      ['370000', '37', '山东省规则'],
      ['371082', '371082', '荣成市规则'],
    ]);
    expect(sut.listTypes.get('sd_social_insurance_serious_arrears')?.layer?.name).toEqual({
      zh: '山东省规则',
      en: 'Shandong province rules',
    });
    expect(sut.ratingModels.get('rongcheng_personal_points')?.layer?.prefix).toBe('371082');
    expect(sut.recordTypes.get('admin_penalty')?.layer).toBeUndefined();
  });

  it('loads the national catalog alone when asked: no layer, no layer item', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR, { layers: false });
    expect(sut.layers.size).toBe(0);
    expect(sut.ratingModels.has('rongcheng_personal_points')).toBe(false);
    expect([...sut.recordTypes.values()].every((t) => !t.layer)).toBe(true);
  });

  it('applies a layer item to subjects whose region falls under its prefix: county under city under province', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR);
    const province = sut.listTypes.get('sd_social_insurance_serious_arrears')!;
    const city = sut.ratingModels.get('rongcheng_personal_points')!;
    expect(appliesInRegion(province, '371082')).toBe(true);
    expect(appliesInRegion(province, '370102')).toBe(true);
    expect(appliesInRegion(province, '320505')).toBe(false);
    expect(appliesInRegion(city, '371082')).toBe(true);
    expect(appliesInRegion(city, '371002')).toBe(false);
    expect(appliesInRegion(city, null)).toBe(false);
  });

  it("reads under a layer's purpose only subjects in its region", () => {
    const layer = {
      region: '371082',
      prefix: '371082',
      name: { zh: '荣成市规则', en: 'Rongcheng city rules' },
    };
    const sut = { authority: null, jurisdiction: 'national' as const, layer };
    expect(regionInScope(sut, '371082')).toBe(true);
    expect(regionInScope(sut, '110105')).toBe(false);
    expect(() => assertSubjectInScope(sut, '110105')).toThrow(
      expect.objectContaining({ code: 'PURPOSE_OUT_OF_SCOPE' }),
    );
    expect(regionInScope({ authority: null, jurisdiction: 'national' }, '110105')).toBe(true);
  });

  it('refuses a layer list with a shorter notice period than the national lists, naming the rule, file and line', async () => {
    copy = await copyLayeredCatalog();
    await copy.edit('../370000/list-types/sd_social_insurance_serious_arrears.yaml', (t) =>
      t.replace('noticeWorkingDays: 5', 'noticeWorkingDays: 1'),
    );
    const sut = await problemsOf(copy.dir);
    expect(sut).toEqual([
      expect.stringMatching(
        /^\.\.\/370000\/list-types\/sd_social_insurance_serious_arrears\.yaml:2\d: list-types\.sd_social_insurance_serious_arrears\.noticeWorkingDays: rule "no shorter notice": 1 working days is shorter than .* \(3 working days\)$/,
      ),
    ]);
  });

  it('refuses a layer record type published longer than any national one, and a list period longer than any national one', async () => {
    copy = await copyLayeredCatalog();
    await copy.edit('../370000/record-types/sd_social_insurance_arrears.yaml', (t) =>
      t.replace('window: P3Y, repairAfter: P1Y', 'window: P6Y, repairAfter: P1Y'),
    );
    await copy.edit('../370000/list-types/sd_social_insurance_serious_arrears.yaml', (t) =>
      t.replace('duration: P3Y', 'duration: P10Y'),
    );
    const sut = await problemsOf(copy.dir);
    expect(sut).toEqual([
      expect.stringMatching(
        /sd_social_insurance_arrears\.yaml:\d+: record-types\.sd_social_insurance_arrears\.publication\.window: rule "no longer publication": the window P6Y is longer than the national catalog's longest \(P3Y\)$/,
      ),
      expect.stringMatching(
        /sd_social_insurance_serious_arrears\.yaml:\d+: .*period\.duration: rule "no longer publication": the period P10Y is longer/,
      ),
    ]);
  });

  it('refuses a layer measure outside the national basic list of punishment measures', async () => {
    copy = await copyLayeredCatalog();
    await copy.edit('../370000/measures/sd_social_insurance_procurement_review.yaml', (t) =>
      t.replace('actions: [procurement.bid]', 'actions: [procurement.bid, school.enrolment]'),
    );
    const sut = await problemsOf(copy.dir);
    expect(sut).toEqual([
      expect.stringMatching(
        /sd_social_insurance_procurement_review\.yaml:\d+: measures\.sd_social_insurance_procurement_review\.actions\[1\]: rule "basic list of measures": no national measure governs "school\.enrolment"/,
      ),
    ]);
  });

  it('refuses a layer that redefines a national item, and a layer list resting on a national record type', async () => {
    copy = await copyLayeredCatalog();
    const national = await copy.read('record-types/commendation.yaml');
    await copy.write('../370000/record-types/commendation.yaml', national);
    await copy.edit('../370000/list-types/sd_social_insurance_serious_arrears.yaml', (t) =>
      t.replace(
        '  - recordType: sd_social_insurance_arrears\n',
        '  - recordType: wage_arrears\n    conditions: []\n  - recordType: sd_social_insurance_arrears\n',
      ),
    );
    const sut = await problemsOf(copy.dir);
    expect(sut).toEqual([
      expect.stringMatching(
        /^\.\.\/370000\/record-types\/commendation\.yaml:1: record-types\.commendation\.id: rule "no redefinition": the national catalog already has the record type "commendation"/,
      ),
      expect.stringMatching(
        /sd_social_insurance_serious_arrears\.yaml:\d+: .*criteria\[0\]\.recordType: rule "local basis"/,
      ),
    ]);
  });

  it("refuses a layer whose prefix does not govern its directory's division", async () => {
    copy = await copyLayeredCatalog();
    await copy.edit('../371082/catalog.yaml', (t) =>
      t.replace('prefix: "371082"', 'prefix: "3710"'),
    );
    const sut = await problemsOf(copy.dir);
    expect(sut).toEqual([
      expect.stringMatching(
        /^\.\.\/371082\/catalog\.yaml:\d+: prefix: the prefix "3710" does not govern/,
      ),
    ]);
  });
});
