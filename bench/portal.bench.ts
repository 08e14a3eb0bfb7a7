/**
 * Portal benchmark (not a test): how long the public subject page takes to show a subject's
 * file in Chromium, over loopback, from a store of N subjects (the serve benchmark's store),
 * served by the real `credence serve` in a child process with the built portal.
 *
 * Each sample opens /subjects/<uscc> of a random business with records and waits until the
 * page shows the subject's name and its records. Cold: a fresh browser context each time (no
 * cached assets, as a first visit). Warm: one context moving from subject to subject (the
 * assets cached, as a visitor looking up a second firm). The target is under 1 s.
 *
 *   npm run bench:portal -- [--subjects 1000000] [--samples 30] [--db <path>]
 *
 * `--db` names a SQLite store to keep: built on the first run, reused on the next.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.js';
import { PORTAL_DIR } from '../src/http/portal.js';
import { launchBrowser } from '../test/e2e/support/browser.js';
import { identifierAt } from './check-data.js';
import { prepareServeStore } from './serve-prepare.js';
import { fmt } from './support.js';

const { values: args } = parseArgs({
  options: {
    subjects: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '30' },
    seed: { type: 'string', default: '7' },
    db: { type: 'string' },
  },
});
const subjects = Number(args.subjects);
const samples = Number(args.samples);
const seed = Number(args.seed);
if (!existsSync(join(PORTAL_DIR, 'index.html'))) {
  throw new Error('the portal is not built: npm run build:web');
}
const dir = mkdtempSync(join(tmpdir(), 'credence-portal-bench-'));
const db = args.db ? resolve(args.db) : join(dir, 'portal.db');

/** The businesses the serve store gave records: every eighth subject index. */
function sampleUsccs(): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const out: string[] = [];
  for (let k = 0; k < samples * 2; k++) {
    const i = Math.floor((next() * subjects) / 8) * 8;
    out.push(identifierAt(i).value);
  }
  return out;
}

async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'bin', 'credence.js'), '--db', db, 'serve', '--port', '0'],
    { env: { ...process.env, CREDENCE_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((done, fail) => {
    child.once('exit', () => fail(new Error('credence serve exited')));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = / at (http:\/\/\S+)$/.exec(line);
      if (found) done(found[1]!);
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
    },
  };
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function report(name: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `  ${name.padEnd(5)} n=${sorted.length}  median ${fmt(pct(sorted, 50))} ms  p95 ` +
      `${fmt(pct(sorted, 95))} ms  max ${fmt(sorted.at(-1) ?? NaN)} ms`,
  );
}

console.log(`Portal benchmark: the public subject page over ${fmt(subjects)} subjects (SQLite)`);
prepareServeStore(db, subjects, seed);
const server = await startServer();
const browser = await launchBrowser();
try {
  const usccs = sampleUsccs();
  const open = async (page: import('playwright-core').Page, uscc: string): Promise<number> => {
    const started = performance.now();
    await page.goto(`${server.url}/subjects/${uscc}`, { waitUntil: 'commit' });
    await page
      .locator('#records')
      .waitFor()
      .catch(async (error: unknown) => {
        throw new Error(`${uscc}: ${String(error)}\n${await page.locator('body').innerText()}`);
      });
    const elapsed = performance.now() - started;
    const name = (await page.locator('h1').textContent()) ?? '';
    if (name.trim() === '') throw new Error(`no name shown for ${uscc}`);
    return elapsed;
  };
  // one untimed visit: the server's statement caches and the browser's start-up
  const first = await browser.newContext();
  await open(await first.newPage(), usccs[samples * 2 - 1]!);
  await first.close();

  const cold: number[] = [];
  for (const uscc of usccs.slice(0, samples)) {
    const context = await browser.newContext();
    cold.push(await open(await context.newPage(), uscc));
    await context.close();
  }
  const warm: number[] = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  await open(page, usccs[0]!);
  for (const uscc of usccs.slice(samples, samples * 2 - 1)) warm.push(await open(page, uscc));
  await context.close();
  console.log('  from navigation to the name and records shown (target: under 1,000 ms)');
  report('cold', cold);
  report('warm', warm);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
