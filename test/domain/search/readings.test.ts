import { describe, expect, it } from 'vitest';
import { analyseName } from '../../../src/domain/search/normalise.js';
import { levelWordReadings, lookAlikeReadings } from '../../../src/domain/search/readings.js';

const business = (name: string) => analyseName(name, 'business');

describe('lookAlikeReadings', () => {
  it('reads a look-alike as its partner where that makes a region of what was core', () => {
    const query = business('旡津聚顺劳务股份有限公司');
    expect(query.han).toBe('旡津聚顺劳务');
    const readings = lookAlikeReadings(query, 'business');
    expect(readings.map((r) => [r.reason, r.analysis.han])).toEqual([
      ['旡 read as its look-alike 天', '聚顺劳务'],
    ]);
    // half an edit over the twelve characters typed
    expect(readings[0]!.factor).toBeCloseTo(1 - 0.5 / 12, 9);
  });

  it('leaves a look-alike in the core to the edit distance', () => {
    expect(lookAlikeReadings(business('广州佳已贸易有限公司'), 'business')).toEqual([]);
    expect(lookAlikeReadings(business('xiaomi'), 'business')).toEqual([]);
  });
});

describe('levelWordReadings', () => {
  it('reads a level word after a region in pinyin as the name’s first syllable too', () => {
    const query = business('qing dao shi jin wen hua chuan mei you xian gong si');
    expect(query.latin).toBe('jinwenhuachuanmei');
    const readings = levelWordReadings(query, 'business');
    expect(readings.map((r) => [r.analysis.latin, r.factor])).toEqual([
      ['shijinwenhuachuanmei', 1],
    ]);
    expect(
      levelWordReadings(business('xi an sheng run xin neng yuan'), 'business')[0]!.analysis.latin,
    ).toBe('shengrunxinnengyuan');
  });

  it('has nothing to read otherwise', () => {
    expect(levelWordReadings(business('qing dao jin wen hua chuan mei'), 'business')).toEqual([]);
    expect(levelWordReadings(business('青岛市识进文化传媒有限公司'), 'business')).toEqual([]);
    expect(levelWordReadings(analyseName('zhang shi jin', 'person'), 'person')).toEqual([]);
  });
});
