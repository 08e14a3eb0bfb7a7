import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/domain/identifiers/index.js';
import { credence } from '../support/cli.js';
import { tempDir } from '../support/import-files.js';

const KEPT = makeUscc('91110108', 'MA00KPT1');
const DUPLICATE = makeUscc('91110108', 'MA00DUP3');

describe('credence subject rename, merge and unmerge on a SQLite file', () => {
  it('renames, merges a duplicate and undoes the merge, each found by search at once', () => {
    const db = join(tempDir(), 'cli.db');
    const ok = (...args: string[]) => {
      const run = credence(db, ...args);
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    ok('init');
    ok('subject', 'register', KEPT, '--name', '北京旧名科技有限公司');
    ok('subject', 'register', DUPLICATE, '--name', '北京蓝海星辰商贸有限公司');

    expect(ok('subject', 'rename', KEPT, '北京星河云图科技有限公司')).toContain(
      'now 北京星河云图科技有限公司; former: 北京旧名科技有限公司',
    );
    expect(ok('search', '星河云图科技')).toContain(KEPT);

    const merged = ok('subject', 'merge', KEPT, DUPLICATE, '--reason', 'registered twice');
    const id = /as (mrg_\w+)/.exec(merged)?.[1];
    expect(merged).toContain('moved 1 identifiers, 1 names');
    expect(ok('search', DUPLICATE)).toContain('北京星河云图科技有限公司');
    expect(ok('subject', 'merges', DUPLICATE)).toContain(`${id} `);

    const refused = credence(db, 'subject', 'merge', KEPT, DUPLICATE, '--reason', 'again');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('SUBJECT_MERGE_SELF');

    expect(ok('subject', 'unmerge', id!, '--reason', 'two firms')).toContain(`undid ${id}`);
    expect(ok('search', DUPLICATE)).toContain('北京蓝海星辰商贸有限公司');
  });
});
