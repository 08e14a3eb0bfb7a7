import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.js';
import { makeRic, makeUscc } from '../../src/domain/identifiers/index.js';
import { registerAuthority } from '../../src/services/authorities.service.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import { rerateSubject, runRating } from '../../src/services/ratings/rate.service.js';
import { latestRatings } from '../../src/services/ratings/subject-ratings.service.js';
import { submitRecord } from '../../src/services/records/records.service.js';
import type { SubmissionInput } from '../../src/services/records/submission.js';
import {
  addRelation,
  findSubject,
  registerSubject,
} from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { courtRecord, listThroughDecision, on } from '../support/lists.js';
import { checkAction } from '../../src/services/lists/check.service.js';
import { publicView } from '../../src/services/disclosure/public-view.service.js';
import { renderPublicReportHtml } from '../../src/services/reports/public-report-html.js';
import { NATIONAL_COURT } from '../support/registry.js';
import { registryPerTest } from '../support/registry.js';

/**
 * Ratings of groups (issue 22, rural credit): Rongcheng villages rated from their member
 * households' Rongcheng personal points, a township from its villages. Every expected grade,
 * count and share below is computed by hand from the model files:
 * - rongcheng_personal_points: 1000 to start, a court finding -50, a heroic act +30, volunteer
 *   service +5; A is 960 to 1029, AA 1030 to 1049, B 850 to 959
 * - rongcheng_credit_village: at least 60% of at least 3 member households hold A or above,
 *   rated within P1Y
 * - rongcheng_credit_township: at least 50% of at least 2 member villages are credit villages
 */

const RONGCHENG_CIVIL_AFFAIRS = makeUscc('11371082', 'MB00RC01');
const village = (n: number) => makeUscc('N2371082', `MA0CW00${n}`);
const TOWNSHIP = makeUscc('N3371082', 'MA0CT001');
const household = (n: number) => makeRic('371082', '1970-01-01', 10 + n * 2);
const BEIJING_PERSON = makeRic('110105', '1981-02-03', 13);

async function prepare(deps: ServiceDeps) {
  await registerAuthority(
    deps,
    {
      id: RONGCHENG_CIVIL_AFFAIRS,
      name: '荣成市民政局',
      domains: ['civil_affairs'],
      regions: ['371082'],
    },
    'operator',
  );
}

const honour = (n: number, deed: string): SubmissionInput => ({
  subject_identifier: household(n),
  subject_name: `户主${n}`,
  type: 'rc_civic_honour',
  authority: RONGCHENG_CIVIL_AFFAIRS,
  source_ref: `RC-H-${n}`,
  legal_basis: '荣成市诚信荣誉表彰决定',
  decision_date: '2026-04-01',
  deed,
  honour: '荣誉',
});
const court = (n: number, k = 1): SubmissionInput =>
  courtRecord({
    subject_identifier: household(n),
    subject_name: `户主${n}`,
    source_ref: `C-${n}-${k}`,
  });

