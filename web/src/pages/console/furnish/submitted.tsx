import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { CatalogEntry } from '../../../catalog';
import { useI18n } from '../../../i18n';

/** What POST /v1/records stored, read back with GET /v1/records/{id}. */
export interface Stored {
  outcome: 'created' | 'unchanged';
  warnings: string[];
  identifier: string;
  version: {
    id: string;
    recordId: string;
    version: number;
    type: string;
    decisionDate: string;
    disclosure: 'public' | 'restricted';
    documentNumber: string | null;
    recordedAt: string;
  };
}

/** The stored record: its id and version, and where the public sees it. */
export function Submitted({
  stored,
  type,
  onAnother,
}: {
  stored: Stored;
  type: CatalogEntry | undefined;
  onAnother(): void;
}) {
  const { t, pick, date } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { version } = stored;
  return (
    <section className="card success" aria-labelledby="stored-title">
      <h2 id="stored-title" ref={heading} tabIndex={-1} className="card-title">
        {t(stored.outcome === 'created' ? 'furnish.stored' : 'furnish.unchanged')}
      </h2>
      <dl className="facts">
        <dt>{t('furnish.recordId')}</dt>
        <dd>
          <code>{version.recordId}</code>
        </dd>
        <dt>{t('furnish.version')}</dt>
        <dd>
          {version.version}
          {version.id !== version.recordId && <span className="small muted"> ({version.id})</span>}
        </dd>
        <dt>{t('furnish.type')}</dt>
        <dd>{type ? pick(type.name) : version.type}</dd>
        {version.documentNumber && (
          <>
            <dt>{t('furnish.field.document_number')}</dt>
            <dd>{version.documentNumber}</dd>
          </>
        )}
        <dt>{t('furnish.field.decision_date')}</dt>
        <dd>{date(version.decisionDate)}</dd>
        <dt>{t('furnish.disclosure')}</dt>
        <dd>{t(`furnish.disclosure.${version.disclosure}`)}</dd>
        <dt>{t('furnish.recordedAt')}</dt>
        <dd>{date(version.recordedAt)}</dd>
      </dl>
      {stored.warnings.length > 0 && (
        <>
          <h3>{t('furnish.warnings')}</h3>
          <ul>
            {stored.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      )}
      <div className="row">
        <Link to={`/subjects/${encodeURIComponent(stored.identifier)}`}>
          {t('furnish.publicPage')}
        </Link>
        <button type="button" className="secondary" onClick={onAnother}>
          {t('furnish.another')}
        </button>
      </div>
      {version.disclosure === 'restricted' && (
        <p className="small muted">{t('furnish.restrictedNote')}</p>
      )}
    </section>
  );
}
