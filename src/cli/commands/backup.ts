import type { Command } from 'commander';
import { configOf, withServices } from '../context.js';
import { action, EXIT_RULE } from '../run.js';

/** `backup` and `restore`: a consistent copy with an audit checkpoint, and putting one back. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup <destination>')
    .description(
      'record an audit checkpoint and write a consistent copy of the store to a new file (SQLite: online backup; PostgreSQL: pg_dump custom format); writers may go on',
    )
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (destination: string, o: { actor: string }, cmd: Command) => {
        const { backupStore } = await import('../../services/backup/backup.service.js');
        const b = await withServices(cmd, (deps) => backupStore(deps, destination, o.actor));
        process.stdout.write(
          `backup written to ${b.destination}\ncheckpoint ${b.checkpoint.seq}:${b.checkpoint.hash} (publish it: a store restored from an older copy does not reach it)\n`,
        );
      }),
    );

  program
    .command('restore <backup>')
    .description(
      'put a backup in place of the store (--db), then verify its audit chain; no server may use the store meanwhile',
    )
    .option('--force', 'SQLite: replace an existing file')
    .option('--checkpoint <seq:hash...>', 'published checkpoints the restored store must reach')
    .action(
      action(
        async (backup: string, o: { force?: boolean; checkpoint?: string[] }, cmd: Command) => {
          const [{ restoreBackup }, { parseCheckpoint, verifyAudit }] = await Promise.all([
            import('../../store/restore.js'),
            import('../../services/audit/audit.service.js'),
          ]);
          await restoreBackup(configOf(cmd).databaseUrl, backup, o.force === true);
          const given = (o.checkpoint ?? []).map((c) => parseCheckpoint(c, '--checkpoint'));
          const v = await withServices(cmd, (deps) => verifyAudit(deps, given));
          process.stdout.write(
            `restored ${backup}: ${v.entries} audit entries, head ${v.head.seq}:${v.head.hash}\n` +
              (v.finding ? `FINDING: ${v.finding.description}\n` : 'the chain holds\n'),
          );
          for (const c of v.checkpoints.filter((c) => c.matches !== true))
            process.stdout.write(
              `checkpoint ${c.seq}:${c.hash} (${c.source}) ${c.matches === null ? 'NOT REACHED: an older copy' : 'DOES NOT MATCH'}\n`,
            );
          if (!v.ok) process.exitCode = EXIT_RULE;
        },
      ),
    );
}
