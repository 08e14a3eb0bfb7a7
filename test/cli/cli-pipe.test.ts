import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

describe('the CLI as the left side of a pipe', () => {
  it('stops quietly when the reader closes the pipe early (| head), with no EPIPE trace', () => {
    // the shell's own pipe: `head -c 1` reads one byte of the long document and closes
    const piped = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" openapi | head -c 1 >/dev/null`],
      { encoding: 'utf8' },
    );
    expect(piped.stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
  }, 60_000);
});
