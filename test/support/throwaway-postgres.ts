import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL cluster of the test's own (initdb, pg_ctl) on a free port: it can be stopped (an
 * outage) and frozen with SIGSTOP (a hung server) without touching the shared one.
 */
export interface ThrowawayCluster {
  url: string;
  stop(): void;
  start(): void;
  /** SIGSTOP (true) or SIGCONT (false) to the postmaster and every backend */
  freeze(frozen: boolean): void;
  destroy(): void;
  /** a hot standby of this cluster (pg_basebackup -R, streaming) on a free port of its own */
  standby(): Promise<ThrowawayCluster>;
}

/** The directory of initdb and pg_ctl, or null (with why) where none is installed. */
export function postgresBinaries(): { bin: string | null; reason: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort().reverse() : [];
  const bin = versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'pg_ctl')));
  return bin ? { bin, reason: '' } : { bin: null, reason: `no initdb/pg_ctl under ${root}/*/bin` };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function throwawayCluster(bin: string): Promise<ThrowawayCluster> {
  return cluster(bin, (run, data) =>
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']),
  );
}

type Run = (tool: string, args: string[]) => void;

/** A cluster whose data directory `create` makes, started on a free port with its own socket directory. */
async function cluster(
  bin: string,
  create: (run: Run, data: string) => void,
): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root: the cluster then belongs to the postgres account
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  const run: Run = (tool, args) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  try {
    create(run, data);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  // the server's output goes to a file: on a pipe of ours, spawnSync would wait for it to close
  const log = join(dir, 'server.log');
  const start = () =>
    run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', '-t', '30', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  try {
    start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const pids = (): number[] => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], {
      encoding: 'utf8',
    }).stdout;
    return [
      postmaster,
      ...children
        .split('\n')
        .map(Number)
        .filter((p) => p > 0),
    ];
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    freeze(frozen) {
      for (const pid of pids()) process.kill(pid, frozen ? 'SIGSTOP' : 'SIGCONT');
    },
    destroy() {
      try {
        for (const pid of pids()) process.kill(pid, 'SIGCONT');
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
    // initdb's trust rules let 127.0.0.1 replicate; -R writes standby.signal and primary_conninfo
    standby: () =>
      cluster(bin, (runStandby, standbyData) =>
        runStandby('pg_basebackup', [
          ...['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'],
          ...['-D', standbyData, '-R', '-X', 'stream', '--no-sync', '-c', 'fast'],
        ]),
      ),
  };
}
