import type { Command } from 'commander';
import {
  describeListType,
  describeListTypeLine,
  describeMeasure,
  describeMeasureLine,
  describeRatingModel,
  describeRatingModelLine,
  describeType,
  describeTypeLine,
} from '../../catalog/describe.js';
import type { Catalog } from '../../domain/catalog.js';
import { formatProblem, loadCatalog, validateCatalogDir } from '../../catalog/load.js';
import { CredenceError } from '../../errors.js';
import { readConfig } from '../../config.js';
import { action, EXIT_RULE } from '../run.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** the catalog directory: the global --catalog option, else the configuration */
const catalogDir = (cmd: Command): string =>
  cmd.optsWithGlobals<{ catalog?: string }>().catalog ?? readConfig().catalogDir;

export function registerCatalogCommands(program: Command): void {
  const catalog = program.command('catalog').description('validate and inspect the catalog');

  catalog
    .command('validate [dir]')
    .description(
      'check a catalog directory and print every problem (default: --catalog or CREDENCE_CATALOG)',
    )
    .action(
      action(async (dir: string | undefined, _o: unknown, cmd: Command) => {
        const path = dir ?? catalogDir(cmd);
        const { catalog: c, problems } = await validateCatalogDir(path);
        if (c) {
          out(
            `catalog ${c.id} ${c.version}: ${c.recordTypes.size} record types, ${c.listTypes.size} list types, ${c.measures.size} measures, ${c.ratingModels.size} rating models, ${c.domains.size} domains, ${c.purposes.size} purposes — valid`,
          );
          return;
        }
        for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
        process.stderr.write(
          `catalog at ${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`,
        );
        process.exitCode = EXIT_RULE;
      }),
    );

  catalog
    .command('show [id]')
    .description(
      'list the record types, list types, measures and rating models, or show one in full (by id)',
    )
    .action(
      action(async (id: string | undefined, _o: unknown, cmd: Command) => {
        const c = await loadCatalog(catalogDir(cmd));
        if (!id) {
          out(`catalog ${c.id} ${c.version}`);
          for (const t of c.recordTypes.values()) out(describeTypeLine(t));
          out(`list types (${c.listTypes.size}):`);
          for (const l of c.listTypes.values()) out(describeListTypeLine(l));
          out(`measures (${c.measures.size}):`);
          for (const m of c.measures.values()) out(describeMeasureLine(m));
          out(`rating models (${c.ratingModels.size}):`);
          for (const m of c.ratingModels.values()) out(describeRatingModelLine(m));
          return;
        }
        describeEntry(c, id).forEach(out);
      }),
    );
}

/** the full description of a record type, list type, measure or rating model, by id in that order */
function describeEntry(c: Catalog, id: string): string[] {
  const type = c.recordTypes.get(id);
  if (type) return describeType(type);
  const list = c.listTypes.get(id);
  if (list) return describeListType(list);
  const measure = c.measures.get(id);
  if (measure) return describeMeasure(measure);
  const model = c.ratingModels.get(id);
  if (model) return describeRatingModel(model, c.recordTypes);
  const known = (m: ReadonlyMap<string, unknown>) => [...m.keys()].join(', ');
  throw new CredenceError(
    'RECORD_TYPE_UNKNOWN',
    `no record type, list type, measure or rating model "${id}" (record types: ${known(c.recordTypes)}; list types: ${known(c.listTypes)}; measures: ${known(c.measures)}; rating models: ${known(c.ratingModels)})`,
    { field: 'type' },
  );
}
