import { Command } from 'commander';
import { commands } from './commands/index.js';

// a reader that closes the pipe early (`| head`) has what it wants: stop quietly, as Unix tools do
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

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
