import type { Command } from 'commander';
import { SUBJECT_KINDS, type SubjectKind } from '../../domain/subject.js';
import { CredenceError } from '../../errors.js';
import { withServices } from '../context.js';
import { progress } from '../progress.js';
import { action } from '../run.js';

export function registerSearch(program: Command): void {
  program
    .command('search <query>')
    .description(
      'find subjects by identifier or by name (Chinese, pinyin, initials, Latin; typos and other legal forms too), best first, with why',
    )
    .option('--kind <kind>', `only this kind: ${SUBJECT_KINDS.join(', ')}`)
    .option('--region <code>', 'only this division code or prefix (11 = Beijing)')
    .option('--listed', 'only subjects with a list entry in force')
    .option('--limit <n>', 'at most this many', '10')
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          q: string,
          o: { kind?: string; region?: string; listed?: boolean; limit: string; json?: boolean },
          cmd: Command,
        ) => {
          if (o.kind && !(SUBJECT_KINDS as readonly string[]).includes(o.kind))
            throw new CredenceError(
              'SEARCH_INVALID',
              `--kind is one of ${SUBJECT_KINDS.join(', ')}`,
              {
                field: 'kind',
              },
            );
          const { searchSubjects } = await import('../../services/search/search.service.js');
          const hits = await withServices(cmd, (deps) =>
            searchSubjects(deps, {
              q,
              limit: Number(o.limit) || 10,
              ...(o.kind ? { kind: o.kind as SubjectKind } : {}),
              ...(o.region ? { region: o.region } : {}),
              ...(o.listed ? { listed: true } : {}),
            }),
          );
          if (o.json) {
            process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
            return;
          }
          for (const h of hits) {
            const ids = h.identifiers.map((i) => i.value).join(' ');
            process.stdout.write(
              `${h.score.toFixed(3)}  ${h.name}  [${h.kind}]  ${ids}${h.listed ? '  LISTED' : ''}\n` +
                `       ${h.matched === h.name ? '' : `as ${h.matched}: `}${h.reasons.join('; ')}\n`,
            );
          }
          if (hits.length === 0) process.stdout.write('no subject found\n');
        },
      ),
    );

  program
    .command('reindex')
    .description("rebuild the name-search index from the stored subjects' names")
    .action(
      action(async (_o: unknown, cmd: Command) => {
        const { reindexSearch } = await import('../../services/search/reindex.service.js');
        const bar = progress('reindex');
        const done = await withServices(cmd, (deps) =>
          reindexSearch(deps, (n, total) => bar.update(n, total, `${n} subjects`)),
        );
        bar.stop();
        process.stdout.write(`indexed ${done} subjects\n`);
      }),
    );
}
