import type { Command } from 'commander';
import { withServices } from '../context.js';
import { action } from '../run.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the database (or bring its schema up to date) and check the catalog')
    .action(
      action(async (_o: unknown, cmd: Command) => {
        await withServices(cmd, async (deps) => {
          const counts = await deps.store.counts();
          process.stdout.write(
            `ready: ${deps.store.label}; catalog ${deps.catalog.version} with ${deps.catalog.recordTypes.size} record types; ` +
              `${counts.subjects} subjects, ${counts.records} records\n`,
          );
        });
      }),
    );
}
