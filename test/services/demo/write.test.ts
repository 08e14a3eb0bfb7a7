import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoData } from '../../../src/services/demo/demo.service.js';
import { generateDemo } from '../../../src/services/demo/generate.js';
import { DEMO_COLUMNS, writeDemoFile } from '../../../src/services/demo/write.js';

const TODAY = '2026-03-15';
const dir = mkdtempSync(join(tmpdir(), 'credence-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = [...generateDemo({ subjects: 300, seed: 7, today: TODAY }).rows()];
const asText = (row: Record<string, unknown>) =>
  Object.fromEntries(DEMO_COLUMNS.map((c) => [c, row[c] === undefined ? '' : String(row[c])]));

describe('writeDemoFile', () => {
  it('writes CSV with the fixed header that reads back to the same rows', async () => {
    const path = join(dir, 'demo.csv');
    expect(await writeDemoFile(path, 'csv', rows)).toBe(rows.length);
    const text = readFileSync(path, 'utf8');
    expect(text.slice(0, text.indexOf('\n'))).toBe(DEMO_COLUMNS.join(','));
    const read = parse(text, { columns: true }) as Record<string, string>[];
    expect(read).toEqual(rows.map(asText));
  });

  it('quotes a cell with a comma, a quote or a line break', async () => {
    const path = join(dir, 'quoted.csv');
    const [first] = rows;
    const tricky = { ...first, facts: 'a, "b"\nc' };
    await writeDemoFile(path, 'csv', [tricky]);
    const [read] = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(read?.facts).toBe('a, "b"\nc');
  });

  it('writes JSON Lines that read back to the same rows', async () => {
    const path = join(dir, 'demo.jsonl');
    expect(await writeDemoFile(path, 'jsonl', rows)).toBe(rows.length);
    const read = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(read).toEqual(rows);
  });

  it('writes exactly the number of records asked for', async () => {
    const path = join(dir, 'exact.jsonl');
    const written = await writeDemoData({
      path,
      format: 'jsonl',
      records: 1234,
      seed: 1,
      today: TODAY,
    });
    expect(written).toBe(1234);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toHaveLength(1234);
  });
});
