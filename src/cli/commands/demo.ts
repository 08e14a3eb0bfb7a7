import type { Command } from 'commander';
import { dateOf, systemClock } from '../../domain/clock.js';
import { CredenceError } from '../../errors.js';
import type { DemoFormat } from '../../services/demo/write.js';
import type { Problem } from '../../services/records/submission.js';
import { configOf, withServices } from '../context.js';
import { progress } from '../progress.js';
import { renderOverview } from '../render/subject-file.js';
import { action } from '../run.js';

interface DemoOptions {
  subjects: string;
  seed: string;
  format: DemoFormat;
  dir: string;
  writeOnly?: string;
  records?: string;
}

const count = (text: string, name: string, min = 1) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new CredenceError('FIELD_RANGE', `${name} must be a whole number of at least ${min}`, {
      field: name,
    });
  }
  return n;
};

function formatOf(text: string): DemoFormat {
  if (text === 'csv' || text === 'jsonl') return text;
  throw new CredenceError('FIELD_ENUM', '--format must be csv or jsonl', { field: '--format' });
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'generate a realistic synthetic data set and import it (or only write it, for benchmarks)',
    )
    .option('--subjects <n>', 'subjects to generate', '1000')
    .option('--seed <n>', 'random seed: the same seed on the same day gives the same data', '42')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--dir <dir>', 'where to write the data file', '.data')
    .option('--write-only <file>', 'only write the data file, touching no database')
    .option('--records <n>', 'with --write-only: records to write', '1000000')
    .action(
      action(async (o: DemoOptions, cmd: Command) =>
        o.writeOnly ? writeOnly(o, cmd) : load(o, cmd),
      ),
    );
}

// the generator (faker) and the services load when the command runs, not for `--help`
const demoService = () => import('../../services/demo/demo.service.js');

async function writeOnly(o: DemoOptions, cmd: Command): Promise<void> {
  const [{ writeDemoData }, { loadCatalog }] = await Promise.all([
    demoService(),
    import('../../catalog/load.js'),
  ]);
  const records = count(o.records ?? '1000000', '--records');
  const bar = progress('write');
  const started = Date.now();
  const rows = await writeDemoData({
    path: o.writeOnly as string,
    format: formatOf(o.format),
    records,
    seed: count(o.seed, '--seed', 0),
    today: dateOf(systemClock.now()),
    catalog: await loadCatalog(configOf(cmd).catalogDir),
    onWritten: (n) => bar.update(n, records, `${n} rows`),
  }).finally(() => bar.stop());
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `wrote ${rows} rows to ${o.writeOnly} in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s)\n`,
  );
}

async function load(o: DemoOptions, cmd: Command): Promise<void> {
  const [{ runDemo }, { subjectOverview }] = await Promise.all([
    demoService(),
    import('../../services/subject-overview.service.js'),
  ]);
  const subjects = count(o.subjects, '--subjects');
  const expected = subjects * 5;
  const writing = progress('generate');
  const importing = progress('import');
  let written = false;
  const problems: string[] = [];
  await withServices(cmd, async (deps, config) => {
    const run = await runDemo(deps, {
      subjects,
      seed: count(o.seed, '--seed', 0),
      dir: o.dir,
      format: formatOf(o.format),
      batchSize: config.importBatchSize,
      onWritten: (n) => writing.update(Math.min(n, expected), expected, `${n} rows`),
      onProgress: (p) => {
        if (!written) writing.stop();
        written = true;
        importing.update(p.bytesRead, p.bytesTotal, `${p.rows} rows`);
      },
      onRejected: (line, found: readonly Problem[]) => {
        if (problems.length < 5)
          problems.push(`line ${line}: ${found.map((p) => `${p.field} ${p.code}`).join(', ')}`);
      },
    }).finally(() => (written ? importing : writing).stop());
    const { rows, created, unchanged, rejected } = run.summary;
    process.stdout.write(
      `demo: ${run.authorities} authorities, ${subjects} subjects, ${run.relations} legal representatives; ` +
        `${run.file}: ${rows} rows, ${created} created, ${unchanged} unchanged, ${rejected} rejected; ` +
        `lists: ${run.lists.designated} designated automatically, ${run.lists.proposed} proposed for a decision; ` +
        `rated: ${Object.entries(run.ratings)
          .map(([model, n]) => `${model} ${n}`)
          .join(', ')}\n`,
    );
    for (const p of problems) process.stderr.write(`  rejected ${p}\n`);
    const { business, person } = run.examples;
    if (business)
      process.stdout.write(`\n${renderOverview(await subjectOverview(deps, business))}\n`);
    for (const id of [business, person])
      if (id) process.stdout.write(`try: npx credence subject show ${id} --purpose supervision\n`);
    // the food safety, IP and securities examples, one line per listing
    for (const { identifier, list } of run.sectors.listed) {
      const name = deps.catalog.listTypes.get(list)?.name;
      process.stdout.write(`listed: ${identifier} on ${name ? `${name.zh} (${name.en})` : list}\n`);
    }
  });
}
