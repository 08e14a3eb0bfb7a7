import type { Command } from 'commander';
import { CredenceError } from '../../errors.js';
import { withServices } from '../context.js';
import { action } from '../run.js';

const records = () => import('../../services/records/records.service.js');

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerRecordCommands(program: Command): void {
  const record = program.command('record').description('correct or revoke records');

  record
    .command('correct <versionId>')
    .description('correct the current version of a record: a new version that supersedes it')
    .requiredOption('--reason <text>', 'why the record is corrected')
    .option('--set <field=value>', 'a changed column or field (repeatable)', collect, [])
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(
        async (id: string, o: { reason: string; set: string[]; actor: string }, cmd: Command) => {
          const changes: Record<string, string> = {};
          for (const pair of o.set) {
            const eq = pair.indexOf('=');
            if (eq < 1)
              throw new CredenceError('FIELD_UNKNOWN', `--set needs field=value, got "${pair}"`, {
                field: 'set',
              });
            changes[pair.slice(0, eq)] = pair.slice(eq + 1);
          }
          const { correctRecord } = await records();
          const v = await withServices(cmd, (deps) =>
            correctRecord(deps, id, changes, o.reason, o.actor),
          );
          process.stdout.write(`record ${v.recordId} corrected: version ${v.version} is ${v.id}\n`);
        },
      ),
    );

  record
    .command('revoke <versionId>')
    .description('revoke a record: a final version that withdraws it')
    .requiredOption('--reason <text>', 'why the record is revoked')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (id: string, o: { reason: string; actor: string }, cmd: Command) => {
        const { revokeRecord } = await records();
        const v = await withServices(cmd, (deps) => revokeRecord(deps, id, o.reason, o.actor));
        process.stdout.write(`record ${v.recordId} revoked: version ${v.version} is ${v.id}\n`);
      }),
    );
}
