import { credence } from '../support/cli.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/import-files.js';
import { NATIONAL_TAX } from '../support/lists.js';
import { BEIJING_FIRM, SHANGHAI_FIRM } from '../support/registry.js';

const rating = (identifier: string, year: number, grade: string) => ({
  subject_identifier: identifier,
  subject_name: '某某科技有限公司',
  type: 'tax_rating',
  authority: NATIONAL_TAX,
  source_ref: `TR-${identifier}-${year}`,
  legal_basis: '纳税信用管理办法 第十五条',
  decision_date: `${year + 1}-04-01`,
  year: String(year),
  grade,
});

describe('credence rate', () => {
  it('runs a model over the store, compares two runs and shows the rating in the file', () => {
    const dir = tempDir();
    const db = join(dir, 'rate.db');
    const ok = (r: ReturnType<typeof credence>) => {
      expect(r.code, r.stderr).toBe(0);
      return r.stdout;
    };
    const tax = ['--name', '国家税务总局', '--domains', 'tax', '--regions', '000000'];
    ok(credence(db, 'authority', 'add', NATIONAL_TAX, ...tax));
    const file = join(dir, 'tax.jsonl');
    const rows = [rating(BEIJING_FIRM, 2022, 'A'), rating(SHANGHAI_FIRM, 2023, 'B')];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    expect(ok(credence(db, 'import', file))).toContain('2 created');

    const first = ok(credence(db, 'rate', '--model', 'tax_credit_rating'));
    expect(first).toMatch(/^run (run_\S+): tax_credit_rating 2026\.1 as of \d{4}-\d{2}-\d{2}\n/);
    expect(first).toMatch(/rated 2 subjects: /);
    const runA = /^run (run_\S+):/.exec(first)![1]!;
    const draft = ok(credence(db, 'rate', '--model', 'tax_credit_rating', '--draft'));
    expect(draft).toContain('(draft: not published)');
    const runB = /^run (run_\S+):/.exec(draft)![1]!;

    const matrix = ok(credence(db, 'rate', 'compare', runA, runB));
    expect(matrix).toContain(`A: ${runA}`);
    expect(matrix).toMatch(/^A \\ B/m);
    expect(matrix).toContain('unchanged 2, changed 0, only in A 0, only in B 0');

    const migration = JSON.parse(ok(credence(db, 'rate', 'compare', runA, runB, '--json'))) as {
      from: { id: string };
      to: { id: string };
    };
    expect([migration.from.id, migration.to.id]).toEqual([runA, runB]);
    const listed = ok(credence(db, 'rate', 'runs'));
    expect(listed).toContain(runA);
    expect(listed).toContain(`${runB}  tax_credit_rating`);
    const runs = JSON.parse(ok(credence(db, 'rate', 'runs', '--json'))) as {
      runs: { id: string }[];
    };
    expect(runs.runs.map((r) => r.id).sort()).toEqual([runA, runB].sort());
    expect(ok(credence(db, 'rate', 'runs', '--model', 'city_personal_score'))).toContain(
      'no rating runs of city_personal_score',
    );
    const other = ok(credence(db, 'rate', '--model', 'city_personal_score'));
    const runC = /^run (run_\S+):/.exec(other)![1]!;
    const mixed = credence(db, 'rate', 'compare', runA, runC);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('error RATING_RUNS_INCOMPARABLE');

    const shown = ok(credence(db, 'subject', 'show', BEIJING_FIRM, '--purpose', 'supervision'));
    expect(shown).toContain('Ratings: 1');
    expect(shown).toMatch(/tax_credit_rating 2026\.1 as of .*: grade \S+/);

    const unknown = credence(db, 'rate', '--model', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('error RATING_MODEL_UNKNOWN (field model)');
    const missing = credence(db, 'rate', 'compare', runA, 'run_nobody');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error RATING_RUN_NOT_FOUND (field run_b)');
  }, 240_000);
});
