import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { credence } from '../support/cli.js';
import { tempDir } from '../support/import-files.js';

describe('credence views build on a SQLite file', () => {
  it("saves today's view of every subject that lacks one, and none a second time", () => {
    const db = join(tempDir(), 'views.db');
    const ok = (...args: string[]) => {
      const run = credence(db, ...args);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    ok('init');
    ok('subject', 'register', makeUscc('91110108', 'MA00XW01'), '--name', '北京一号科技有限公司');
    ok('subject', 'register', makeUscc('91110108', 'MA00XW02'), '--name', '北京二号科技有限公司');
    expect(ok('views', 'build', '--batch', '1')).toMatch(/^2 views built, 2 subjects looked at/);
    expect(ok('views', 'build')).toMatch(/^0 views built, 2 subjects looked at/);
    const refused = credence(db, 'views', 'build', '--batch', '0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('FIELD_RANGE');
  });
});
