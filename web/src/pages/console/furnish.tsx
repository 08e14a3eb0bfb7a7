import { useState } from 'react';
import { Link } from 'react-router';
import { authorityNames, type CatalogEntry, catalogSection } from '../../catalog';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { RecordForm } from './furnish/record-form';
import { type Stored, Submitted } from './furnish/submitted';

/** The record types this authority may write: those of its domains, and those of any domain. */
async function writableTypes(authorityId: string | null): Promise<CatalogEntry[]> {
  const [types, authorities] = await Promise.all([
    catalogSection('record-types'),
    authorityNames(),
  ]);
  const domains = (authorities.get(authorityId ?? '') as { domains?: string[] } | undefined)
    ?.domains;
  return [...types.values()].filter((type) => {
    const of = (type.domains as string[] | undefined) ?? [];
    // without the authority's domains the API decides; offer every type
    return !domains || of.includes('any') || of.some((d) => domains.includes(d));
  });
}

/** Submit a record through a form generated from the catalog (furnisher). */
export function FurnishPage() {
  const { t, pick } = useI18n();
  const { account } = useSession();
  const types = useLoad(() => writableTypes(account?.authorityId ?? null), [account?.authorityId]);
  const [typeId, setTypeId] = useState('');
  const [stored, setStored] = useState<Stored | null>(null);
  // a new form after each record, so nothing of the last one is left in it
  const [round, setRound] = useState(0);
  const type = types.data?.find((x) => x.id === typeId);

  return (
    <>
      <h1>{t('console.furnish')}</h1>
      <p className="muted">{t('furnish.intro')}</p>
      <ErrorNote error={types.error} />
      {!types.data && !types.error && <Loading height="5.5rem" />}
      {types.data && !stored && (
        <div className="card field">
          <label htmlFor="record-type">{t('furnish.type')}</label>
          <select
            id="record-type"
            value={typeId}
            aria-describedby="record-type-hint"
            onChange={(e) => setTypeId(e.target.value)}
          >
            <option value="">{t('furnish.chooseType')}</option>
            {types.data.map((x) => (
              <option key={x.id} value={x.id}>
                {pick(x.name)}
              </option>
            ))}
          </select>
          <div id="record-type-hint" className="hint">
            {t('furnish.typeHint')} <Link to="/catalog/record-types">{t('nav.catalog')}</Link>
          </div>
        </div>
      )}
      {stored ? (
        <Submitted
          stored={stored}
          type={types.data?.find((x) => x.id === stored.version.type)}
          onAnother={() => {
            setStored(null);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        type && <RecordForm key={`${type.id}-${round}`} type={type} onStored={setStored} />
      )}
    </>
  );
}
