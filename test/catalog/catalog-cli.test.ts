import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDefaultCatalog } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');
const env = { ...process.env, CREDENCE_CATALOG: '' };
const credence = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/credence-dev.js', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });

let copy: Awaited<ReturnType<typeof copyDefaultCatalog>> | null = null;
afterEach(async () => {
  await copy?.remove();
  copy = null;
});

describe('credence catalog', () => {
  it('validate: says the default catalog is valid and exits 0', () => {
    const sut = credence('catalog', 'validate');
    expect(sut.stderr).toBe('');
    expect(sut.stdout).toMatch(
      /^catalog cn-default \d{4}\.\d+: 19 record types, 12 list types, \d+ measures, 3 rating models, \d+ domains, 5 purposes, 2 memberships — valid\n(layer \d{6} .* — valid\n)*$/,
    );
    expect(sut.status).toBe(0);
  });

  it('validate: prints every problem of a broken catalog as file: path: message and exits 1', async () => {
    copy = await copyDefaultCatalog();
    await copy.edit('record-types/court_enforcement.yaml', (t) =>
      t.replace('domains: [judicial]', 'domains: [courts]'),
    );
    await copy.edit('purposes.yaml', (t) =>
      t.replace('recordTypes: [loan_default]', 'recordTypes: [credit_score]'),
    );
    const sut = credence('catalog', 'validate', copy.dir);
    expect(sut.status).toBe(1);
    expect(sut.stderr).toMatch(
      /^record-types\/court_enforcement\.yaml:\d+: record-types\.court_enforcement\.domains\[0\]: unknown domain "courts"/m,
    );
    expect(sut.stderr).toMatch(
      /^purposes\.yaml:\d+: purposes\[1\]\.recordTypes\[0\]: unknown record type "credit_score"$/m,
    );
    expect(sut.stderr).toContain('2 problems');
  });

  it('validate: takes the directory from the global --catalog option', async () => {
    copy = await copyDefaultCatalog();
    await copy.write('domains.yaml', 'domains: [\n');
    const sut = credence('--catalog', copy.dir, 'catalog', 'validate');
    expect(sut.status).toBe(1);
    expect(sut.stderr).toMatch(/^domains\.yaml:2: YAML syntax/m);
  });

  it('show: lists the record types, and one type with its fields and publication rule', () => {
    const list = credence('catalog', 'show');
    expect(list.status).toBe(0);
    const lines = list.stdout.trim().split('\n');
    // 19 national record types and 2 of the regional layers (issue 22)
    expect(lines.indexOf('list types (13):')).toBe(22);
    expect(list.stdout).toMatch(/^rc_civic_honour\s.*\[荣成市规则 \/ Rongcheng city rules\]$/m);
    const one = credence('catalog', 'show', 'admin_penalty');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('publication: by severity from decision_date: minor P3M');
    expect(one.stdout).toMatch(/fine_amount\s+money/);
  });

  it('show: lists the list types and measures, and describes one of each', () => {
    const list = credence('catalog', 'show');
    expect(list.stdout).toMatch(/^dishonest_judgment_debtors\s+black\s+decided\s+P2Y\s/m);
    expect(list.stdout).toMatch(/^measures \(\d+\):$/m);
    expect(list.stdout).toMatch(
      /^consumption_high_speed_rail\s+restriction\s+deny\s+rail\.g_train_ticket/m,
    );
    const one = credence('catalog', 'show', 'dishonest_judgment_debtors');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('circumstances able_but_refuses: until performed');
    expect(one.stdout).toContain('removal on performance: performance full, within 3 working days');
    const measure = credence('catalog', 'show', 'procurement_ban');
    expect(measure.stdout).toContain('kind: restriction; answers deny for procurement.bid');
  });

  it('show: gives descriptions, removal conditions and provision notes in the language asked', () => {
    const zh = credence('catalog', 'show', 'dishonest_judgment_debtors', '--lang', 'zh');
    expect(zh.status).toBe(0);
    expect(zh.stdout).toContain('在最高人民法院失信被执行人名单上公布');
    expect(zh.stdout).toContain(
      'early removal: at any time, when 被执行人积极履行义务或者主动纠正失信行为',
    );
    expect(zh.stdout).toContain(
      '《最高人民法院关于公布失信被执行人名单信息的若干规定（法释〔2017〕7号）》第一条（六种失信情形）',
    );
    expect(zh.stdout).not.toContain('Art. 1');
    const en = credence('catalog', 'show', 'dishonest_judgment_debtors');
    expect(en.stdout).toContain("Published on the Supreme People's Court list");
    expect(en.stdout).toContain('Art. 1 (the six dishonest circumstances)');
    expect(en.stdout).not.toContain('第一条（六种失信情形）');
  });

  it('show: refuses an unknown type with exit 1', () => {
    const sut = credence('catalog', 'show', 'credit_score');
    expect(sut.status).toBe(1);
    expect(sut.stderr).toContain('RECORD_TYPE_UNKNOWN');
  });
});
