import type { Command } from 'commander';
import { describeType, describeTypeLine } from '../../catalog/describe.js';
import { formatProblem, loadCatalog, validateCatalogDir } from '../../catalog/load.js';
import { CredenceError } from '../../errors.js';
import { readConfig } from '../../config.js';
import { action, EXIT_RULE } from '../run.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** the catalog directory: the global --catalog option, else the configuration */
const catalogDir = (cmd: Command): string =>
  cmd.optsWithGlobals<{ catalog?: string }>().catalog ?? readConfig().catalogDir;

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('validate and inspect the catalog');

  catalog
    .command('validate [dir]')
    .description(
      'check a catalog directory and print every problem (default: --catalog or CREDENCE_CATALOG)',
    )
    .action(
      action(async (dir: string | undefined, _o: unknown, cmd: Command) => {
        const path = dir ?? catalogDir(cmd);
        const { catalog: c, problems } = await validateCatalogDir(path);
        if (c) {
          out(
            `catalog ${c.id} ${c.version}: ${c.recordTypes.size} record types, ${c.domains.size} domains, ${c.purposes.size} purposes — valid`,
          );
          return;
        }
        for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
        process.stderr.write(
          `catalog at ${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`,
        );
        process.exitCode = EXIT_RULE;
      }),
    );

  catalog
    .command('show [type]')
    .description('list the record types, or show one type with its fields and publication rule')
    .action(
      action(async (typeId: string | undefined, _o: unknown, cmd: Command) => {
        const c = await loadCatalog(catalogDir(cmd));
        if (!typeId) {
          out(`catalog ${c.id} ${c.version}`);
          for (const t of c.recordTypes.values()) out(describeTypeLine(t));
          return;
        }
        const type = c.recordTypes.get(typeId);
        if (!type) {
          const known = [...c.recordTypes.keys()].join(', ');
          throw new CredenceError(
            'RECORD_TYPE_UNKNOWN',
            `no record type "${typeId}" (known: ${known})`,
            { field: 'type' },
          );
        }
        describeType(type).forEach(out);
      }),
    );
}
