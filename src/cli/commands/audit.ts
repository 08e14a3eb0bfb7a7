import type { Command } from 'commander';
import { withServices } from '../context.js';
import { action, EXIT_RULE } from '../run.js';

const auditService = () => import('../../services/audit/audit.service.js');

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('checkpoint')
    .description('record the root hash of the log so far and print it, as SEQ:HASH, to publish')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (o: { actor: string }, cmd: Command) => {
        const { recordCheckpoint } = await auditService();
        const c = await withServices(cmd, (deps) => recordCheckpoint(deps, o.actor));
        process.stdout.write(`${c.seq}:${c.hash}\n`);
      }),
    );

  audit
    .command('verify')
    .description(
      'walk the log, recompute every hash, and check the checkpoints; exit 1 on any finding',
    )
    .option('--checkpoint <seq:hash...>', 'published checkpoints to check as well')
    .option('--json', 'the whole verification as JSON')
    .action(
      action(async (o: { checkpoint?: string[]; json?: boolean }, cmd: Command) => {
        const { parseCheckpoint, verifyAudit } = await auditService();
        const given = (o.checkpoint ?? []).map((c) => parseCheckpoint(c, '--checkpoint'));
        const v = await withServices(cmd, (deps) => verifyAudit(deps, given));
        if (o.json) process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
        else {
          process.stdout.write(
            `${v.entries} entries, head ${v.head.seq}:${v.head.hash}\n` +
              (v.finding ? `FINDING: ${v.finding.description}\n` : 'the chain holds\n'),
          );
          for (const c of v.checkpoints) {
            const state =
              c.matches === null ? 'NOT REACHED' : c.matches ? 'matches' : 'DOES NOT MATCH';
            process.stdout.write(`checkpoint ${c.seq}:${c.hash} (${c.source}) ${state}\n`);
          }
        }
        if (!v.ok) process.exitCode = EXIT_RULE;
      }),
    );
}