describe.each(BACKENDS)('ratings of groups on $name', (backend) => {
  const sut = registryPerTest(backend, prepare);

  const person = async (ric: string, name: string) =>
    registerSubject(sut(), { subject_identifier: ric, subject_name: name }, 'test');
  const org = async (uscc: string, name: string) =>
    registerSubject(sut(), { subject_identifier: uscc, subject_name: name }, 'test');
  const member = (group: string, kind: string, other: string) =>
    addRelation(sut(), { subject: group, kind, other }, 'test');
  const ratingOf = async (identifier: string, modelId: string) => {
    const subject = await findSubject(sut(), identifier);
    return (await latestRatings(sut(), subject.id)).find((r) => r.rating.modelId === modelId);
  };
  const run = (modelId: string) => runRating(sut(), { modelId, actor: 'test' });

  it('rates a village of five households by hand: 3 of 5 hold A or above, exactly the 60% threshold', async () => {
    await org(village(1), '荣成市东山村股份经济合作社');
    // 1: 1000 (A); 2: 1000 + 30 = 1030 (AA); 3: 1000 - 50 = 950 (B); 4: 1000 + 5 = 1005 (A);
    // 5: 1000 - 50 - 50 = 900 (B)
    for (const n of [1, 2, 3, 4, 5]) {
      await person(household(n), `户主${n}`);
      await member(village(1), 'village_household', household(n));
    }
    await submitRecord(sut(), honour(2, 'heroic_act'), 'test');
    await submitRecord(sut(), court(3), 'test');
    await submitRecord(sut(), honour(4, 'volunteer_service'), 'test');
    await submitRecord(sut(), court(5, 1), 'test');
    await submitRecord(sut(), court(5, 2), 'test');
    await run('rongcheng_personal_points');
    const finished = await run('rongcheng_credit_village');
    expect(finished).toMatchObject({ rated: 1, grades: { CreditVillage: 1 } });
    expect(finished.summary.warnings).toEqual([]);

    const sutRating = await ratingOf(village(1), 'rongcheng_credit_village');
    expect(sutRating?.rating).toMatchObject({ grade: 'CreditVillage', score: 60 });
    expect(sutRating?.rating.result).toMatchObject({
      members: 5,
      atOrAbove: 3,
      withoutRating: 0,
      share: 0.6,
      met: true,
    });
    expect(sutRating?.explanation).toEqual([
      'rongcheng_credit_village 2026.1 as of 2026-06-15: CreditVillage (Credit village)',
      '3 of 5 member households (60%) hold A or above under Rongcheng personal credit points; the threshold is 60%, with at least 3 members',
    ]);
    expect(sutRating?.layer).toEqual({
      region: '371082',
      name: { zh: '荣成市规则', en: 'Rongcheng city rules' },
    });
    // nothing of any one member: no id, number, name or grade
    const said = JSON.stringify(sutRating);
    for (const n of [1, 2, 3, 4, 5]) {
      const h = await findSubject(sut(), household(n));
      expect(said).not.toContain(h.id);
      expect(said).not.toContain(household(n));
      expect(said).not.toContain(`户主${n}`);
    }
    expect(said).not.toMatch(/"(AA|B)"/);
  });

  it('rates a township by hand from its villages: 1 of 2 credit villages is the 50% threshold', async () => {
    await org(village(1), '东山村');
    await org(village(2), '西山村');
    await org(TOWNSHIP, '荣成市某镇集体经济联合总社');
    for (const n of [1, 2, 3]) {
      await person(household(n), `户主${n}`);
      await member(village(1), 'village_household', household(n));
    }
    await member(TOWNSHIP, 'township_village', village(1));
    await member(TOWNSHIP, 'township_village', village(2));
    await run('rongcheng_personal_points');
    await run('rongcheng_credit_village');
    // village 1: 3 of 3 at 1000 (A) = 100%; village 2: no members, not yet
    expect((await ratingOf(village(2), 'rongcheng_credit_village'))?.explanation).toEqual([
      'rongcheng_credit_village 2026.1 as of 2026-06-15: NotYet (Not yet a credit village)',
      '0 of 0 member households (0%) hold A or above under Rongcheng personal credit points; the threshold is 60%, with at least 3 members',
      'fewer than 3 members: not met',
    ]);
    // the public report names a village's grade and the count and share behind it
    const html = renderPublicReportHtml(sut().catalog, {
      view: await publicView(sut(), village(1)),
      lang: 'zh',
      code: 'X',
      issuedAt: '2026-06-15T10:00:00.000Z',
      authorities: new Map(),
    });
    expect(html).toContain('信用村');
    expect(html).toContain('3/3 (100%)');
    const finished = await run('rongcheng_credit_township');
    // the villages are no townships: only the township is rated
    expect(finished).toMatchObject({ rated: 1, grades: { CreditTownship: 1 } });
    expect((await ratingOf(TOWNSHIP, 'rongcheng_credit_township'))?.explanation).toEqual([
      'rongcheng_credit_township 2026.1 as of 2026-06-15: CreditTownship (Credit township)',
      '1 of 2 member villages (50%) hold CreditVillage or above under Rongcheng credit village; the threshold is 50%, with at least 2 members',
    ]);
  });

  it('counts a member whose rating expired as one without a rating, and says so', async () => {
    await org(village(1), '东山村');
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      ids.push((await person(household(n), `户主${n}`)).id);
      await member(village(1), 'village_household', household(n));
    }
    await submitRecord(sut(), court(2), 'test');
    // 1, 2 (950, B) and 4 rated today; 3 only on 2025-05-01, more than P1Y before today
    for (const i of [0, 1, 3]) await rerateSubject(sut(), ids[i]!);
    await rerateSubject({ ...sut(), clock: fixedClock('2025-05-01T09:00:00.000Z') }, ids[2]!);
    await run('rongcheng_credit_village');
    // 2 of 4 = 50% < 60%; had the expired A counted, 3 of 4 = 75% would have met it
    const rating = await ratingOf(village(1), 'rongcheng_credit_village');
    expect(rating?.rating.grade).toBe('NotYet');
    expect(rating?.explanation.slice(1)).toEqual([
      '2 of 4 member households (50%) hold A or above under Rongcheng personal credit points; the threshold is 60%, with at least 3 members',
      '1 of the 4 member households has no rating under Rongcheng personal credit points within P1Y and counts as below A',
    ]);
  });

  it('counts a member outside the layer’s region as without a Rongcheng rating', async () => {
    await org(village(1), '东山村');
    for (const n of [1, 2, 3]) {
      await person(household(n), `户主${n}`);
      await member(village(1), 'village_household', household(n));
    }
    await person(BEIJING_PERSON, '王五');
    await member(village(1), 'village_household', BEIJING_PERSON);
    await run('rongcheng_personal_points');
    await run('city_personal_score');
    await run('rongcheng_credit_village');
    // 3 of 4 = 75%: the Beijing member has no Rongcheng rating (its model rates 371082 only)
    const rating = await ratingOf(village(1), 'rongcheng_credit_village');
    expect(rating?.rating).toMatchObject({ grade: 'CreditVillage', score: 75 });
    expect(rating?.rating.result).toMatchObject({ members: 4, atOrAbove: 3, withoutRating: 1 });
  });

  it('does not rate an organization outside the membership’s USCC class, nor a village outside the layer', async () => {
    await org(makeUscc('91371082', 'MA0FRM01'), '荣成某公司');
    await org(makeUscc('N2110105', 'MA0BJW01'), '北京某村');
    const finished = await run('rongcheng_credit_village');
    expect(finished.rated).toBe(0);
  });

  it('refuses a membership on an organization that is no village, of a non-person, and of itself', async () => {
    const firm = makeUscc('91371082', 'MA0FRM01');
    await org(firm, '荣成某公司');
    await org(village(1), '东山村');
    await person(household(1), '户主1');
    await expect(member(firm, 'village_household', household(1))).rejects.toMatchObject({
      code: 'MEMBERSHIP_GROUP',
      field: 'identifier',
    });
    await expect(member(village(1), 'village_household', firm)).rejects.toMatchObject({
      code: 'MEMBERSHIP_MEMBER',
      field: 'other',
    });
    await expect(member(village(1), 'village_household', village(1))).rejects.toMatchObject({
      code: 'MEMBERSHIP_CYCLE',
    });
    await expect(member(village(1), 'village_cousin', household(1))).rejects.toMatchObject({
      code: 'FIELD_ENUM',
      field: 'kind',
    });
  });

  it('refuses a membership that would close a cycle of groups', async () => {
    // a membership of villages in villages, which the catalog does not have, to make a cycle possible
    const peers = {
      ...sut().catalog.memberships.get('township_village')!,
      id: 'village_peer',
      group: { ...sut().catalog.memberships.get('township_village')!.members },
    };
    const deps = {
      ...sut(),
      catalog: {
        ...sut().catalog,
        memberships: new Map([...sut().catalog.memberships, ['village_peer', peers]]),
      },
    };
    for (const n of [1, 2, 3]) await org(village(n), `村${n}`);
    const peer = (a: number, b: number) =>
      addRelation(deps, { subject: village(a), kind: 'village_peer', other: village(b) }, 'test');
    await peer(1, 2);
    await peer(2, 3);
    await expect(peer(3, 1)).rejects.toMatchObject({ code: 'MEMBERSHIP_CYCLE', field: 'other' });
  });

  it('carries no listing or measure through a membership: neither to the members nor to the group', async () => {
    await org(village(1), '东山村');
    await person(household(1), '户主1');
    await person(household(2), '户主2');
    await member(village(1), 'village_household', household(1));
    await member(village(1), 'village_household', household(2));
    const villageListed = await listThroughDecision(
      sut(),
      courtRecord({ subject_identifier: village(1), subject_name: '东山村', source_ref: 'C-V' }),
      'consumption_restriction',
      NATIONAL_COURT,
    );
    const memberListed = await listThroughDecision(
      sut(),
      court(2),
      'consumption_restriction',
      NATIONAL_COURT,
    );
    const day = [villageListed.decidedOn, memberListed.decidedOn].sort()[1]!;
    const check = (identifier: string) =>
      checkAction(on(sut(), day), { identifier, action: 'rail.g_train_ticket' });
    // the listed village's member household, and the village of a listed household, are allowed
    expect(await check(household(1))).toMatchObject({ decision: 'allow', reasons: [] });
    expect((await check(household(2))).reasons.map((r) => r.via)).toEqual(['subject']);
    expect((await check(village(1))).reasons.map((r) => r.via)).toEqual(['subject']);
  });
});
