import { NavLink, useParams } from 'react-router';
import {
  type CatalogEntry,
  catalogSection,
  legalBasisText,
  type Section,
  SECTIONS,
} from '../../catalog';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { type MessageKey, useI18n } from '../../i18n';

/** The catalog, browsable: the rules are public. */
export function CatalogPage() {
  const { t } = useI18n();
  const params = useParams();
  const section = (SECTIONS as string[]).includes(params.section ?? '')
    ? (params.section as Section)
    : 'record-types';
  const entries = useLoad(() => catalogSection(section), [section]);
  return (
    <>
      <h1>{t('catalog.title')}</h1>
      <p className="muted">{t('catalog.intro')}</p>
      <nav aria-label={t('catalog.sections')}>
        <ul className="row" style={{ listStyle: 'none', padding: 0 }}>
          {SECTIONS.map((s) => (
            <li key={s}>
              <NavLink
                to={`/catalog/${s}`}
                className={() => (s === section ? 'button' : 'button secondary')}
                aria-current={s === section ? 'page' : undefined}
              >
                {t(`catalog.${s}` as MessageKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t(`catalog.${section}` as MessageKey)}</h2>
      {entries.error ? (
        <ErrorNote error={entries.error} />
      ) : !entries.data ? (
        <Loading height="30rem" />
      ) : (
        [...entries.data.values()].map((entry) => <Entry key={entry.id} entry={entry} />)
      )}
    </>
  );
}

function Entry({ entry }: { entry: CatalogEntry }) {
  const { t, pick, lang } = useI18n();
  return (
    <section className="card" aria-labelledby={`entry-${entry.id}`}>
      <h3 id={`entry-${entry.id}`} style={{ margin: '0 0 0.25rem' }}>
        {pick(entry.name)}
        {/* the id is for English readers who script against the API; Chinese mode shows no codes */}
        {lang === 'en' && <span className="small muted"> {entry.id}</span>}
      </h3>
      {entry.description && <p style={{ margin: '0.25rem 0' }}>{pick(entry.description)}</p>}
      {entry.legalBasis && entry.legalBasis.length > 0 && (
        <dl className="facts">
          <dt>{t('common.legalBasis')}</dt>
          <dd>
            {entry.legalBasis.map((b) => (
              <div key={legalBasisText(b, lang)}>{legalBasisText(b, lang)}</div>
            ))}
          </dd>
        </dl>
      )}
      {entry.fields && entry.fields.length > 0 && (
        <details>
          <summary>{t('catalog.fields')}</summary>
          <ul className="small">
            {entry.fields.map((f) => (
              <li key={f.name}>
                {pick(f.label)}{' '}
                <span className="muted">
                  ({f.name}, {f.type}
                  {f.required ? `, ${t('common.required')}` : ''})
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
