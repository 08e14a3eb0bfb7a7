import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isoInstant } from '../../src/store/postgres/postgres-rows.js';

const viaDate = pg.types.getTypeParser(1184) as (raw: string) => Date;

describe('PostgreSQL instants', () => {
  it('reads a UTC timestamptz as the Date parse and toISOString would, without a Date', () => {
    const raws = [
      '2026-05-01 08:00:00+00',
      '2026-12-01 08:52:51.621+00',
      '2026-12-01 08:52:51.5+00',
      '2026-12-01 08:52:51.123456+00',
      '2026-12-01 08:52:51.999999+00',
      '2026-12-01 08:52:51.57+00',
      '2024-02-29 23:59:59.001+00',
    ];
    for (const raw of raws) expect(isoInstant(raw)).toBe(viaDate(raw).toISOString());
  });

  it('falls back to the Date parse for other offsets', () => {
    expect(isoInstant('2026-05-01 08:00:00+08')).toBe('2026-05-01T00:00:00.000Z');
    expect(isoInstant('2026-05-01 08:00:00.25+05:30')).toBe('2026-05-01T02:30:00.250Z');
  });
});
