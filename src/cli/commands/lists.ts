import type { Command } from 'commander';
import type { RemovalReason } from '../../domain/list-entry.js';
import type { noticeEntry } from '../../services/lists/entries.service.js';
import { withServices } from '../context.js';
import { renderEntries, renderEntry } from '../render/list-entries.js';
import { action } from '../run.js';

interface ActOptions {
  authority: string;
  reason: string;
  actor: string;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
// the services load when a command runs, so that `--help` does not wait for them
const entries = () => import('../../services/lists/entries.service.js');
const queries = () => import('../../services/lists/queries.service.js');

const print = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

/** Adds the options every decider action takes. */
const acting = (cmd: Command) =>
  cmd
    .requiredOption('--authority <uscc>', 'the acting authority')
    .requiredOption('--reason <text>', 'the reasons, recorded with the transition')
    .option('--actor <actor>', 'the officer acting', 'officer');

export function registerListCommands(program: Command): void {
  const lists = program
    .command('lists')
    .description('blacklists, redlists and warning lists: designation with due process');

  acting(
    lists
      .command('propose <identifier>')
      .description('propose a designation resting on records that meet the criteria'),
  )
    .requiredOption('--list <id>', 'list type')
    .option(
      '--records <ids>',
      'comma-separated record version ids (default: every record that meets the criteria)',
    )
    .action(
      action(
        async (
          identifier: string,
          o: ActOptions & { list: string; records?: string },
          cmd: Command,
        ) => {
          const { proposeEntry } = await entries();
          const entry = await withServices(cmd, (deps) =>
            proposeEntry(deps, {
              identifier,
              listType: o.list,
              reason: o.reason,
              actor: o.actor,
              authorityId: o.authority,
              ...(o.records ? { recordIds: list(o.records) } : {}),
            }),
          );
          print(renderEntry(entry));
        },
      ),
    );

  type Step = 'noticeEntry' | 'decideEntry' | 'rejectEntry';
  const step = (name: string, description: string, verb: Step) =>
    acting(lists.command(`${name} <entry>`).description(description)).action(
      action(async (id: string, o: ActOptions, cmd: Command) => {
        const run: typeof noticeEntry = (await entries())[verb];
        const entry = await withServices(cmd, (deps) =>
          run(deps, id, { ...o, authorityId: o.authority }),
        );
        print(renderEntry(entry));
      }),
    );
  step(
    'notice',
    'serve notice: reasons, legal basis, rights; opens the period to state a case',
    'noticeEntry',
  );
  step(
    'decide',
    'designate: effective from today for the list period (not inside the notice period)',
    'decideEntry',
  );
  step('reject', 'decline a proposal', 'rejectEntry');

  lists
    .command('waive <entry>')
    .description("record the subject's waiver of the rest of its notice period")
    .requiredOption('--reason <text>', 'how the waiver was given')
    .option('--actor <actor>', 'the officer who records it', 'officer')
    .action(
      action(async (id: string, o: { reason: string; actor: string }, cmd: Command) => {
        const { waiveNotice } = await entries();
        print(renderEntry(await withServices(cmd, (deps) => waiveNotice(deps, id, o))));
      }),
    );

  acting(
    lists
      .command('extend <entry>')
      .description('extend a fixed period within the list type bounds'),
  )
    .requiredOption('--by <duration>', 'ISO 8601 duration, e.g. P1Y')
    .action(
      action(async (id: string, o: ActOptions & { by: string }, cmd: Command) => {
        const { extendEntry } = await entries();
        print(
          renderEntry(
            await withServices(cmd, (deps) =>
              extendEntry(deps, id, { ...o, authorityId: o.authority }),
            ),
          ),
        );
      }),
    );

  acting(
    lists
      .command('remove <entry>')
      .description('remove: performed, early_removal, objection_upheld, revoked or repaired'),
  )
    .requiredOption(
      '--removal <reason>',
      'performed | early_removal | objection_upheld | revoked | repaired',
    )
    .action(
      action(async (id: string, o: ActOptions & { removal: RemovalReason }, cmd: Command) => {
        const { removeEntry } = await entries();
        print(
          renderEntry(
            await withServices(cmd, (deps) =>
              removeEntry(deps, id, { ...o, authorityId: o.authority }),
            ),
          ),
        );
      }),
    );

  lists
    .command('candidates')
    .description('propose every subject whose current records meet a decided list type criteria')
    .option('--list <id>', 'only this list type')
    .action(
      action(async (o: { list?: string }, cmd: Command) => {
        const { proposeCandidates } = await import('../../services/lists/candidates.service.js');
        const r = await withServices(cmd, (deps) => proposeCandidates(deps, o.list));
        for (const entry of r.proposed) print(renderEntry(entry));
        print(
          `${r.proposed.length} proposed; ${r.alreadyProposed} already proposed (a decision pending); ${r.alreadyListed} already listed; ${r.alreadyEnded} not again (their facts were listed once, and that entry has ended or was rejected)`,
        );
      }),
    );

  lists
    .command('show <identifier>')
    .description("a subject's list entries with their history, as of a date")
    .option('--as-of <date>', 'YYYY-MM-DD (default today)')
    .option('--json', 'print JSON: { entries: [{ entry, history }] }')
    .action(
      action(async (identifier: string, o: { asOf?: string; json?: boolean }, cmd: Command) => {
        const [{ findSubject }, { entriesAsOf }] = await Promise.all([
          import('../../services/subjects/subjects.service.js'),
          queries(),
        ]);
        const views = await withServices(cmd, async (deps) => {
          const subject = await findSubject(deps, identifier);
          return entriesAsOf(deps, [subject.id], o.asOf);
        });
        if (o.json) print(JSON.stringify({ entries: views }, null, 2));
        else print(views.length > 0 ? renderEntries(views) : 'no list entries');
      }),
    );

  lists
    .command('sweep')
    .description(
      'expiry, removal on performance, automatic lists and escalation as of a date (idempotent)',
    )
    .option('--as-of <date>', 'YYYY-MM-DD (default today)')
    .action(
      action(async (o: { asOf?: string }, cmd: Command) => {
        const [{ runFollowUps }, { sweep }] = await Promise.all([
          import('../../services/follow-ups/follow-ups.service.js'),
          import('../../services/lists/sweep.service.js'),
        ]);
        const r = await withServices(cmd, async (deps) => {
          // follow-ups a crashed writer left are finished first: the sweep then sees their lists
          await runFollowUps(deps, null);
          return sweep(deps, o.asOf ?? new Date().toISOString().slice(0, 10));
        });
        print(
          `swept: ${r.expired} expired, ${r.performed} performed, ${r.designated} designated, ${r.cured} cured, ${r.escalated} escalated`,
        );
      }),
    );

  lists
    .command('feed')
    .description('every list-state change after a cursor, in order (one JSON line each)')
    .option('--since <cursor>', 'the last seq already read', '0')
    .option('--limit <n>', 'at most this many', '100')
    .action(
      action(async (o: { since: string; limit: string }, cmd: Command) => {
        const { readFeed } = await queries();
        const { changes, cursor } = await withServices(cmd, (deps) =>
          readFeed(deps, Number(o.since), Number(o.limit)),
        );
        for (const c of changes) print(JSON.stringify(c));
        process.stderr.write(`cursor ${cursor}\n`);
      }),
    );
}
