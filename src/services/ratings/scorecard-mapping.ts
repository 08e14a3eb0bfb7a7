import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { checkScorecardModel } from '../../catalog/scorecard-checks.js';
import { characteristicSource } from '../../catalog/scorecard-schema.js';
import type { Catalog } from '../../domain/catalog.js';
import type {
  CharacteristicSource,
  ScorecardCharacteristic,
  ScorecardModel,
} from '../../domain/scorecard/model.js';
import { CredenceError } from '../../errors.js';

/**
 * Mapping a trained scorecard onto the registry's records. A trained characteristic is a
 * column of a data file; rating a subject needs it read from the subject's records instead.
 * A mapping file gives each characteristic, by id or by its column name, its source:
 *
 *   pay_0: { recordType: loan_default, field: days_past_due, aggregate: max, divideBy: 30 }
 *   LIMIT_BAL: { recordType: credit_line, field: limit, aggregate: max }
 *
 * A published scorecard has a source for every characteristic (SCORECARD_UNMAPPED otherwise).
 */

const mappingSchema = z.record(z.string().min(1), characteristicSource);

/** The characteristics that have no source, each named with its label. */
export function unmappedCharacteristics(model: Pick<ScorecardModel, 'characteristics'>): string[] {
  return model.characteristics
    .filter((c) => !c.source)
    .map((c) => (c.label !== c.name ? `${c.name} (${c.label})` : c.name));
}

/** Throws SCORECARD_UNMAPPED naming every characteristic that cannot be read from records. */
export function requireMapped(model: Pick<ScorecardModel, 'id' | 'characteristics'>): void {
  const unmapped = unmappedCharacteristics(model);
  if (unmapped.length === 0) return;
  throw new CredenceError(
    'SCORECARD_UNMAPPED',
    `scorecard ${model.id}: no source for ${unmapped.join(', ')}; map each onto record types and fields (credence scorecard map --map FILE)`,
    { field: 'source', problems: unmapped.map((u) => `characteristic ${u}: no source`) },
  );
}

/** Reads and checks a mapping file: YAML, a map of characteristic to source. */
export async function readMapping(path: string): Promise<Record<string, CharacteristicSource>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CredenceError('SCORECARD_MAPPING_INVALID', `cannot read ${path}`, { field: 'map' });
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CredenceError('SCORECARD_MAPPING_INVALID', `${path} is not YAML: ${message}`, {
      field: 'map',
    });
  }
  const result = mappingSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new CredenceError('SCORECARD_MAPPING_INVALID', `${path}: ${problems.join('; ')}`, {
    field: 'map',
    problems,
  });
}

/**
 * The model with the mapping's sources on its characteristics, checked against the catalog's
 * record types and fields. A key that names no characteristic is refused: a typo would
 * otherwise leave a characteristic unmapped without a word.
 */
export function applyMapping(
  model: ScorecardModel,
  mapping: Readonly<Record<string, CharacteristicSource>>,
  catalog: Pick<Catalog, 'recordTypes' | 'listTypes'>,
): ScorecardModel {
  const problems: string[] = [];
  const byKey = new Map<string, ScorecardCharacteristic>();
  for (const c of model.characteristics) {
    byKey.set(c.name, c);
    byKey.set(c.label, c);
  }
  const sources = new Map<string, CharacteristicSource>();
  for (const [key, source] of Object.entries(mapping)) {
    const c = byKey.get(key);
    if (!c) {
      problems.push(
        `${key}: the scorecard has no such characteristic (${model.characteristics.map((m) => m.name).join(', ')})`,
      );
      continue;
    }
    if (sources.has(c.name)) problems.push(`${key}: ${c.name} is mapped twice`);
    sources.set(c.name, source);
  }
  const mapped: ScorecardModel = {
    ...model,
    characteristics: model.characteristics.map((c) => {
      const source = sources.get(c.name) ?? c.source;
      return source ? { ...c, source } : c;
    }),
  };
  checkScorecardModel(
    mapped,
    {
      recordTypes: catalog.recordTypes,
      brokenTypes: new Set(),
      listTypes: catalog.listTypes,
      brokenLists: new Set(),
    },
    (path, message) => problems.push(`${path.join('.')}: ${message}`),
  );
  if (problems.length > 0)
    throw new CredenceError('SCORECARD_MAPPING_INVALID', problems.join('; '), {
      field: 'map',
      problems,
    });
  return mapped;
}

/** How a characteristic is read from records, in words, for the model card and `catalog show`. */
export function describeSource(source: CharacteristicSource | undefined): string {
  if (!source) return 'not mapped: cannot be read from records (the scorecard cannot be published)';
  const what =
    source.aggregate === 'count'
      ? `number of ${source.recordType} records`
      : source.aggregate === 'months_since_latest'
        ? `months since the latest ${source.recordType} record`
        : `${source.aggregate} of ${source.recordType}.${source.field ?? ''}`;
  const window = source.window ? ` decided within ${source.window}` : '';
  const divide = source.divideBy ? `, divided by ${source.divideBy}` : '';
  return `${what}${window}${divide}`;
}
