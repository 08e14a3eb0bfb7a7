import { Converter as fromSimplified } from 'opencc-js/cn2t';
import { Converter as fromTraditional } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { toSimplified, toTraditional, traditionalOnly } from '../../../src/domain/search/script.js';

describe('simplified and traditional characters', () => {
  it('tells the characters only traditional writing uses', () => {
    expect(traditionalOnly('責')).toBe(true);
    expect(traditionalOnly('衞')).toBe(true);
    // 乾 is also a simplified character (乾坤), and 干 is written back as 幹
    expect(traditionalOnly('乾')).toBe(false);
    expect(traditionalOnly('责')).toBe(false);
    expect(toSimplified('北京小米科技有限責任公司')).toBe('北京小米科技有限责任公司');
    expect(toSimplified('沈思佳')).toBe('沈思佳');
  });

  it('agrees, character by character, with the phrase converters it stands in for', () => {
    // the definition with the full phrase converters, as opencc-js writes a whole name
    const simplify = fromTraditional({ from: 'hk', to: 'cn' });
    const writers = [
      fromSimplified({ from: 'cn', to: 'tw' }),
      fromSimplified({ from: 'cn', to: 'hk' }),
    ];
    const differ: string[] = [];
    let found = 0;
    for (let cp = 0x4e00; cp <= 0x9fff; cp += 1) {
      const char = String.fromCodePoint(cp);
      const simple = simplify(char);
      const expected = simple !== char && writers.some((write) => write(simple) === char);
      if (expected) found += 1;
      if (traditionalOnly(char) !== expected) differ.push(char);
    }
    expect(differ).toEqual([]);
    // the CJK block has some 2,000 traditional-only characters: the check is not vacuous
    expect(found).toBeGreaterThan(1500);
  });

  it('writes a name as Taiwan and Hong Kong do, by phrase', () => {
    const [tw, hk] = toTraditional();
    expect(tw!('北京小米科技有限责任公司')).toBe('北京小米科技有限責任公司');
    expect(hk!('深圳市腾讯计算机系统有限公司')).toContain('騰訊');
  });
});
