import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { CheckQuery } from '../../services/lists/check.service.js';
import { withServices } from '../context.js';
import { renderCheck } from '../render/list-entries.js';
import { action } from '../run.js';

export function registerCheck(program: Command): void {
  program
    .command('check [identifier] [action]')
    .description(
      'may we grant ACTION (e.g. rail.g_train_ticket) to this subject? allow, deny or review, with reasons',
    )
    .option('--date <date>', 'as of this date (default today)')
    .option(
      '--batch <file>',
      'a CSV with columns identifier,action[,date]; prints one JSON line per row',
    )
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          identifier: string | undefined,
          act: string | undefined,
          o: { date?: string; batch?: string; json?: boolean },
          cmd: Command,
        ) => {
          const { checkAction, checkBatch } = await import('../../services/lists/check.service.js');
          if (o.batch) {
            const { parse } = await import('csv-parse/sync');
            const rows = parse(await readFile(o.batch, 'utf8'), {
              columns: true,
              skip_empty_lines: true,
              trim: true,
            }) as CheckQuery[];
            const results = await withServices(cmd, (deps) => checkBatch(deps, rows));
            for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
            return;
          }
          const query = {
            identifier: identifier ?? '',
            action: act ?? '',
            ...(o.date !== undefined ? { date: o.date } : {}),
          };
          const result = await withServices(cmd, (deps) => checkAction(deps, query));
          process.stdout.write(
            o.json ? `${JSON.stringify(result, null, 2)}\n` : renderCheck(result),
          );
        },
      ),
    );
}
