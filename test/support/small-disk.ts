import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { appendFile, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiskCheck } from '../../src/store/sqlite/sqlite-disk.js';

const MIB = 2 ** 20;
const CHUNK = Buffer.alloc(64 * 1024);

/**
 * A small file system for a store: a real tmpfs of `mib` MiB where this machine lets the test
 * mount one (it runs as root), else a directory whose room is only counted, with the readiness
 * check injected (`disk`), so that the free-space path is asserted all the same.
 */
export interface SmallDisk {
  dir: string;
  /** null on a real tmpfs; else the check a store must be opened with */
  disk: DiskCheck | null;
  /** takes room until `mib` MiB are left free (0: until a write is refused) */
  fill(mib: number): Promise<void>;
  /** gives back what `fill` took */
  clear(): Promise<void>;
  /** makes the file system `mib` MiB in all (remount) */
  grow(mib: number): void;
  destroy(): void;
}

/** Mounts a tmpfs, or says why it cannot: `{ disk }` or `{ reason }`. */
export function mountTmpfs(mib: number): { disk: SmallDisk } | { reason: string } {
  const dir = mkdtempSync(join(tmpdir(), 'credence-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `cannot mount a tmpfs here (${(error as Error).message.split('\n')[0]})` };
  }
  const ballast = join(dir, 'ballast');
  return {
    disk: {
      dir,
      disk: null,
      async fill(left) {
        for (;;) {
          const s = await statfs(dir);
          if (left > 0 && s.bavail * s.bsize <= left * MIB) return;
          try {
            await appendFile(ballast, CHUNK);
          } catch (error) {
            if ((error as { code?: string }).code === 'ENOSPC') return;
            throw error;
          }
        }
      },
      clear: () => rm(ballast, { force: true }),
      grow(size) {
        execFileSync('mount', ['-o', `remount,size=${size}m`, dir], { stdio: 'pipe' });
      },
      destroy() {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
        rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}

/** A directory of `mib` MiB counted, not mounted: the injected check answers from the count. */
export function countedDisk(mib: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'credence-disk-'));
  let size = mib * MIB;
  let taken = 0;
  return {
    dir,
    disk: {
      freeBytes: async () => size - taken,
      async writeProbe() {
        if (size - taken < 16 * 1024)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    },
    async fill(left) {
      taken = size - left * MIB;
    },
    async clear() {
      taken = 0;
    },
    grow(total) {
      size = total * MIB;
    },
    destroy: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A tmpfs where one can be mounted, else a counted directory (saying why, once). */
export function smallDisk(mib: number): SmallDisk {
  const mounted = mountTmpfs(mib);
  if ('disk' in mounted) return mounted.disk;
  console.log(`disk-full tests count free space instead of filling a tmpfs: ${mounted.reason}`);
  return countedDisk(mib);
}
