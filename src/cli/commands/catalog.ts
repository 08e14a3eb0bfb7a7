import { Option, type Command } from 'commander';
import type { Catalog, Lang, LayerRef } from '../../domain/catalog.js';
import { CredenceError } from '../../errors.js';
import { readConfig } from '../../config.js';
import { action, EXIT_RULE } from '../run.js';

type Describe = typeof import('../../catalog/describe.js');

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
        const { formatProblem, validateCatalogDir } = await import('../../catalog/load.js');
        const path = dir ?? catalogDir(cmd);
        const { catalog: c, problems } = await validateCatalogDir(path);
        if (c) {
          const national = (m: ReadonlyMap<string, { layer?: { region: string } }>, at?: string) =>
            [...m.values()].filter((i) => i.layer?.region === at).length;
          out(
            `catalog ${c.id} ${c.version}: ${national(c.recordTypes)} record types, ${national(c.listTypes)} list types, ${national(c.measures)} measures, ${national(c.ratingModels)} rating models, ${c.domains.size} domains, ${national(c.purposes)} purposes, ${c.memberships.size} memberships — valid`,
          );
          for (const l of c.layers.values())
            out(
              `layer ${l.region} (prefix ${l.prefix}) ${l.name.zh} / ${l.name.en} ${l.version}: ${national(c.recordTypes, l.region)} record types, ${national(c.listTypes, l.region)} list types, ${national(c.measures, l.region)} measures, ${national(c.ratingModels, l.region)} rating models, ${national(c.purposes, l.region)} purposes — valid`,
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
    .option(
      '--json',
      'print JSON: { catalog, recordTypes, listTypes, measures, ratingModels } (each an array of { id, name }), or { kind, entry } for one id',
    )
    .addOption(
      new Option('--lang <lang>', 'the language of descriptions and provision notes')
        .choices(['zh', 'en'])
        .default('en'),
    )
    .action(
      action(async (id: string | undefined, o: { json?: boolean; lang: Lang }, cmd: Command) => {
        const { lang } = o;
        const [{ loadCatalog }, d] = await Promise.all([
          import('../../catalog/load.js'),
          import('../../catalog/describe.js'),
        ]);
        const c = await loadCatalog(catalogDir(cmd));
        if (o.json)
          return void out(JSON.stringify(id ? catalogEntry(c, id) : catalogIndex(c), null, 2));
        if (!id) {
          out(`catalog ${c.id} ${c.version}`);
          for (const t of c.recordTypes.values()) out(inLayer(t, d.describeTypeLine(t)));
          out(`list types (${c.listTypes.size}):`);
          for (const l of c.listTypes.values()) out(inLayer(l, d.describeListTypeLine(l)));
          out(`measures (${c.measures.size}):`);
          for (const m of c.measures.values()) out(inLayer(m, d.describeMeasureLine(m)));
          out(`rating models (${c.ratingModels.size}):`);
          for (const m of c.ratingModels.values()) out(inLayer(m, d.describeRatingModelLine(m)));
          return;
        }
        describeEntry(d, c, id, lang).forEach(out);
      }),
    );
}

/** a layer item's line ends with the layer it comes from */
const inLayer = (item: { layer?: LayerRef }, line: string) =>
  item.layer ? `${line}  [${item.layer.name.zh} / ${item.layer.name.en}]` : line;

const brief = (m: ReadonlyMap<string, { id: string; name: unknown; layer?: LayerRef }>) =>
  [...m.values()].map((e) => ({
    id: e.id,
    name: e.name,
    ...(e.layer ? { layer: { region: e.layer.region, name: e.layer.name } } : {}),
  }));

/** `catalog show --json`: what the catalog holds, by id and name */
function catalogIndex(c: Catalog) {
  return {
    catalog: { id: c.id, version: c.version },
    recordTypes: brief(c.recordTypes),
    listTypes: brief(c.listTypes),
    measures: brief(c.measures),
    ratingModels: brief(c.ratingModels),
  };
}

/** `catalog show ID --json`: one entry as the catalog holds it, and which kind it is */
function catalogEntry(c: Catalog, id: string): { kind: string; entry: unknown } {
  const kinds = [
    ['record_type', c.recordTypes],
    ['list_type', c.listTypes],
    ['measure', c.measures],
    ['rating_model', c.ratingModels],
  ] as const;
  for (const [kind, map] of kinds) {
    const entry: unknown = map.get(id);
    if (entry) return { kind, entry };
  }
  return describeUnknown(c, id);
}

/** the full description of a record type, list type, measure or rating model, by id in that order */
function describeEntry(d: Describe, c: Catalog, id: string, lang: Lang): string[] {
  const type = c.recordTypes.get(id);
  if (type) return d.describeType(type, lang);
  const list = c.listTypes.get(id);
  if (list) return d.describeListType(list, lang);
  const measure = c.measures.get(id);
  if (measure) return d.describeMeasure(measure, lang);
  const model = c.ratingModels.get(id);
  if (model) return d.describeRatingModel(model, c.recordTypes, lang);
  return describeUnknown(c, id);
}

/** the error for an id the catalog does not hold, naming those it does */
function describeUnknown(c: Catalog, id: string): never {
  const known = (m: ReadonlyMap<string, unknown>) => [...m.keys()].join(', ');
  throw new CredenceError(
    'RECORD_TYPE_UNKNOWN',
    `no record type, list type, measure or rating model "${id}" (record types: ${known(c.recordTypes)}; list types: ${known(c.listTypes)}; measures: ${known(c.measures)}; rating models: ${known(c.ratingModels)})`,
    { field: 'type' },
  );
}
