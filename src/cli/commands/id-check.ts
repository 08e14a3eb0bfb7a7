import { Option, type Command } from 'commander';
import { dateOf } from '../../domain/clock.js';
import type { IdentifierInfo } from '../../domain/identifiers/index.js';
import { IDENTIFIER_SCHEMES, type IdentifierScheme } from '../../domain/subject.js';
import { action } from '../run.js';
import type { RegisterCommand } from './index.js';

/** `credence id check <value>`: validates an identifier and prints what it encodes. */
export const registerIdCheck: RegisterCommand = (program: Command) => {
  const id =
    program.commands.find((c) => c.name() === 'id') ??
    program.command('id').description('work with identifiers (USCC, resident ID, LEI, …)');

  id.command('check <value>')
    .description('validate an identifier and show its scheme, normal form and what it encodes')
    .addOption(
      new Option('--scheme <scheme>', 'the scheme (detected when omitted)').choices(
        IDENTIFIER_SCHEMES,
      ),
    )
    .option('--json', 'print JSON')
    .action(
      action(async (value: string, opts: { scheme?: IdentifierScheme; json?: boolean }) => {
        // the division tables load with the parser, here and not at start-up
        const { parseIdentifier } = await import('../../domain/identifiers/index.js');
        const today = dateOf(new Date());
        const info = parseIdentifier(value, {
          today,
          ...(opts.scheme ? { scheme: opts.scheme } : {}),
        });
        process.stdout.write(opts.json ? `${JSON.stringify(info, null, 2)}\n` : renderInfo(info));
      }),
    );
};

function renderInfo(info: IdentifierInfo): string {
  const rows: [string, string | undefined][] = [
    ['scheme', info.scheme],
    ['value', info.value],
    ['kind', info.kind],
    ['authority', info.registrationAuthority],
    ['entity type', info.entityType],
    ['birth date', info.birthDate],
    ['sex', info.sex],
    ['region', info.region ? `${info.region} ${info.regionName ?? '(unknown)'}` : undefined],
  ];
  const lines = rows.filter(([, v]) => v !== undefined).map(([k, v]) => `${k.padEnd(12)}${v}`);
  for (const w of info.warnings) lines.push(`warning ${w.code}: ${w.message}`);
  return `${lines.join('\n')}\n`;
}
