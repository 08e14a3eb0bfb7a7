import { describe, expect, it } from 'vitest';
import { hanNeighbours } from '../../../src/domain/search/han-neighbours.js';

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
