import { describe, expect, it } from 'vitest';
import {
  newReportCode,
  normalizeReportCode,
  reportDigest,
} from '../../src/services/reports/public-report.service.js';

describe('verification codes of public reports', () => {
  it('draws codes in four groups of five with a digit in the middle, never alike', () => {
    const codes = Array.from({ length: 2000 }, () => newReportCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(
        /^(?:[0-9A-HJKMNP-TV-Z]{2}\d[0-9A-HJKMNP-TV-Z]{2}-){3}[0-9A-HJKMNP-TV-Z]{2}\d[0-9A-HJKMNP-TV-Z]{2}$/,
      );
      // no run of three letters: nothing in a code reads as a word
      expect(code).not.toMatch(/[A-Z]{3}/);
    }
  });

  it('reads a code as typed: any case, blanks or no hyphens, look-alike letters', () => {
    expect(normalizeReportCode(' ab3cd ef5gh-jk7mn pq9rs ')).toBe('AB3CD-EF5GH-JK7MN-PQ9RS');
    expect(normalizeReportCode('AB3CD-EF5GH-JK7MN-PQ9RO')).toBe('AB3CD-EF5GH-JK7MN-PQ9R0');
    expect(normalizeReportCode('AB3CD-EF5GH-JK7MN-PQ9R')).toBeNull();
    expect(normalizeReportCode('AB3CD-EF5GH-JK7MN-PQ9RU')).toBeNull();
  });

  it('digests the canonical content: line ends and outer blanks do not count, a letter does', () => {
    const doc = '<!doctype html>\n<p>报告</p>\n';
    expect(reportDigest(doc.replace(/\n/g, '\r\n'))).toBe(reportDigest(doc));
    expect(reportDigest(`  ${doc}\n\n`)).toBe(reportDigest(doc));
    expect(reportDigest(doc.replace('报告', '报吿'))).not.toBe(reportDigest(doc));
  });
});
