import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { type MessageKey, useI18n } from '../../i18n';
import { PersonLookup, RESIDENT_ID } from './person-lookup';
import { SearchBox } from './search-box';

export interface SearchHit {
  kind: string;
  name: string;
  names: string[];
  identifiers: Array<{ scheme: string; value: string; masked: boolean }>;
  region: string | null;
  regionName: string | null;
  score: number;
  matched: string;
  reasons: string[];
  listed: boolean;
}

export const KINDS = ['business', 'person', 'government', 'social_org'] as const;
export const kindKey = (kind: string) => `common.kind.${kind}` as MessageKey;

/** Where a hit's page is: its identifier; a masked person has none (found by number and name). */
export function subjectPath(hit: SearchHit): string | null {
  const open = hit.identifiers.find((i) => !i.masked);
  return open ? `/subjects/${encodeURIComponent(open.value)}` : null;
}

export function SearchPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const region = params.get('region') ?? '';
  const listed = params.get('listed') === 'true';
  // the form starts from the address each time it changes (back, forward, a shared link)
  const [draft, setDraft] = useState({ q, kind, region, listed, from: params.toString() });
  if (draft.from !== params.toString()) {
    setDraft({ q, kind, region, listed, from: params.toString() });
  }

  const results = useLoad(
    (signal) =>
      q
        ? api<{ items: SearchHit[] }>('/v1/search', {
            query: { q, kind, region, listed: listed ? 'true' : undefined, limit: 20 },
            signal,
          })
        : Promise.resolve(null),
    [q, kind, region, listed],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (draft.q.trim()) next.q = draft.q.trim();
    if (draft.kind) next.kind = draft.kind;
    if (draft.region.trim()) next.region = draft.region.trim();
    if (draft.listed) next.listed = 'true';
    setParams(next);
  };

  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="muted">{t('search.intro')}</p>
      <form className="card" role="search" onSubmit={submit}>
        <div className="row">
          <SearchBox
            value={draft.q}
            onChange={(value) => setDraft((d) => ({ ...d, q: value }))}
            onPick={(hit) => {
              const path = subjectPath(hit);
              if (path) navigate(path);
              else setParams({ q: draft.q.trim() });
            }}
          />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <div className="row" style={{ marginTop: '0.75rem' }}>
          <div>
            <label htmlFor="kind">{t('search.kind')}</label>
            <select
              id="kind"
              value={draft.kind}
              onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value }))}
            >
              <option value="">{t('search.kindAll')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(kindKey(k))}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="region">{t('search.region')}</label>
            <input
              id="region"
              inputMode="numeric"
              pattern="\d{2,6}"
              maxLength={6}
              size={8}
              aria-describedby="region-hint"
              value={draft.region}
              onChange={(e) => setDraft((d) => ({ ...d, region: e.target.value }))}
            />
            <div id="region-hint" className="small muted">
              {t('search.regionHint')}
            </div>
          </div>
          <div style={{ alignSelf: 'center' }}>
            <input
              id="listed"
              type="checkbox"
              checked={draft.listed}
              onChange={(e) => setDraft((d) => ({ ...d, listed: e.target.checked }))}
            />{' '}
            <label htmlFor="listed" style={{ display: 'inline' }}>
              {t('search.listed')}
            </label>
          </div>
        </div>
      </form>
      {RESIDENT_ID.test(q) && <PersonLookup identifier={q} />}
      {q && <Results loading={results.loading} error={results.error} hits={results.data?.items} />}
    </>
  );
}

function Results({
  loading,
  error,
  hits,
}: {
  loading: boolean;
  error: unknown;
  hits: SearchHit[] | undefined;
}) {
  const { t } = useI18n();
  if (loading) return <Loading height="12rem" />;
  if (error) return <ErrorNote error={error} />;
  if (!hits) return null;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t('search.results', { count: hits.length })}</h2>
      {hits.length === 0 && <p>{t('search.none')}</p>}
      <ol className="results">
        {hits.map((hit, i) => {
          const path = subjectPath(hit);
          return (
            <li key={`${hit.matched}-${i}`}>
              <div className="row" style={{ alignItems: 'baseline' }}>
                <strong>{path ? <Link to={path}>{hit.name}</Link> : hit.name}</strong>
                {hit.listed && <span className="badge black">{t('search.listedBadge')}</span>}
                <span className="small muted">{t(kindKey(hit.kind))}</span>
              </div>
              <div className="small">
                {hit.identifiers.map((id) => id.value).join(' · ')}
                {hit.regionName ? ` · ${hit.regionName}` : ''}
              </div>
              <div className="small muted">
                {t('search.score', { score: hit.score.toFixed(2) })} · {hit.reasons.join('; ')}
              </div>
              {!path && <div className="small muted">{t('search.personHint')}</div>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
