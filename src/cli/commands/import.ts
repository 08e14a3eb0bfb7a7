import type { Command } from 'commander';
import { CredenceError, isCredenceError } from '../../errors.js';
import type { Problem } from '../../services/records/submission.js';
import type { ImportFormat } from '../../services/import/readers.js';
import { withServices } from '../context.js';
import { progress } from '../progress.js';
import { action, EXIT_REJECTED_ROWS } from '../run.js';

interface ImportOptions {
  format?: ImportFormat;
  report?: string;
  actor: string;
  strict?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('import records from CSV or JSON Lines; subjects are created on first sight')
    .option('--format <format>', 'csv or jsonl (default: from the file extension)')
    .option('--report <file>', 'write bad rows here (default: <file>.errors.csv)')
    .option('--actor <actor>', 'who is importing, for the audit log', 'operator')
    .option(
      '--strict',
      'stop at the first rejected row (exit 1); without it, rejected rows are skipped and the import exits 3',
    )
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
        // --strict: the first rejected row stops the import at the batch boundary before it
        const strict = new AbortController();
        let firstRejected: { line: number; problems: readonly Problem[] } | null = null;
        const summary = await withServices(cmd, (deps, config) =>
          importFile(deps, file, {
            actor: opts.actor,
            batchSize: config.importBatchSize,
            ...(opts.format ? { format: opts.format } : {}),
            ...(opts.strict ? { signal: strict.signal } : {}),
            onProgress: (p) => bar.update(p.bytesRead, p.bytesTotal, `${p.rows} rows`),
            onRejected: (line, problems) => {
              report.write(line, problems);
              firstRejected ??= { line, problems };
              if (opts.strict) strict.abort();
            },
          }),
        )
          .catch((error: unknown) => {
            if (!firstRejected || !isCredenceError(error) || error.code !== 'IMPORT_STOPPED')
              throw error;
            const { line, problems } = firstRejected;
            throw new CredenceError(
              'IMPORT_ROW_REJECTED',
              `line ${line} was rejected (${problems.map((p) => `${p.field} ${p.code}`).join(', ')}; every problem is in ${reportPath}); --strict stopped the import: ${String(error.detail.batches)} batches before it are stored (${String(error.detail.created)} records created). Fix the row and run again: rows already stored are skipped`,
              { field: 'file', line },
            );
          })
          .finally(() => {
            bar.stop();
            return report.close();
          });
        const { rows, created, unchanged, rejected, warnings, batches } = summary;
        process.stdout.write(
          `imported ${file}: ${rows} rows in ${batches} batches; ${created} created, ${unchanged} unchanged, ${rejected} rejected, ${warnings} with warnings\n`,
        );
        if (rejected > 0) {
          process.stdout.write(`bad rows: ${reportPath}\n`);
          process.exitCode = EXIT_REJECTED_ROWS;
        }
      }),
    );
}
