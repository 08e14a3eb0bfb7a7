import { createRequire } from 'node:module';
import type cliProgressModule from 'cli-progress';

// required on first use of a bar on a terminal, not when a command that never shows one starts
const require = createRequire(import.meta.url);

export interface Progress {
  update(done: number, total: number, note: string): void;
  stop(): void;
}

/** A progress bar on a terminal, plain lines (at most one per ~2 s) otherwise. */
export function progress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const cliProgress = require('cli-progress') as typeof cliProgressModule;
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {note}`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, note) {
        if (!started) bar.start(total, 0, { note });
        started = true;
        bar.update(done, { note });
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  return {
    update(done, total, note) {
      const now = Date.now();
      if (now - last < 2000 && done < total) return;
      last = now;
      stream.write(`${label}: ${total > 0 ? Math.floor((100 * done) / total) : 100}% ${note}\n`);
    },
    stop: () => undefined,
  };
}
