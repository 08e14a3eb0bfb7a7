import { useState } from 'react';
import type { CatalogEntry } from '../../../catalog';
import { useI18n } from '../../../i18n';
import { useColumnLabel } from './column-label';

// the submission's own columns a file usually carries; the type's fields follow them
const COMMON = [
  'subject_identifier',
  'subject_name',
  'type',
  'source_ref',
  'legal_basis',
  'document_number',
  'decision_date',
];

/** The header line of a file of records of this type, as the catalog defines the type. */
export function exampleHeader(type: CatalogEntry): string {
  const severity = ((type.severities as string[] | undefined) ?? []).length > 0;
  return [
    ...COMMON,
    ...(severity ? ['severity'] : []),
    'facts',
    ...(type.fields ?? []).map((f) => f.name),
  ].join(',');
}

/** The columns a file of records of this type must carry. */
function requiredColumns(type: CatalogEntry): string[] {
  const tiered = (type.publication as { kind?: string } | undefined)?.kind === 'tiered';
  return [
    'subject_identifier',
    'type',
    'source_ref',
    'legal_basis',
    'decision_date',
    ...(tiered ? ['severity'] : []),
    ...(type.fields ?? []).filter((f) => f.required).map((f) => f.name),
  ];
}

/** How an import file is laid out: one row a record, the columns named as the API names them. */
export function FormatHelp({ types }: { types: CatalogEntry[] }) {
  const { t, pick } = useI18n();
  const columnLabel = useColumnLabel();
  const [typeId, setTypeId] = useState(
    types.some((x) => x.id === 'admin_penalty') ? 'admin_penalty' : (types[0]?.id ?? ''),
  );
  const type = types.find((x) => x.id === typeId);
  return (
    <section className="card" aria-labelledby="format-title">
      <h2 id="format-title" className="card-title">
        {t('imports.formatTitle')}
      </h2>
      <p>{t('imports.formatIntro')}</p>
      <ul className="small">
        <li>
          {t('imports.rule.dates')} <code>2026-06-15</code>
        </li>
        <li>
          {t('imports.rule.lists')} <code>fine|confiscation</code>
        </li>
        <li>{t('imports.rule.money')}</li>
        <li>
          {t('imports.rule.authority')} <code>authority</code>
        </li>
        <li>{t('imports.rule.jsonl')}</li>
      </ul>
      <div className="field">
        <label htmlFor="example-type">{t('imports.exampleType')}</label>
        <select id="example-type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
          {types.map((x) => (
            <option key={x.id} value={x.id}>
              {pick(x.name)}
            </option>
          ))}
        </select>
      </div>
      {type && (
        <>
          <p className="small">{t('imports.exampleHeader')}</p>
          <pre className="example">
            <code>{exampleHeader(type)}</code>
          </pre>
          <p className="small muted">{t('imports.requiredColumns')}</p>
          <ul className="small muted columns">
            {requiredColumns(type).map((column) => (
              <li key={column}>
                <code>{column}</code> {columnLabel(column)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
