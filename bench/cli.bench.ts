/**
 * How long the CLI takes to answer, as a person runs it (`bin/credence.js`, compiled in dist/),
 * beside bare `node -e 0` measured in the same run, rounds interleaved so that a busy machine
 * weighs on each alike. Targets (issue 24): `--help` within 0.2 s of bare node, `id check`
 * within 0.4 s, a command that opens the store and the catalog within 1 s on the demo store.
 *
 *   npm run bench:cli [-- --rounds 10] [--no-build]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../src/config.js';

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1] ?? 10) || 10;
const BIN = join(PROJECT_ROOT, 'bin', 'credence.js');
// a fictional USCC whose check character is right
const USCC = '91110105MA00CRED0D';

if (!args.includes('--no-build')) {
  console.log('building dist/ (npm run build, not measured)…');
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}

const dir = mkdtempSync(join(tmpdir(), 'credence-cli-bench-'));
const db = join(dir, 'demo.db');
try {
  console.log('loading the demo store (credence demo --subjects 1000, not measured)…');
  execFileSync(process.execPath, [BIN, '--db', db, 'demo', '--subjects', '1000', '--dir', dir], {
    stdio: 'ignore',
  });
  const reader = new Database(db, { readonly: true });
  const { value } = reader
    .prepare("SELECT value FROM subject_identifiers WHERE scheme = 'uscc' ORDER BY value LIMIT 1")
    .get() as { value: string };
  reader.close();

  const cases: [string, string[], number | null][] = [
    ['node -e 0', ['-e', '0'], null],
    ['credence --help', [BIN, '--help'], 0.2],
    [`credence id check ${USCC}`, [BIN, 'id', 'check', USCC], 0.4],
    [
      `credence subject show <uscc> (store + catalog)`,
      [BIN, '--db', db, 'subject', 'show', value, '--purpose', 'supervision'],
      1,
    ],
  ];
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    cases.forEach(([name, argv], i) => {
      const started = performance.now();
      const run = spawnSync(process.execPath, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
      times[i]!.push((performance.now() - started) / 1000);
      if (run.status !== 0) throw new Error(`${name} exited ${run.status}: ${run.stderr}`);
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const bare = median(times[0]!);
  console.log(`\n${rounds} rounds, median wall time per command (s):`);
  cases.forEach(([name, , target], i) => {
    const m = median(times[i]!);
    const over = m - bare;
    const verdict =
      target === null
        ? ''
        : `  +${over.toFixed(3)} over node (target ${target}: ${over <= target ? 'met' : 'MISSED'})`;
    console.log(`  ${name.padEnd(52)} ${m.toFixed(3)}${verdict}`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
