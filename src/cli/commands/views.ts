import type { Command } from 'commander';
import { CredenceError } from '../../errors.js';
import { withServices } from '../context.js';
import { progress } from '../progress.js';
import { action } from '../run.js';

export function registerViewsCommands(program: Command): void {
  const views = program
    .command('views')
    .description("the subjects' public views the store keeps ready (`serve` keeps them current)");

  views
    .command('build')
    .description("compute and save today's public view of every subject without a current one")
    .option('--batch <n>', 'subjects per transaction', '1000')
    .action(
      action(async (o: { batch: string }, cmd: Command) => {
        const batch = Number(o.batch);
        if (!Number.isSafeInteger(batch) || batch < 1) {
          throw new CredenceError('FIELD_RANGE', '--batch must be a whole number of at least 1', {
            field: '--batch',
          });
        }
        const { buildPublicViews } =
          await import('../../services/disclosure/public-views-build.service.js');
        const bar = progress('views');
        const started = performance.now();
        const built = await withServices(cmd, async (deps) => {
          const { subjects } = await deps.store.counts();
          return buildPublicViews(deps, {
            batch,
            onProgress: (p) => bar.update(p.scanned, subjects, `${p.built} built`),
          }).finally(() => bar.stop());
        });
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stdout.write(
          `${built.built} views built, ${built.scanned} subjects looked at, in ${seconds} s\n`,
        );
      }),
    );
}
