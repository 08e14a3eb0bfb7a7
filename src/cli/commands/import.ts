import type { Command } from 'commander';
import type { ImportFormat } from '../../services/import/readers.js';
import { withServices } from '../context.js';
import { progress } from '../progress.js';
import { action } from '../run.js';

interface ImportOptions {
  format?: ImportFormat;
  report?: string;
  actor: string;
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('import records from CSV or JSON Lines; subjects are created on first sight')
    .option('--format <format>', 'csv or jsonl (default: from the file extension)')
    .option('--report <file>', 'write bad rows here (default: <file>.errors.csv)')
    .option('--actor <actor>', 'who is importing, for the audit log', 'operator')
    .action(
      action(async (file: string, opts: ImportOptions, cmd: Command) => {
        const [{ openErrorReport }, { importFile }] = await Promise.all([
          import('../../services/import/error-report.js'),
          import('../../services/import/import.service.js'),
        ]);
        const reportPath = opts.report ?? `${file}.errors.csv`;
        const report = openErrorReport(reportPath);
        // a report that cannot be written is said before anything is imported
        await report.opened;
        const bar = progress('import');
        const summary = await withServices(cmd, (deps, config) =>
          importFile(deps, file, {
            actor: opts.actor,
            batchSize: config.importBatchSize,
            ...(opts.format ? { format: opts.format } : {}),
            onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `${p.rows} rows`),
            onRejected: (line, problems) => report.write(line, problems),
          }),
        ).finally(() => {
          bar.stop();
          return report.close();
        });
        const { rows, created, unchanged, rejected, warnings, batches } = summary;
        process.stdout.write(
          `imported ${file}: ${rows} rows in ${batches} batches; ${created} created, ${unchanged} unchanged, ${rejected} rejected, ${warnings} with warnings\n`,
        );
        if (rejected > 0) process.stdout.write(`bad rows: ${reportPath}\n`);
      }),
    );
}
