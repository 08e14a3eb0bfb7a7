import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import type { GroupModel } from '../../src/domain/rating-model.js';
import {
  evaluateGroupModel,
  explainGroupResult,
  type MemberEvidence,
} from '../../src/domain/ratings/group-engine.js';

/** The group engine on the Rongcheng credit village model (60% of at least 3 at A or above). */

let sut: GroupModel;
beforeAll(async () => {
  const model = (await loadCatalog(DEFAULT_CATALOG_DIR)).ratingModels.get(
    'rongcheng_credit_village',
  );
  if (model?.kind !== 'group') throw new Error('no group model');
  sut = model;
});

const members = (grades: Array<string | null>): MemberEvidence => ({
  order: ['AAA', 'AA', 'A', 'B', 'C', 'D'],
  modelName: { zh: '荣成市个人信用积分', en: 'Rongcheng personal credit points' },
  plural: { zh: '户', en: 'households' },
  grades,
});

describe('evaluateGroupModel', () => {
  it('counts AAA, AA and A as at or above A, and a member without a rating as below, in zh and en', () => {
    // by hand: A, AA and A count; B does not; none does not: 3 of 5 = 60%, the threshold
    const result = evaluateGroupModel(sut, 'v', members(['A', 'AA', 'B', null, 'A']), '2026-06-15');
    expect(result).toMatchObject({ members: 5, atOrAbove: 3, withoutRating: 1, met: true });
    expect(explainGroupResult(result, 'zh')).toEqual([
      'rongcheng_credit_village 2026.1，评价日 2026-06-15：CreditVillage（信用村）',
      '5 个成员户中 3 个（60%）在“荣成市个人信用积分”中为 A 级或以上；标准为 60%，且成员不少于 3 个',
      '5 个成员户中 1 个在 P1Y 内没有“荣成市个人信用积分”的评价，按未达 A 级计',
    ]);
  });

  it('falls short by a share under the threshold and by too few members', () => {
    // 2 of 4 = 50% < 60%
    const short = evaluateGroupModel(sut, 'v', members(['A', 'A', 'B', 'C']), '2026-06-15');
    expect(short).toMatchObject({ grade: 'NotYet', shortOf: 'share', share: 0.5 });
    // 2 of 2 = 100%, but fewer than 3 members
    const few = evaluateGroupModel(sut, 'v', members(['AAA', 'A']), '2026-06-15');
    expect(few).toMatchObject({ grade: 'NotYet', shortOf: 'members', share: 1 });
    // 2 of 3 = 66.7%
    const third = evaluateGroupModel(sut, 'v', members(['AAA', 'A', 'D']), '2026-06-15');
    expect(explainGroupResult(third)[1]).toContain('2 of 3 member households (66.7%)');
  });
});
