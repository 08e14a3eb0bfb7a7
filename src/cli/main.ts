import { Command } from 'commander';
import { commands } from './commands/index.js';

const program = new Command('credence')
  .description('Credence: a credit-information registry with due process inside')
  .option(
    '--db <url>',
    'SQLite file path or postgres:// URL (default: DATABASE_URL or .data/credence.db)',
  )
  .option('--catalog <dir>', 'catalog directory (default: CREDENCE_CATALOG or catalogs/default)')
  .showHelpAfterError();

for (const register of commands) register(program);

await program.parseAsync(process.argv);
