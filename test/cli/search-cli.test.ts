import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRic } from '../../src/domain/identifiers/ric.js';
import { credence } from '../support/cli.js';
import { tempDir } from '../support/import-files.js';

const XIAOMI = '91110108551385082Q';

describe('credence search and reindex on a SQLite file', () => {
  it('finds a registered subject by pinyin and identifier, and again after the index is rebuilt', () => {
    const db = join(tempDir(), 'search.db');
    expect(credence(db, 'init').code).toBe(0);
    const registered = credence(
      db,
      'subject',
      'register',
      XIAOMI,
      '--name',
      '北京小米科技有限责任公司',
      '--name-en',
      'Beijing Xiaomi Technology Co., Ltd.',
    );
    expect(registered.code, registered.stderr).toBe(0);

    const byPinyin = credence(db, 'search', 'xiaomi keji');
    expect(byPinyin.code, byPinyin.stderr).toBe(0);
    expect(byPinyin.stdout).toMatch(
      /^0\.950 {2}北京小米科技有限责任公司 {2}\[business\] {2}91110108551385082Q/,
    );
    expect(byPinyin.stdout).toContain('pinyin xiaomikeji matches exactly');

    // a store indexed before: the keys gone, nothing is found until the index is rebuilt
    const raw = new Database(db);
    raw.exec('DELETE FROM search_keys; DELETE FROM search_fuzzy');
    raw.close();
    expect(credence(db, 'search', 'xiaomi keji').stdout).toBe('no subject found\n');
    const rebuilt = credence(db, 'reindex');
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toContain('indexed 1 subjects');
    expect(credence(db, 'search', 'bjxmkj').stdout).toContain('北京小米科技有限责任公司');

    const json = JSON.parse(
      credence(db, 'search', XIAOMI.toLowerCase(), '--json').stdout,
    ) as Array<{
      score: number;
      reasons: string[];
    }>;
    expect(json).toEqual([
      expect.objectContaining({ score: 1, reasons: ['identifier uscc matches'] }),
    ]);

    const bad = credence(db, 'search', 'x', '--kind', 'robot');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error SEARCH_INVALID (field kind)');
  });

  it('screens a CSV file, writing each row’s candidates and each bad row with its line', () => {
    const dir = tempDir();
    const db = join(dir, 'screen.db');
    expect(credence(db, 'init').code).toBe(0);
    expect(
      credence(db, 'subject', 'register', XIAOMI, '--name', '北京小米科技有限责任公司').code,
    ).toBe(0);
    const file = join(dir, 'suppliers.csv');
    writeFileSync(
      file,
      'name,identifier,region,kind\n小米科技,,11,\n,91110108551385082Q,,\n某某,,,robot\n无名氏贸易,,,\n',
    );
    const run = credence(db, 'screen', file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('4 rows screened: 2 with a hit at 0.75, 1 rejected');
    const lines = readFileSync(`${file}.screened.csv`, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'line,query,rank,candidate,kind,identifiers,score,hit,features,list_entries,error',
    );
    expect(
      lines.find((l) => l.startsWith('2,小米科技,1,北京小米科技有限责任公司,business')),
    ).toBeDefined();
    expect(
      lines.find((l) => l.startsWith('3,91110108551385082Q,1,北京小米科技有限责任公司')),
    ).toMatch(/,1,true,identifier match 1/);
    expect(lines).toContain(
      '4,某某,,,,,,,,,"kind: one of person, business, government, social_org"',
    );
  });

  it('screens persons with the birth year --birth-year gives, for a purpose, and refuses a year that is none', () => {
    const dir = tempDir();
    const db = join(dir, 'screen-persons.db');
    expect(credence(db, 'init').code).toBe(0);
    for (const born of ['1975-05-05', '1981-03-03']) {
      const registered = credence(
        db,
        'subject',
        'register',
        makeRic('310104', born, 11),
        '--name',
        '郑义轩',
      );
      expect(registered.code, registered.stderr).toBe(0);
    }
    const file = join(dir, 'persons.csv');
    writeFileSync(file, 'name,kind\n郑义轩,person\n');
    const run = credence(
      db,
      'screen',
      file,
      '--purpose',
      'procurement_check',
      '--birth-year',
      '1981',
    );
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(`${file}.screened.csv`, 'utf8').trim().split('\n');
    const first = lines.find((l) => l.startsWith('2,郑义轩,1,'));
    expect(first).toContain('310104********');
    expect(first).toContain('date match 0.02: birth year matches');
    expect(lines.find((l) => l.startsWith('2,郑义轩,2,'))).toContain('birth year differs');

    const noPurpose = credence(db, 'screen', file, '--birth-year', '1981');
    expect(noPurpose.code).toBe(1);
    expect(noPurpose.stderr).toContain('SCREEN_PURPOSE_REQUIRED');
    const bad = credence(
      db,
      'screen',
      file,
      '--purpose',
      'procurement_check',
      '--birth-year',
      '81',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('error BIRTH_YEAR_INVALID (field birth-year)');
  });
});
