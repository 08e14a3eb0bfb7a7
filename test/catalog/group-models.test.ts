import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/load.js';
import { DEFAULT_CATALOG_DIR } from '../../src/config.js';
import { copyLayeredCatalog, problemsOf } from './fixtures.js';

/** Group rating models and membership kinds in the catalog (issue 22). */

let copy: Awaited<ReturnType<typeof copyLayeredCatalog>> | null = null;
afterEach(async () => {
  await copy?.remove();
  copy = null;
});

const VILLAGE = '../371082/rating-models/rongcheng_credit_village.yaml';

describe('group rating models', () => {
  it('loads the memberships and the Rongcheng credit village and township models, tagged with the layer', async () => {
    const sut = await loadCatalog(DEFAULT_CATALOG_DIR);
    expect([...sut.memberships.keys()]).toEqual(['village_household', 'township_village']);
    expect(sut.memberships.get('village_household')?.group.uscc).toEqual(['N2']);
    const village = sut.ratingModels.get('rongcheng_credit_village');
    expect(village).toMatchObject({
      kind: 'group',
      membership: 'village_household',
      membersAtOrAbove: { model: 'rongcheng_personal_points', grade: 'A', share: 0.6 },
    });
    expect(village?.layer?.name.zh).toBe('荣成市规则');
    expect(sut.ratingModels.get('rongcheng_credit_township')).toMatchObject({
      membersAtOrAbove: { model: 'rongcheng_credit_village', grade: 'CreditVillage' },
    });
  });

  it('refuses an unknown member model, a grade the member model lacks and an unknown membership, with file and line', async () => {
    copy = await copyLayeredCatalog();
    await copy.edit(VILLAGE, (t) =>
      t
        .replace('grade: A\n', 'grade: Z\n')
        .replace('membership: village_household', 'membership: village_families'),
    );
    await copy.edit('../371082/rating-models/rongcheng_credit_township.yaml', (t) =>
      t.replace('model: rongcheng_credit_village', 'model: rongcheng_credit_hamlet'),
    );
    const problems = await problemsOf(copy.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^\.\.\/371082\/rating-models\/rongcheng_credit_village\.yaml:\d+: rating-models\.rongcheng_credit_village\.membersAtOrAbove\.grade: "Z" is not a grade of "rongcheng_personal_points" \(AAA, AA, A, B, C, D\)$/,
        ),
        expect.stringMatching(
          /rongcheng_credit_village\.yaml:\d+: rating-models\.rongcheng_credit_village\.membership: "village_families" is not a membership of the catalog/,
        ),
        expect.stringMatching(
          /rongcheng_credit_township\.yaml:\d+: rating-models\.rongcheng_credit_township\.membersAtOrAbove\.model: "rongcheng_credit_hamlet" is not a rating model/,
        ),
      ]),
    );
  });

  it('refuses a share above 1, a model rating its members by itself, and a member model that does not rate the members', async () => {
    copy = await copyLayeredCatalog();
    await copy.edit(VILLAGE, (t) => t.replace('share: 0.6', 'share: 1.5'));
    await copy.edit('../371082/rating-models/rongcheng_credit_township.yaml', (t) =>
      t.replace('model: rongcheng_credit_village', 'model: rongcheng_credit_township'),
    );
    const problems = await problemsOf(copy.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /rongcheng_credit_village\.yaml:\d+: rating-models\.rongcheng_credit_village\.membersAtOrAbove\.share: share is at most 1/,
        ),
        expect.stringMatching(
          /rongcheng_credit_township\.yaml:\d+: rating-models\.rongcheng_credit_township\.membersAtOrAbove\.model: .*a cycle/,
        ),
      ]),
    );
    await copy.remove();
    copy = await copyLayeredCatalog();
    await copy.edit(VILLAGE, (t) =>
      t.replace('membership: village_household', 'membership: township_village'),
    );
    expect(await problemsOf(copy.dir)).toEqual([
      expect.stringMatching(
        /rongcheng_credit_village\.yaml:\d+: rating-models\.rongcheng_credit_village\.membersAtOrAbove\.model: "rongcheng_personal_points" does not rate a business, which membership "township_village" has as members/,
      ),
    ]);
  });

  it('refuses a membership with an unknown writer domain or a USCC class GB 32100 lacks', async () => {
    copy = await copyLayeredCatalog();
    await copy.edit('memberships.yaml', (t) =>
      t
        .replace('writers: { domains: [agriculture] }', 'writers: { domains: [farming] }')
        .replace('uscc: [N3]', 'uscc: [N7]'),
    );
    const problems = await problemsOf(copy.dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^memberships\.yaml:\d+: memberships\[0\]\.writers\.domains\[0\]: unknown domain "farming"$/,
        ),
        expect.stringMatching(
          /^memberships\.yaml:\d+: memberships\[1\]\.group\.uscc\[0\]: "N7" is no registration authority and entity type of GB 32100$/,
        ),
      ]),
    );
  });
});
