import type { Command } from 'commander';
import type { SubjectMerge } from '../../domain/subject-merge.js';
import { consoleReader, withServices } from '../context.js';
import { purposesHelp } from '../purposes-help.js';
import { namesOf, renderOverview } from '../render/subject-file.js';
import { action } from '../run.js';

// the services load when a command runs, so that `--help` does not wait for them
const subjects = () => import('../../services/subjects/subjects.service.js');
const merges = () => import('../../services/subjects/subject-merge.service.js');

export function registerSubjectCommands(program: Command): void {
  const subject = program.command('subject').description('register, relate and read subjects');

  subject
    .command('show <identifier>')
    .description(
      "print a subject's file for a purpose: every record it covers, newest first; logged in the subject's inquiry log",
    )
    .requiredOption(
      '--purpose <purpose>',
      'why the file is read: a purpose of the catalog (listed below)',
    )
    .addHelpText('after', ({ command }) => purposesHelp(command))
    .option('--as-of <date>', 'the file as it stood on this date (YYYY-MM-DD)')
    .option('--actor <actor>', 'who reads, for the inquiry log', 'operator')
    .option('--consent-document <id>', "the subject's written consent (consent-based purposes)")
    .option('--consent-date <date>', 'the day consent was given (YYYY-MM-DD)')
    .option('--consent-scope <text>', 'what the consent allows')
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          identifier: string,
          o: {
            purpose: string;
            asOf?: string;
            actor: string;
            json?: boolean;
            consentDocument?: string;
            consentDate?: string;
            consentScope?: string;
          },
          cmd: Command,
        ) => {
          const { inquireFile } = await import('../../services/inquiries/inquiry.service.js');
          const [file, names] = await withServices(
            cmd,
            async (deps) =>
              [
                await inquireFile(deps, {
                  reader: consoleReader(o.actor),
                  identifier,
                  purpose: o.purpose,
                  ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
                  consent: {
                    document: o.consentDocument,
                    date: o.consentDate,
                    scope: o.consentScope,
                  },
                }),
                await namesOf(deps),
              ] as const,
          );
          if (o.json) {
            process.stdout.write(`${JSON.stringify(file, null, 2)}\n`);
            return;
          }
          const withheld = file.withheld
            ? `; ${file.withheld} restricted record(s) this purpose does not cover withheld`
            : '';
          process.stdout.write(
            `${renderOverview(file, names)}\nread for ${file.purpose}, inquiry ${file.inquiry.seq} in the subject's log${withheld}\n`,
          );
        },
      ),
    );

  subject
    .command('register <identifier>')
    .description('register a subject by identifier')
    .requiredOption('--name <name>', 'name (Chinese or Latin)')
    .option('--name-en <name>', 'English name')
    .option(
      '--kind <kind>',
      'person, business, government or social_org (implied by a USCC or RIC)',
    )
    .option('--region <code>', '6-digit division code (implied by a USCC or RIC)')
    .option('--scheme <scheme>', 'identifier scheme (detected when omitted)')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (identifier: string, o: Record<string, string | undefined>, cmd: Command) => {
        const { registerSubject } = await subjects();
        const created = await withServices(cmd, (deps) =>
          registerSubject(
            deps,
            {
              subject_identifier: identifier,
              subject_scheme: o.scheme,
              subject_name: o.name,
              subject_name_en: o.nameEn,
              subject_kind: o.kind,
              subject_region: o.region,
            },
            o.actor ?? 'operator',
          ),
        );
        process.stdout.write(`registered ${created.kind} ${created.id}\n`);
      }),
    );

  subject
    .command('relate <identifier> <relation> <other>')
    .description(
      'record that <other> is the legal_representative, principal, actual_controller or shareholder of <identifier>',
    )
    .option(
      '--basis <document>',
      'the document the relation rests on (required for legal_representative, principal, actual_controller)',
    )
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(
        async (
          identifier: string,
          relation: string,
          other: string,
          o: { actor: string; basis?: string },
          cmd: Command,
        ) => {
          const { addRelation, findSubject } = await subjects();
          await withServices(cmd, async (deps) => {
            const input = { subject: identifier, kind: relation, other, basis: o.basis };
            await addRelation(deps, input, o.actor);
            const s = await findSubject(deps, identifier);
            process.stdout.write(`${s.id}: ${relation} ${other}\n`);
          });
        },
      ),
    );

  registerSubjectChanges(subject);
}

