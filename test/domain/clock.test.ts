import { describe, expect, it } from 'vitest';
import { dateOf } from '../../src/domain/clock.js';

describe('dateOf', () => {
  it('gives the UTC date of each instant, asked in any order across midnight', () => {
    const at = (iso: string) => dateOf(new Date(iso));
    expect(at('2026-06-15T23:59:59.999Z')).toBe('2026-06-15');
    expect(at('2026-06-16T00:00:00.000Z')).toBe('2026-06-16');
    expect(at('2026-06-15T23:59:30.000Z')).toBe('2026-06-15');
    expect(at('2026-06-16T08:00:00.000+08:00')).toBe('2026-06-16');
    expect(at('2026-06-16T07:59:59.000+08:00')).toBe('2026-06-15');
    expect(at('1969-12-31T23:59:59.000Z')).toBe('1969-12-31');
    expect(() => dateOf(new Date(Number.NaN))).toThrow(RangeError);
  });
});
