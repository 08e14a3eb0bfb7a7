import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { Catalog } from '../../src/domain/catalog.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import {
  publicView,
  publicViewJson,
  viewStamp,
} from '../../src/services/disclosure/public-view.service.js';
import { checkAction } from '../../src/services/lists/check.service.js';
import { rerateSubject } from '../../src/services/ratings/rate.service.js';
import { latestRatings } from '../../src/services/ratings/subject-ratings.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import { subjectKey } from '../../src/services/subjects/subjects.service.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import { BACKENDS } from '../support/backends.js';
import { courtRecord, listThroughDecision } from '../support/lists.js';
import { BEIJING_FIRM, NATIONAL_COURT, penalty, registryPerTest } from '../support/registry.js';

/**
 * Regional catalog layers at work (issue 22): the same subjects under the national catalog alone
 * and with the Shandong (37) and Rongcheng (371082) layers.
 */

const RONGCHENG_CIVIL_AFFAIRS = makeUscc('11371082', 'MB00RC01');
const WEIHAI_CIVIL_AFFAIRS = makeUscc('11371000', 'MB00WH01');
const SHANDONG_LABOUR = makeUscc('11370000', 'MB00DL01');
const RONGCHENG_PERSON = makeRic('371082', '1980-05-04', 11);
const BEIJING_PERSON = makeRic('110105', '1981-02-03', 13);
const JINAN_FIRM = makeUscc('91370102', 'MA00DF01');

const LAYERS = {
  shandong: { region: '370000', name: { zh: '山东省规则', en: 'Shandong province rules' } },
};

let layered: Catalog;
let national: Catalog;
beforeAll(async () => {
  layered = await loadCatalog(DEFAULT_CATALOG_DIR);
  national = await loadCatalog(DEFAULT_CATALOG_DIR, { layers: false });
});

const under = (deps: ServiceDeps, catalog: Catalog): ServiceDeps => ({ ...deps, catalog });

async function registerRegionalAuthorities(deps: ServiceDeps) {
  const authorities = [
    { id: RONGCHENG_CIVIL_AFFAIRS, name: '荣成市民政局', regions: ['371082'] },
    { id: WEIHAI_CIVIL_AFFAIRS, name: '威海市民政局', regions: ['371000'] },
  ];
  for (const a of authorities)
    await registerAuthority(deps, { ...a, domains: ['civil_affairs'] }, 'operator');
  await registerAuthority(
    deps,
    {
      id: SHANDONG_LABOUR,
      name: '山东省人力资源和社会保障厅',
      domains: ['labour'],
      regions: ['370000'],
    },
    'operator',
  );
}

function honour(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: RONGCHENG_PERSON,
    subject_name: '李四',
    type: 'rc_civic_honour',
    authority: RONGCHENG_CIVIL_AFFAIRS,
    source_ref: 'RC-H-1',
    legal_basis: '荣成市诚信荣誉表彰决定',
    decision_date: '2026-04-01',
    deed: 'heroic_act',
    honour: '见义勇为先进个人',
    ...overrides,
  };
}

function arrears(overrides: SubmissionInput = {}): SubmissionInput {
  return {
    subject_identifier: JINAN_FIRM,
    subject_name: '济南某某建筑有限公司',
    type: 'sd_social_insurance_arrears',
    authority: SHANDONG_LABOUR,
    source_ref: 'SD-SI-1',
    legal_basis: '中华人民共和国社会保险法 第八十六条',
    decision_date: '2026-03-02',
    amount: '250000.00',
    employees_affected: '40',
    paid: 'unpaid',
    ...overrides,
  };
}

