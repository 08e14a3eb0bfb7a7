import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/domain/search/edit-distance.js';
import { lookAlikesOf, looksAlike } from '../../../src/domain/search/look-alike.js';
import { deriveLookAlikes } from '../../../src/domain/search/look-alike-derive.js';
import { LOOK_ALIKE_PAIRS } from '../../../src/domain/search/look-alike-table.js';

/** A few characters' stroke medians as hanzi-writer-data ships them. */
const strokes = (
  JSON.parse(readFileSync(new URL('./look-alike-strokes.json', import.meta.url), 'utf8')) as {
    medians: Record<string, number[][][]>;
  }
).medians;

describe('look-alike characters derived from stroke data', () => {
  it('finds the pairs the search issue reported from the strokes alone, and not characters that differ more', () => {
    // each pair once, its characters in code point order
    const pairs = deriveLookAlikes(new Map(Object.entries(strokes))).map((p) => p.join(''));
    const pair = (ab: string) => Array.from(ab).sort().join('');
    for (const ab of ['己已', '已巳', '己巳', '未末', '士土', '戊戌', '戊戍', '人入', '王玉'])
      expect(pairs, ab).toContain(pair(ab));
    for (const ab of ['人八', '田由', '甲申', '李季', '人土', '己末'])
      expect(pairs, ab).not.toContain(pair(ab));
  });

  it('holds the derived table, the issue’s pairs among many more', () => {
    const pairs = LOOK_ALIKE_PAIRS.split(' ');
    expect(pairs.length).toBeGreaterThan(100);
    for (const [a, b] of ['己已', '未末', '士土', '戊戌', '人入', '王玉', '大太'])
      expect(looksAlike(a!, b!), `${a}/${b}`).toBe(true);
    expect(looksAlike('人', '八')).toBe(false);
    expect(looksAlike('人', '人')).toBe(false);
    expect(lookAlikesOf('戊').sort()).toEqual(expect.arrayContaining(['戌', '戍']));
  });

  it('counts a look-alike found in the stroke data, not only the issue’s, as half an edit', () => {
    expect(editDistance('厦门玉龙贸易', '厦门王龙贸易')).toBe(0.5);
    expect(editDistance('上海太华纺织', '上海大华纺织')).toBe(0.5);
    expect(editDistance('厂州佳己贸易', '广州佳己贸易')).toBe(0.5);
    expect(editDistance('上海八华纺织', '上海大华纺织')).toBe(1);
  });
});
