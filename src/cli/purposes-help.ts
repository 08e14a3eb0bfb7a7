import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Command } from 'commander';
import type yamlModule from 'yaml';
import { readConfig } from '../config.js';

const require = createRequire(import.meta.url);

interface PurposeEntry {
  id?: unknown;
  name?: { zh?: unknown; en?: unknown };
  consent?: unknown;
}

/**
 * The purposes of the catalog in use, for a command's help: read when the help is shown (the
 * catalog's purposes file alone, so that `--help` does not wait for the whole catalog).
 */
export function purposesHelp(command: Command): string {
  const dir = command.optsWithGlobals<{ catalog?: string }>().catalog ?? readConfig().catalogDir;
  try {
    const { parse } = require('yaml') as typeof yamlModule;
    const data = parse(readFileSync(join(dir, 'purposes.yaml'), 'utf8')) as {
      purposes?: PurposeEntry[];
    };
    const lines = (data.purposes ?? []).map(
      (p) =>
        `  ${String(p.id).padEnd(20)} ${String(p.name?.en ?? '')} ${String(p.name?.zh ?? '')}${p.consent === true ? ' (needs the subject’s written consent)' : ''}`,
    );
    return `\nPurposes (--purpose), from the catalog at ${dir}:\n${lines.join('\n')}\n`;
  } catch {
    return `\nPurposes (--purpose): those of the catalog (credence catalog validate ${dir} says what is wrong with it)\n`;
  }
}