describe.each(BACKENDS)('regional catalog layers on $name', (backend) => {
  const sut = registryPerTest(backend, registerRegionalAuthorities);

  it('rates a Rongcheng person by the Rongcheng points model only with the layers, naming the layer', async () => {
    const court = courtRecord({ subject_identifier: RONGCHENG_PERSON, subject_name: '李四' });
    const { subjectId } = await submitRecord(under(sut(), national), court, 'furnisher');
    const alone = await rerateSubject(under(sut(), national), subjectId);
    expect(alone.map((r) => r.modelId)).toEqual(['city_personal_score']);

    await submitRecord(sut(), honour(), 'furnisher');
    const withLayers = await rerateSubject(sut(), subjectId);
    // hand-computed: 1000 start, -50 the court finding, +30 the heroic act = 980, grade A
    expect(withLayers.find((r) => r.modelId === 'rongcheng_personal_points')).toMatchObject({
      score: 980,
      grade: 'A',
    });
    const latest = await latestRatings(sut(), subjectId);
    expect(latest.find((r) => r.rating.modelId === 'rongcheng_personal_points')?.layer).toEqual({
      region: '371082',
      name: { zh: '荣成市规则', en: 'Rongcheng city rules' },
    });
    expect(latest.find((r) => r.rating.modelId === 'city_personal_score')?.layer).toBeNull();
  });

  it('does not rate a person outside Rongcheng by its model', async () => {
    const court = courtRecord({ subject_identifier: BEIJING_PERSON, subject_name: '王五' });
    const { subjectId } = await submitRecord(sut(), court, 'furnisher');
    const rated = await rerateSubject(sut(), subjectId);
    expect(rated.map((r) => r.modelId)).toEqual(['city_personal_score']);
  });

  it("accepts a layer's record type only from an authority of its region about a subject in it", async () => {
    await expect(submitRecord(under(sut(), national), honour(), 'x')).rejects.toMatchObject({
      code: 'RECORD_TYPE_UNKNOWN',
    });
    // a national authority covers Rongcheng, but is no authority of Rongcheng
    await expect(
      submitRecord(sut(), honour({ authority: NATIONAL_COURT }), 'x'),
    ).rejects.toMatchObject({ code: 'RECORD_TYPE_OUTSIDE_LAYER', field: 'type' });
    await expect(
      submitRecord(sut(), honour({ authority: WEIHAI_CIVIL_AFFAIRS }), 'x'),
    ).rejects.toMatchObject({ code: 'RECORD_TYPE_OUTSIDE_LAYER', field: 'type' });
    expect((await submitRecord(sut(), honour(), 'x')).status).toBe('created');
  });

  it("lists a Shandong firm on the province's list; the view and the check name the layer", async () => {
    const { entry, decidedOn } = await listThroughDecision(
      sut(),
      arrears(),
      'sd_social_insurance_serious_arrears',
      SHANDONG_LABOUR,
    );
    const that = { ...sut(), clock: { now: () => new Date(`${decidedOn}T10:00:00Z`) } };
    const view = await publicView(that, JINAN_FIRM);
    expect(view.records).toMatchObject([
      { type: 'sd_social_insurance_arrears', layer: LAYERS.shandong },
    ]);
    expect(view.listEntries).toMatchObject([{ entryId: entry.id, layer: LAYERS.shandong }]);
    const check = await checkAction(that, { identifier: JINAN_FIRM, action: 'procurement.bid' });
    expect(check.decision).toBe('review');
    expect(check.reasons).toMatchObject([
      {
        measure: { id: 'sd_social_insurance_procurement_review', layer: LAYERS.shandong },
        entry: { id: entry.id },
      },
    ]);
  });

  it('a national item is named with a null layer', async () => {
    await submitRecord(sut(), penalty(), 'x');
    const view = await publicView(sut(), BEIJING_FIRM);
    expect(view.records).toMatchObject([{ type: 'admin_penalty', layer: null }]);
  });

  it('a change to a layer invalidates the saved views of subjects in its region only', async () => {
    await submitRecord(sut(), penalty(), 'x');
    await submitRecord(sut(), arrears(), 'x');
    await publicViewJson(sut(), BEIJING_FIRM);
    await publicViewJson(sut(), JINAN_FIRM);
    const saved = (deps: ServiceDeps, id: string) =>
      deps.store.readPublicView(subjectKey(deps, id), viewStamp(deps));
    expect(await saved(sut(), JINAN_FIRM)).not.toBeNull();

    const shandong = layered.layers.get('370000')!;
    const edited: Catalog = {
      ...layered,
      layers: new Map(layered.layers).set('370000', { ...shandong, version: '2026.2' }),
    };
    const after = under(sut(), edited);
    expect(await saved(after, JINAN_FIRM)).toBeNull();
    expect(await saved(after, BEIJING_FIRM)).not.toBeNull();
    // and its view is computed again, and saved, under the edited layer
    await publicViewJson(after, JINAN_FIRM);
    expect(await saved(after, JINAN_FIRM)).not.toBeNull();
  });
});
