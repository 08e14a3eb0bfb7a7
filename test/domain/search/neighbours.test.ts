import { describe, expect, it } from 'vitest';
import { editNeighbours, MAX_NEIGHBOURED } from '../../../src/domain/search/neighbours.js';
import { distance } from 'fastest-levenshtein';

describe('editNeighbours', () => {
  const sut = editNeighbours;

  it('holds the form and every form one substitution, deletion, insertion or swap away', () => {
    const found = new Set(sut('keji'));
    for (const near of ['keji', 'kejj', 'kji', 'kejia', 'akeji', 'ekji', 'kdji'])
      expect(found.has(near)).toBe(true);
  });

  it('holds nothing two edits away, and no form twice', () => {
    const found = sut('xindakeji');
    expect(new Set(found).size).toBe(found.length);
    expect(found.every((f) => distance(f, 'xindakeji') <= 1 || isSwap(f, 'xindakeji'))).toBe(true);
    expect(found).not.toContain('xinkeji');
  });

  it('leaves empty and over-long forms to other lookups', () => {
    expect(sut('')).toEqual([]);
    expect(sut('a'.repeat(MAX_NEIGHBOURED + 1))).toEqual([]);
  });
});

// a swap of neighbouring letters is two edits for Levenshtein
function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const at = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return (
    at.length === 2 && at[1] === at[0]! + 1 && a[at[0]!] === b[at[1]!] && a[at[1]!] === b[at[0]!]
  );
}
