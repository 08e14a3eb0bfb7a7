import type { ScorecardModel } from '../domain/scorecard/model.js';
import type { RatingCheckContext } from './rating-rule-checks.js';
import type { Report } from './source.js';

const NUMERIC = new Set(['integer', 'decimal', 'money']);

/**
 * Cross-checks of a scorecard in the catalog: it rests on law, and every characteristic that
 * is computed from records names a record type and, where the aggregate reads one, a numeric
 * field of it.
 */
export function checkScorecardModel(
  model: ScorecardModel,
  ctx: RatingCheckContext,
  report: Report,
): void {
  // SPEC 2.1: every rating model names its legal basis
  if (model.legalBasis.length === 0)
    report(['legalBasis'], 'every rating model names its legal basis (title and provision)');
  model.characteristics.forEach((c, i) => {
    const source = c.source;
    if (!source) {
      // a characteristic nothing can compute would put every subject in its worst bin
      if (model.status === 'published')
        report(
          ['characteristics', i, 'source'],
          `SCORECARD_UNMAPPED: characteristic "${c.name}"${c.label !== c.name ? ` (${c.label})` : ''} has no source; a published scorecard reads every characteristic from records (credence scorecard map --map FILE)`,
        );
      return;
    }
    const at = ['characteristics', i, 'source'];
    const who = `characteristic "${c.name}"`;
    const type = ctx.recordTypes.get(source.recordType);
    if (!type) {
      if (!ctx.brokenTypes.has(source.recordType))
        report([...at, 'recordType'], `${who}: unknown record type "${source.recordType}"`);
      return;
    }
    const reads = source.aggregate !== 'count' && source.aggregate !== 'months_since_latest';
    if (!reads) return;
    const field = type.fields.find((f) => f.name === source.field);
    if (!field) report([...at, 'field'], `${who}: ${type.id} has no field "${source.field ?? ''}"`);
    else if (!NUMERIC.has(field.type))
      report(
        [...at, 'field'],
        `${who}: ${source.aggregate} needs a number, and ${field.name} is ${field.type}`,
      );
  });
}
