import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import { tierTrace, type TierTrace } from '../../src/services/search/name-search.js';
import { searchSubjects } from '../../src/services/search/search.service.js';
import { registerSubject } from '../../src/services/subjects/subjects.service.js';
import { BACKENDS } from '../support/backends.js';
import { uniqueUscc } from '../support/factories.js';
import { registry } from '../support/registry.js';

/**
 * A name in characters one slip from the query (two characters swapped, a look-alike) among
 * names nearer it in the keys than the true one is: at a million subjects the near keys of a
 * name are shared by many, and the true name was cut among them or never looked up (issue 19).
 * And a query read two ways: shi after a region is 市 or the name's first syllable; and how
 * far search looks before it has enough.
 */

// 上海见X实业: one character from the query 上海见誉实业 (its initials one letter), where the
// true name 上海誉见实业 is two characters swapped; more of them than the candidates scored
const NEARER = [...'华明光东方正大长江河山水林森'].map((c) => `上海见${c}实业有限公司`);

describe.each(BACKENDS)('search for a name one slip away or read otherwise on $name', (backend) => {
  let sut: ServiceDeps;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await backend.open();
    cleanup = opened.cleanup;
    sut = await registry(opened.store);
    const names = [
      '上海誉见实业有限公司',
      ...NEARER,
      '天津聚顺劳务股份有限公司',
      // nearer the query 旡津聚顺劳务 in its pinyin, where 旡 hides the region 天津
      '南京金聚顺劳务有限公司',
      '青岛识进文化传媒有限公司',
      // one letter from jin wen hua chuan mei, what is left of the name when shi is 市
      '青岛进文化传麦有限公司',
      // for 北京鑫达科技: its core exactly in another region, first and not at home; and at
      // home, its core read alike (新达 xinda) with another legal form, good enough
      '上海鑫达科技有限公司',
      '北京新达科技股份有限公司',
    ];
    for (const name of names)
      await registerSubject(
        sut,
        { subject_identifier: uniqueUscc('91310000'), subject_name: name },
        'test',
      );
  });
  afterAll(async () => cleanup());

  const top = async (q: string) =>
    (await searchSubjects(sut, { q, limit: 3 })).map((h) => h.matched);

  it('finds a name with two neighbouring characters of its core swapped among nearer keys', async () => {
    expect(await top('上海见誉实业有限公司')).toEqual(
      expect.arrayContaining(['上海誉见实业有限公司']),
    );
    expect((await top('上海见誉实业有限公司'))[0]).toBe('上海誉见实业有限公司');
  });

  it('reads a look-alike that hides a region as the region it looks like', async () => {
    const [first] = await searchSubjects(sut, { q: '旡津聚顺劳务股份有限公司', limit: 3 });
    expect(first!.matched).toBe('天津聚顺劳务股份有限公司');
    expect(first!.reasons[0]).toBe('旡 read as its look-alike 天');
  });

  it('reads shi after a region in spaced pinyin as the name’s first syllable, not only as 市', async () => {
    const [first] = await searchSubjects(sut, {
      q: 'qing dao shi jin wen hua chuan mei you xian gong si',
      limit: 3,
    });
    expect(first!.matched).toBe('青岛识进文化传媒有限公司');
  });

  it('stops once a name at home is good enough, though one in another region ranks above it', async () => {
    const traces: TierTrace[] = [];
    tierTrace.on = (t) => traces.push(t);
    try {
      const hits = await searchSubjects(sut, { q: '北京鑫达科技有限公司', limit: 2 });
      expect(hits.map((h) => h.matched)).toEqual([
        '上海鑫达科技有限公司',
        '北京新达科技股份有限公司',
      ]);
    } finally {
      tierTrace.on = undefined;
    }
    // the whole forms found both; the near keys, tokens and trigram pieces were not read
    expect(traces.map((t) => t.tier)).toEqual([0]);
  });
});
