import type { Command } from 'commander';
import { CredenceError } from '../../errors.js';
import type { StabilityReport } from '../../domain/scorecard/stability.js';
import type { GradeMigration } from '../../services/ratings/compare.service.js';
import { withServices } from '../context.js';
import { progress } from '../progress.js';
import { action } from '../run.js';

interface RateOptions {
  model?: string;
  asOf?: string;
  draft?: boolean;
  actor: string;
  json?: boolean;
}

export function registerRate(program: Command): void {
  const rate = program
    .command('rate')
    .description('rate every subject a model applies to, as of a date, and store the run')
    .option('--model <id>', 'a rating model of the catalog (credence catalog show)')
    .option('--as-of <date>', 'rate as of this date (default today)')
    .option('--draft', 'try the model on current data without publishing its results')
    .option('--actor <actor>', 'who is acting', 'operator')
    .option('--json', 'print the run as JSON')
    .action(
      action(async (o: RateOptions, cmd: Command) => {
        if (!o.model) {
          throw new CredenceError('RATING_MODEL_UNKNOWN', 'name the model: --model <id>', {
            field: 'model',
          });
        }
        const { runRating } = await import('../../services/ratings/rate.service.js');
        const bar = progress('rate');
        const run = await withServices(cmd, async (deps) => {
          const { subjects } = await deps.store.counts();
          return runRating(deps, {
            modelId: o.model!,
            ...(o.asOf !== undefined ? { asOf: o.asOf } : {}),
            draft: o.draft === true,
            actor: o.actor,
            onProgress: (p) => bar.update(p.walked, subjects, `${p.rated} rated`),
          })
            .then((done) => {
              // the model walks only the subjects it applies to: the bar ends full all the same
              bar.update(subjects, subjects, `${done.rated} rated`);
              return done;
            })
            .finally(() => bar.stop());
        });
        if (o.json) return void process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
        const grades = Object.entries(run.grades)
          .map(([g, n]) => `${g} ${n}`)
          .join(', ');
        const { summary } = run;
        process.stdout.write(
          `run ${run.id}: ${run.modelId} ${run.modelVersion} as of ${run.asOf}${run.draft ? ' (draft: not published)' : ''}\n` +
            `rated ${run.rated} subjects${grades ? `: ${grades}` : ''}\n` +
            `subjects with no record on or before ${run.asOf}: ${summary.withoutRecords} of ${summary.walked}\n` +
            (summary.monitoring ? renderStability('against training', summary.monitoring) : '') +
            summary.warnings.map((w) => `warning: ${w}\n`).join(''),
        );
      }),
    );

  rate
    .command('compare <run-a> <run-b>')
    .description('the grade migration matrix from run A to run B')
    .option('--json', 'print JSON: the migration matrix')
    .action(
      action(async (a: string, b: string, _o: unknown, cmd: Command) => {
        // `rate` itself takes --model and --json: they may land on it, so they are read merged
        const o = cmd.optsWithGlobals<{ json?: boolean }>();
        const { compareRuns, compareStability } =
          await import('../../services/ratings/compare.service.js');
        const [migration, stability] = await withServices(cmd, async (deps) => [
          await compareRuns(deps, a, b),
          await compareStability(deps, a, b),
        ]);
        if (o.json)
          return void process.stdout.write(
            `${JSON.stringify({ ...migration, stability }, null, 2)}
`,
          );
        const warnings = [
          ...stability.againstRun.warnings,
          ...(stability.againstTraining?.warnings ?? []),
        ];
        process.stdout.write(
          renderMigration(migration) +
            renderStability('B against A', stability.againstRun) +
            (stability.againstTraining
              ? renderStability('B against training', stability.againstTraining)
              : '') +
            warnings.map((w) => `warning: ${w}\n`).join(''),
        );
      }),
    );

  registerRateRuns(rate);
}

/** `rate runs`: the stored runs, newest first, to find the ids `rate compare` takes. */
function registerRateRuns(rate: Command): void {
  rate
    .command('runs')
    .description('list the rating runs, newest first (the ids rate compare takes)')
    .option('--model <id>', 'only the runs of this rating model')
    .option('--limit <n>', 'at most this many', '20')
    .option('--json', 'print JSON: { runs: [...] }')
    .action(
      action(async (_o: unknown, cmd: Command) => {
        const o = cmd.optsWithGlobals<{ model?: string; limit: string; json?: boolean }>();
        const limit = Number(o.limit);
        if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) {
          throw new CredenceError('FIELD_RANGE', '--limit is a whole number from 1 to 1000', {
            field: 'limit',
          });
        }
        const runs = await withServices(cmd, (deps) => deps.store.listRatingRuns(limit, o.model));
        if (o.json) return void process.stdout.write(`${JSON.stringify({ runs }, null, 2)}\n`);
        for (const r of runs) {
          const state = r.finishedAt === null ? ' (unfinished)' : r.draft ? ' (draft)' : '';
          process.stdout.write(
            `${r.id}  ${r.modelId} ${r.modelVersion}  as of ${r.asOf}  ${r.rated} rated${state}  by ${r.startedBy} at ${r.startedAt}\n`,
          );
        }
        if (runs.length === 0)
          process.stdout.write(
            `no rating runs${o.model ? ` of ${o.model}` : ''}: credence rate --model <id> makes one\n`,
          );
      }),
    );
}

/** PSI of the scores and of each characteristic, with its reading (stable below 0.1). */
function renderStability(title: string, r: StabilityReport): string {
  const line = (what: string, s: { psi: number; reading: string }) =>
    `  ${what.padEnd(32)} ${s.psi.toFixed(4).padStart(8)}  ${s.reading}`;
  return (
    [
      `population stability (PSI), ${title}, over ${r.rated} results:`,
      ...(r.score ? [line('score', r.score)] : []),
      ...r.characteristics.map((c) => line(c.name, c)),
    ].join('\n') + '\n'
  );
}

/** Rows: the grade in run A; columns: the grade in run B. */
function renderMigration(m: GradeMigration): string {
  const width = Math.max(6, ...m.counts.flat().map((n) => String(n).length + 1));
  const head = ['A \\ B'.padEnd(8), ...m.grades.map((g) => g.padStart(width))].join('');
  const rows = m.grades.map((g, i) =>
    [g.padEnd(8), ...m.counts[i]!.map((n) => String(n).padStart(width))].join(''),
  );
  return (
    [
      `A: ${m.from.id} (${m.from.modelId} ${m.from.modelVersion} as of ${m.from.asOf})`,
      `B: ${m.to.id} (${m.to.modelId} ${m.to.modelVersion} as of ${m.to.asOf})`,
      '',
      head,
      ...rows,
      '',
      `unchanged ${m.unchanged}, changed ${m.changed}, only in A ${m.onlyFrom}, only in B ${m.onlyTo}`,
    ].join('\n') + '\n'
  );
}
