import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Runs a phase script in its own process (so peak RSS is its own) and parses its last JSON line. */
export function runPhaseProcess<T>(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): T {
  const out = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/** Runs `fn` against a fresh PostgreSQL database, dropped afterwards. */
export async function withPgDatabase<T>(
  adminUrl: string,
  prefix: string,
  fn: (url: string) => T | Promise<T>,
): Promise<T> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * CPU seconds the whole machine has been busy (every process, every core), from /proc/stat;
 * null where there is none. The difference over a phase counts a database server's work too.
 */
export function machineBusySeconds(): number | null {
  let line: string;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  } catch {
    return null;
  }
  // user nice system idle iowait irq softirq steal, in clock ticks of 1/100 s
  const [user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100
  );
}
