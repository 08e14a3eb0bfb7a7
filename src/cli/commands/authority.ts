import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { AuthorityInput } from '../../services/authorities.service.js';
import { CredenceError } from '../../errors.js';
import { withServices } from '../context.js';
import { action } from '../run.js';

const authorities = () => import('../../services/authorities.service.js');

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function registerAuthorityCommands(program: Command): void {
  const authority = program.command('authority').description('register and list authorities');

  authority
    .command('add <uscc>')
    .description('register (or update) an authority with its domains and regions')
    .requiredOption('--name <name>', 'name')
    .option('--name-en <name>', 'English name')
    .requiredOption('--domains <list>', 'comma-separated catalog domains, e.g. market,tax')
    .requiredOption('--regions <list>', 'comma-separated division codes; 000000 is national')
    .option('--reason <text>', 'why: required to change an authority that exists')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(
        async (
          id: string,
          o: {
            name: string;
            nameEn?: string;
            domains: string;
            regions: string;
            reason?: string;
            actor: string;
          },
          cmd: Command,
        ) => {
          const input = {
            id,
            name: o.name,
            nameEn: o.nameEn ?? null,
            domains: list(o.domains),
            regions: list(o.regions),
          };
          const { registerAuthority } = await authorities();
          const a = await withServices(cmd, (deps) =>
            registerAuthority(deps, input, o.actor, o.reason ?? null),
          );
          process.stdout.write(
            `authority ${a.id} ${a.name}: ${a.domains.join(',')} in ${a.regions.join(',')}\n`,
          );
        },
      ),
    );

  authority
    .command('load <file>')
    .description(
      'register every authority in a YAML file (a list of {id, name, nameEn, domains, regions})',
    )
    .option('--reason <text>', 'why: required to change authorities that exist')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (file: string, o: { actor: string; reason?: string }, cmd: Command) => {
        const [{ parse }, { registerAuthority }] = await Promise.all([
          import('yaml'),
          authorities(),
        ]);
        const data: unknown = parse(await readFile(file, 'utf8'));
        if (!Array.isArray(data))
          throw new CredenceError(
            'AUTHORITY_INVALID',
            `${file} must hold a YAML list of authorities`,
            { field: 'file' },
          );
        await withServices(cmd, async (deps) => {
          for (const item of data as AuthorityInput[])
            await registerAuthority(deps, item, o.actor, o.reason ?? null);
        });
        process.stdout.write(`registered ${data.length} authorities from ${file}\n`);
      }),
    );

  authority
    .command('list')
    .description('list authorities')
    .option('--json', 'print JSON: { authorities: [{ id, name, nameEn, domains, regions }] }')
    .action(
      action(async (o: { json?: boolean }, cmd: Command) => {
        const all = await withServices(cmd, (deps) => deps.store.listAuthorities());
        if (o.json)
          return void process.stdout.write(`${JSON.stringify({ authorities: all }, null, 2)}\n`);
        for (const a of all)
          process.stdout.write(
            `${a.id}  ${a.name}  [${a.domains.join(',')}]  ${a.regions.join(',')}\n`,
          );
      }),
    );
}
