import { describe, expect, it } from 'vitest';
import { hanNeighbours, lookAlikeReadings } from '../../../src/domain/search/han-neighbours.js';
import { analyseName } from '../../../src/domain/search/normalise.js';

describe('hanNeighbours', () => {
  it('swaps each two neighbouring characters, and puts each look-alike in its partner’s place', () => {
    const near = hanNeighbours('见誉实业');
    expect(near).toEqual(expect.arrayContaining(['誉见实业', '见实誉业', '见誉业实']));
    expect(hanNeighbours('佳已贸易')).toContain('佳己贸易');
    expect(near).not.toContain('见誉实业');
    // two of the same character swapped are the same core
    expect(hanNeighbours('源源')).toEqual([]);
  });

  it('stops at its bound', () => {
    expect(hanNeighbours('一二三四五六七八九十'.repeat(5), 10)).toHaveLength(10);
  });
});

describe('lookAlikeReadings', () => {
  it('reads a look-alike as its partner where that makes a region of what was core', () => {
    const query = analyseName('旡津聚顺劳务股份有限公司', 'business');
    expect(query.han).toBe('旡津聚顺劳务');
    const readings = lookAlikeReadings(query, 'business');
    expect(readings.map((r) => [r.typed, r.read, r.analysis.han])).toEqual([
      ['旡', '天', '聚顺劳务'],
    ]);
  });

  it('leaves a look-alike in the core to the edit distance', () => {
    expect(lookAlikeReadings(analyseName('广州佳已贸易有限公司', 'business'), 'business')).toEqual(
      [],
    );
    expect(lookAlikeReadings(analyseName('xiaomi', 'business'), 'business')).toEqual([]);
  });
});
