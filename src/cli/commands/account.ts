import type { Command } from 'commander';
import { withServices } from '../context.js';
import { action } from '../run.js';

const accounts = () => import('../../services/accounts/accounts.service.js');

export function registerAccountCommands(program: Command): void {
  const account = program.command('account').description('API accounts: create, list, disable');

  account
    .command('add')
    .description('create an account and print its API key (shown this once)')
    .requiredOption('--name <name>', 'who the account is for')
    .requiredOption(
      '--role <role>',
      'operator, furnisher, decider, implementer, inquirer or subject',
    )
    .option(
      '--authority <uscc>',
      'the authority or institution it acts for (every role but subject)',
    )
    .option('--subject <identifier>', 'the subject whose own account it is (role subject)')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(
        async (
          o: { name: string; role: string; authority?: string; subject?: string; actor: string },
          cmd: Command,
        ) => {
          const { createAccount } = await accounts();
          const { actor, ...input } = o;
          const created = await withServices(cmd, (deps) => createAccount(deps, input, actor));
          const a = created.account;
          process.stdout.write(
            `account ${a.id} ${a.role} for ${a.authorityId ?? a.subjectId}\napi key: ${created.apiKey}\n`,
          );
        },
      ),
    );

  account
    .command('list')
    .description('every account, without keys')
    .option('--json', 'JSON Lines')
    .action(
      action(async (o: { json?: boolean }, cmd: Command) => {
        const { shownAccount } = await accounts();
        await withServices(cmd, async (deps) => {
          let after = '';
          for (;;) {
            const page = await deps.store.listAccounts(after, 500);
            for (const a of page) {
              process.stdout.write(
                o.json
                  ? `${JSON.stringify(shownAccount(a))}\n`
                  : `${a.id}  ${a.role.padEnd(11)} ${(a.authorityId ?? a.subjectId ?? '').padEnd(18)}  ${a.name}${a.disabledAt ? `  (disabled ${a.disabledAt})` : ''}\n`,
              );
            }
            if (page.length < 500) break;
            after = page.at(-1)?.id ?? after;
          }
        });
      }),
    );

  account
    .command('disable <id>')
    .description('disable an account: its key and tokens stop working at once')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (id: string, o: { actor: string }, cmd: Command) => {
        const { disableAccount } = await accounts();
        await withServices(cmd, (deps) => disableAccount(deps, id, o.actor));
        process.stdout.write(`account ${id} disabled\n`);
      }),
    );
}