/** What a merge moved, or an undo took back, in one line. */
const movedLine = (m: SubjectMerge): string =>
  Object.entries(m.moved)
    .filter(([, rows]) => (rows as unknown[]).length > 0)
    .map(([part, rows]) => `${(rows as unknown[]).length} ${part}`)
    .join(', ') || 'nothing';

/** rename, merge and unmerge: an operator's changes to subjects */
function registerSubjectChanges(subject: Command): void {
  subject
    .command('rename <identifier> <name>')
    .description("record a subject's new name; the one it replaces is kept as former")
    .option('--lang <lang>', 'zh or en (detected from the name when omitted)')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(
        async (
          identifier: string,
          name: string,
          o: { lang?: string; actor: string },
          cmd: Command,
        ) => {
          const { renameSubject } =
            await import('../../services/subjects/subject-rename.service.js');
          const renamed = await withServices(cmd, (deps) =>
            renameSubject(deps, identifier, { name, ...(o.lang ? { lang: o.lang } : {}) }, o.actor),
          );
          const former = renamed.names.filter((n) => !n.current).map((n) => n.name);
          process.stdout.write(
            `${renamed.id}: now ${name}${former.length ? `; former: ${former.join(', ')}` : ''}\n`,
          );
        },
      ),
    );

  subject
    .command('merge <identifier> <duplicate>')
    .description(
      'merge the <duplicate> subject into <identifier>: its identifiers, names, records, list entries, ratings and cases move; reversible with unmerge',
    )
    .requiredOption('--reason <reason>', 'why the two are one subject')
    .option('--actor <actor>', 'who is acting', 'operator')
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          identifier: string,
          duplicate: string,
          o: { reason: string; actor: string; json?: boolean },
          cmd: Command,
        ) => {
          const { mergeSubjects } = await merges();
          const merged = await withServices(cmd, (deps) =>
            mergeSubjects(deps, { subject: identifier, duplicate, reason: o.reason }, o.actor),
          );
          process.stdout.write(
            o.json
              ? `${JSON.stringify(merged, null, 2)}\n`
              : `merged ${merged.duplicateId} into ${merged.subjectId} as ${merged.id}: moved ${movedLine(merged)}\n`,
          );
        },
      ),
    );

  subject
    .command('unmerge <merge-id>')
    .description('undo a merge: exactly what moved goes back to the duplicate')
    .requiredOption('--reason <reason>', 'why the merge is undone')
    .option('--actor <actor>', 'who is acting', 'operator')
    .action(
      action(async (mergeId: string, o: { reason: string; actor: string }, cmd: Command) => {
        const { undoMerge } = await merges();
        const undone = await withServices(cmd, (deps) =>
          undoMerge(deps, mergeId, o.reason, o.actor),
        );
        process.stdout.write(
          `undid ${undone.id}: ${undone.duplicateId} has its ${movedLine(undone)} back\n`,
        );
      }),
    );

  subject
    .command('merges <identifier>')
    .description('list the merges a subject took part in, oldest first')
    .action(
      action(async (identifier: string, _o: unknown, cmd: Command) => {
        const { mergesOf } = await merges();
        const found = await withServices(cmd, (deps) => mergesOf(deps, identifier));
        for (const m of found)
          process.stdout.write(
            `${m.id} ${m.mergedAt} ${m.duplicateId} into ${m.subjectId}${m.undone ? ` (undone ${m.undone.at})` : ''}: ${m.reason}\n`,
          );
        if (found.length === 0)
          process.stdout.write(`no merges: ${identifier} took part in none\n`);
      }),
    );
}
