import { describe, expect, it } from 'vitest';
import { subjectSearchKeys } from '../../src/domain/search/subject-keys.js';
import { FEW_VALUES } from '../../src/store/search-keys.js';
import { BACKENDS, storePerTest } from '../support/backends.js';
import { makeSubject } from '../support/factories.js';

const firm = (name: string, region: string) =>
  makeSubject({ region, names: [{ name, lang: 'zh', script: 'Hans', current: true }] });

describe.each(BACKENDS)('search keys on $name', (backend) => {
  const store = storePerTest(backend);
  const beijing = firm('北京星辰智造科技有限公司', '110105');
  const shanghai = firm('上海星辰智造科技有限公司', '310104');
  const shared = subjectSearchKeys(beijing)
    .map((k) => k.value)
    .filter((key) => subjectSearchKeys(shanghai).some((o) => o.value === key));
  const ids = (rows: ReadonlyArray<{ subjectId: string }>) =>
    [...new Set(rows.map((r) => r.subjectId))].sort();
  const both = [beijing.id, shanghai.id].sort();

  it('finds the key rows of every subject, or of those the filter lets through', async () => {
    const sut = store();
    await sut.transaction((tx) => tx.insertSubjects([beijing, shanghai]));
    expect(shared.length).toBeGreaterThan(0);
    // a few values take one lookup each, many (one-edit neighbours) one statement
    const absent = Array.from({ length: FEW_VALUES + 4 }, (_, i) => `absent${i}`);
    for (const values of [shared, [...shared, ...absent]]) {
      expect(ids(await sut.matchSearchKeys(values, {}, 50))).toEqual(both);
      expect(ids(await sut.matchSearchKeys(values, { region: '31' }, 50))).toEqual([shanghai.id]);
      expect(ids(await sut.matchSearchKeys(values, { region: '1101' }, 50))).toEqual([beijing.id]);
      expect(await sut.matchSearchKeys(values, { kind: 'person' }, 50)).toEqual([]);
      expect(
        ids(await sut.matchSearchKeys(values, { kind: 'business', region: '11' }, 50)),
      ).toEqual([beijing.id]);
    }
  });

  it('caps the rows of each value, not of the lookup', async () => {
    const sut = store();
    const more = Array.from({ length: 4 }, (_, i) => firm('深圳星辰智造科技有限公司', `4403${i}4`));
    await sut.transaction((tx) => tx.insertSubjects([beijing, shanghai, ...more]));
    const core = '星辰智造科技';
    const rare = subjectSearchKeys(beijing).find((k) => k.value.startsWith('beijing'))!.value;
    const rows = await sut.matchSearchKeys([core, rare], {}, 2);
    expect(rows.filter((r) => r.key === core)).toHaveLength(2);
    expect(rows.filter((r) => r.key === rare).map((r) => r.subjectId)).toEqual([beijing.id]);
  });

  it('finds whole Latin forms by their pieces, within the filter', async () => {
    const sut = store();
    await sut.transaction((tx) => tx.insertSubjects([beijing, shanghai]));
    const groups = [['xingchen', 'zhizao']];
    expect(ids(await sut.fragmentSearchKeys(groups, 20, {}, 50))).toEqual(both);
    expect(ids(await sut.fragmentSearchKeys(groups, 20, { region: '31' }, 50))).toEqual([
      shanghai.id,
    ]);
    expect(await sut.fragmentSearchKeys(groups, 20, { kind: 'person' }, 50)).toEqual([]);
    // nearest the length first: the form without the region before the one with it
    const [first] = await sut.fragmentSearchKeys(groups, 'xingchenzhizaokeji'.length, {}, 1);
    expect(first!.key).toBe('xingchenzhizaokeji');
  });
});
