import { rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CredenceError } from '../../errors.js';

/** What readiness asks of the file system under a SQLite store (injected in tests). */
export interface DiskCheck {
  /** bytes an unprivileged writer may still use on the file system holding `dir` */
  freeBytes(dir: string): Promise<number>;
  /** writes (and removes) a small file in `dir`; rejects as the file system refuses it */
  writeProbe(dir: string): Promise<void>;
}

// about a WAL frame of a few pages: a disk that cannot take it cannot take a commit
const PROBE_BYTES = 16 * 1024;

export const fileSystemDisk: DiskCheck = {
  async freeBytes(dir) {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  },
  async writeProbe(dir) {
    const probe = join(dir, `.credence-ready-${process.pid}`);
    try {
      await writeFile(probe, Buffer.alloc(PROBE_BYTES), { flush: true });
    } finally {
      await rm(probe, { force: true });
    }
  },
};

const NO_SPACE = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);

/** Whether an error (or its cause) is a file system or SQLite out of space. */
export function isNoSpace(error: unknown): boolean {
  for (let e = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (NO_SPACE.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}

const mib = (bytes: number) => `${Math.floor(bytes / 2 ** 20)} MiB`;

// the message reaches anonymous callers of /ready: it names no path
export const diskFull = (why: string, cause?: unknown) =>
  new CredenceError('STORE_DISK_FULL', `the store's file system is full: ${why}`, {
    ...(cause instanceof Error ? { cause: cause.message } : {}),
  });

/**
 * Throws STORE_DISK_FULL where the directory of a store has less room than `minFreeBytes`, or
 * where a small write into it is refused for want of space.
 */
export async function checkDisk(disk: DiskCheck, dir: string, minFreeBytes: number) {
  const free = await disk.freeBytes(dir);
  if (free < minFreeBytes)
    throw diskFull(`${mib(free)} free, under the floor of ${mib(minFreeBytes)}`);
  try {
    await disk.writeProbe(dir);
  } catch (error) {
    if (isNoSpace(error)) throw diskFull('a write was refused for want of space', error);
    throw error;
  }
}
