import type { Command } from 'commander';
import type { ScorecardSubject } from '../../domain/scorecard/model.js';
import type { TrainFileOptions } from '../../services/ratings/scorecard-train.service.js';
import { action } from '../run.js';
import { readFile, writeFile } from 'node:fs/promises';
import { makeDirs } from '../../make-dirs.js';
import { dirname, join } from 'node:path';
import { readConfig } from '../../config.js';
import { CredenceError } from '../../errors.js';

/** the service's options as the command line gives them: subjects as one comma-separated string */
type TrainOptions = Omit<TrainFileOptions, 'subjects' | 'mapping'> & {
  out: string;
  subjects?: string;
  map?: string;
};

/** the catalog directory: the global --catalog option, else the configuration */
async function catalogOf(cmd: Command) {
  const { loadCatalog } = await import('../../catalog/load.js');
  return loadCatalog(
    cmd.optsWithGlobals<{ catalog?: string }>().catalog ?? readConfig().catalogDir,
  );
}

const f = (n: number) => n.toFixed(3);

/** a repeatable option: every use adds one value */
const collect = (value: string, previous: string[] = []) => [...previous, value];
/** a repeatable option whose values may also be comma-separated */
const collectList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

/** `credence scorecard train DATA`: trains a statistical scorecard, writes the model and its card. */
export function registerScorecardCommands(program: Command): void {
  const scorecard = program.command('scorecard').description('statistical scorecards (SPEC 4.6)');
  scorecard
    .command('train <data>')
    .description('train a scorecard from labelled data (CSV with a header, or german.data)')
    .requiredOption('--target <column>', 'the label column (class in german.data)')
    .option(
      '--good <value>',
      'the target value meaning good (german.data: 1; a 0/1 CSV: 0, 1 = bad)',
    )
    .option('--format <format>', 'csv or german (default: csv for .csv files, else german)')
    .option('--id <id>', 'model id (default: <file name>_scorecard)')
    .option('--out <dir>', 'where to write <id>.yaml and <id>.card.md', '.')
    .option('--subjects <kinds>', 'whom it applies to: person and/or business (default person)')
    .option('--base-points <n>', 'score at the base odds (default 600)', Number)
    .option('--base-odds <n>', 'good:bad odds at the base points (default 50)', Number)
    .option('--pdo <n>', 'points to double the odds (default 20)', Number)
    .option(
      '--min-iv <n>',
      'drop characteristics with a lower information value (default 0.02)',
      Number,
    )
    .option('--folds <n>', 'cross-validation folds (default 10)', Number)
    .option('--seed <n>', 'seed of the fold shuffle (default 1)', Number)
    .option(
      '--include <columns>',
      'train on these columns only (comma-separated or repeated; as the file names them)',
      collectList,
    )
    .option(
      '--exclude <column[:reason]>',
      'leave a column out, with the reason the model card gives (repeatable), e.g. --exclude ID --exclude SEX:"protected attribute"',
      collect,
    )
    .option(
      '--map <file>',
      'a mapping file (YAML: characteristic: { recordType, field, aggregate, window, divideBy }) that says how each characteristic is read from records',
    )
    .action(
      action(async (data: string, { out, subjects, map, ...o }: TrainOptions, cmd: Command) => {
        const { trainScorecardFile, writeScorecardFiles } =
          await import('../../services/ratings/scorecard-train.service.js');
        const { readMapping } = await import('../../services/ratings/scorecard-mapping.js');
        const kinds = subjects?.split(',').map((s) => s.trim()) as ScorecardSubject[] | undefined;
        const mapping = map
          ? { sources: await readMapping(map), catalog: await catalogOf(cmd) }
          : undefined;
        const training = await trainScorecardFile(data, {
          ...o,
          ...(kinds ? { subjects: kinds } : {}),
          ...(mapping ? { mapping } : {}),
        });
        const paths = await writeScorecardFiles(training, out);
        const { model, summary: d } = training;
        const m = model.metrics;
        process.stdout.write(
          [
            `trained ${model.id} from ${d.file}: ${d.rows} rows (${d.bads} bads), ${model.characteristics.length} characteristics`,
            `cross-validated AUC ${f(m.cvAuc)} (${m.folds} folds); train AUC ${f(m.auc)}, KS ${f(m.ks)}, Gini ${f(m.gini)}`,
            ...(m.holdout
              ? [
                  `holdout AUC ${f(m.holdout.auc)}, KS ${f(m.holdout.ks)}, Gini ${f(m.holdout.gini)}, PSI ${m.holdout.psi.toFixed(4)}`,
                ]
              : []),
            `model: ${paths.model}`,
            `card: ${paths.card}`,
            '',
          ].join('\n'),
        );
      }),
    );

  scorecard
    .command('map <model>')
    .description(
      'map a trained scorecard onto record types and fields (a mapping file), and publish it when every characteristic is mapped',
    )
    .requiredOption(
      '--map <file>',
      'YAML: characteristic (id or column name): { recordType, field, aggregate, window, divideBy }',
    )
    .option(
      '--publish',
      'set the status to published (refused while a characteristic has no source)',
    )
    .option('--out <dir>', 'write <id>.yaml (and its card) there instead of over the model file')
    .action(
      action(
        async (path: string, o: { map: string; publish?: boolean; out?: string }, cmd: Command) => {
          // loaded when the command runs, so that --help loads no heavy package
          const { parseScorecardModel, serializeScorecardModel } =
            await import('../../catalog/scorecard-schema.js');
          const { withSourcesSection } = await import('../../services/ratings/scorecard-card.js');
          const {
            applyMapping,
            describeSource,
            readMapping,
            requireMapped,
            unmappedCharacteristics,
          } = await import('../../services/ratings/scorecard-mapping.js');
          const model = parseScorecardModel(await readText(path));
          const mapped = applyMapping(model, await readMapping(o.map), await catalogOf(cmd));
          if (o.publish) requireMapped(mapped);
          const result = o.publish ? { ...mapped, status: 'published' as const } : mapped;
          const dir = o.out ?? dirname(path);
          makeDirs(dir);
          const target = o.out ? join(dir, `${result.id}.yaml`) : path;
          await writeFile(target, serializeScorecardModel(result));
          // the card next to the model says how each characteristic is now read
          const card = join(dirname(path), `${model.id}.card.md`);
          const cardText = await readFile(card, 'utf8').catch(() => null);
          if (cardText !== null)
            await writeFile(
              join(dir, `${result.id}.card.md`),
              withSourcesSection(cardText, result),
            );
          const unmapped = unmappedCharacteristics(result);
          process.stdout.write(
            [
              `${result.id}: ${result.characteristics.length - unmapped.length} of ${result.characteristics.length} characteristics read from records${unmapped.length > 0 ? `; not mapped: ${unmapped.join(', ')}` : ''}`,
              ...result.characteristics.map((c) => `  ${c.name}: ${describeSource(c.source)}`),
              `model: ${target} (${result.status})`,
              '',
            ].join('\n'),
          );
        },
      ),
    );
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    throw new CredenceError('SCORECARD_MODEL_INVALID', `cannot read ${path}`, { field: 'model' });
  }
}
