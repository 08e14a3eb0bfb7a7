import { describe, expect, it } from 'vitest';
import { CredenceError, ERRORS, type ErrorCode } from '../../src/errors.js';

// Han ideographs: a Chinese rule says something in Chinese, not only codes and numbers
const HAN = /\p{Script=Han}/u;

describe('the error catalog in both languages (issue 18)', () => {
  const codes = Object.keys(ERRORS) as ErrorCode[];

  it.each(codes)('%s states its rule in English and in Chinese', (code) => {
    const entry: { rule: string; zh: string } = ERRORS[code];
    expect(entry.rule.trim()).not.toBe('');
    expect(entry.zh.trim()).not.toBe('');
    expect(entry.zh).toMatch(HAN);
    // the Chinese text is not the code itself
    expect(entry.zh).not.toContain(code);
  });

  it('carries the Chinese rule on every thrown error', () => {
    const error = new CredenceError('FIELD_REQUIRED', 'fields.fine_amount is required', {
      field: 'fields.fine_amount',
    });
    expect(error.rule).toBe(ERRORS.FIELD_REQUIRED.rule);
    expect(error.ruleZh).toBe(ERRORS.FIELD_REQUIRED.zh);
  });
});
