import { matchWords } from './match-words';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api';
import { ColourBadge, ErrorNote, LIST_COLOURS, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { type MessageKey, useI18n } from '../../i18n';
import { PersonLookup, RESIDENT_ID } from './person-lookup';
import { RegionInput } from './region-input';
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
  /** a close match: an identifier, a whole name exactly or nearly, every token of the query */
  close: boolean;
  listed: boolean;
  /** the colours of the lists it is on today, black first */
  colours: string[];
}

export const KINDS = ['business', 'person', 'government', 'social_org'] as const;
export const kindKey = (kind: string) => `common.kind.${kind}` as MessageKey;

/** an identifier as the API compares it: full-width folded, no spaces, upper case */
const identifierForm = (value: string) => value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

/** The page of the one subject a query names by its identifier, if it is such a query. */
export function identifiedPath(q: string, hits: SearchHit[]): string | null {
  const [hit] = hits;
  if (!hit || hits.length > 1) return null;
  const typed = identifierForm(q);
  const named = hit.identifiers.some((i) => !i.masked && identifierForm(i.value) === typed);
  return named ? subjectPath(hit) : null;
}

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
  const colour = params.get('colour') ?? '';
  // the form starts from the address each time it changes (back, forward, a shared link)
  const [draft, setDraft] = useState({ q, kind, region, colour, from: params.toString() });
  if (draft.from !== params.toString()) {
    setDraft({ q, kind, region, colour, from: params.toString() });
  }

  const results = useLoad(
    (signal) =>
      q
        ? api<{ items: SearchHit[] }>('/v1/search', {
            query: { q, kind, region, colour: colour || undefined, limit: 20 },
            signal,
          })
        : Promise.resolve(null),
    [q, kind, region, colour],
  );

  // an exact identifier names one subject: open its page in place of the search
  const opened = results.data ? identifiedPath(q, results.data.items) : null;
  useEffect(() => {
    if (opened) navigate(opened, { replace: true });
  }, [opened, navigate]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (draft.q.trim()) next.q = draft.q.trim();
    if (draft.kind) next.kind = draft.kind;
    if (draft.region.trim()) next.region = draft.region.trim();
    if (draft.colour) next.colour = draft.colour;
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
          <RegionInput
            id="region"
            value={draft.region}
            onChange={(e) => setDraft((d) => ({ ...d, region: e.target.value }))}
          />
          <div>
            <label htmlFor="colour">{t('search.colour')}</label>
            {/* a redlist commends and a blacklist sanctions: never one filter for both */}
            <select
              id="colour"
              value={draft.colour}
              onChange={(e) => setDraft((d) => ({ ...d, colour: e.target.value }))}
            >
              <option value="">{t('search.colourAll')}</option>
              {LIST_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {t(`search.colourOnly.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </form>
      {!q && (
        <nav className="card" aria-labelledby="browse-title">
          <h2 id="browse-title" style={{ marginTop: 0 }}>
            {t('home.browse')}
          </h2>
          <ul>
            <li>
              <Link to="/lists">{t('home.browseLists')}</Link>
            </li>
            <li>
              <Link to="/disclosures">{t('home.browseDisclosures')}</Link>
            </li>
          </ul>
        </nav>
      )}
      {RESIDENT_ID.test(q) && <PersonLookup identifier={q} />}
      {/* a person's number alone finds nobody in public: the name form above is the answer */}
      {q && !RESIDENT_ID.test(q) && !opened && (
        <Results q={q} loading={results.loading} error={results.error} hits={results.data?.items} />
      )}
    </>
  );
}

/** How a hit matched, in words: the label its `close` flag earns, then its reasons. */
function MatchLine({ hit }: { hit: SearchHit }) {
  const { t, lang } = useI18n();
  const { label, why } = matchWords(hit, t);
  return (
    <div className="small muted match">
      <span className={`badge${hit.close ? '' : ' muted'}`}>{label}</span>
      {why.length > 0 ? ` ${why.join(lang === 'zh' ? '；' : '; ')}` : ''}
    </div>
  );
}

function Results({
  q,
  loading,
  error,
  hits,
}: {
  q: string;
  loading: boolean;
  error: unknown;
  hits: SearchHit[] | undefined;
}) {
  const { t } = useI18n();
  if (loading) return <Loading height="12rem" />;
  if (error) return <ErrorNote error={error} />;
  if (!hits) return null;
  // unrelated firms are not presented as if they were hits: the page says nothing is close
  const close = hits.some((hit) => hit.close);
  return (
    <section aria-labelledby="results-title">
      {!close && (
        <p className="no-close-match" role="status">
          {t('search.noClose', { q })}
        </p>
      )}
      <h2 id="results-title">{t('search.results', { count: hits.length })}</h2>
      <ol className="results">
        {hits.map((hit, i) => {
          const path = subjectPath(hit);
          return (
            <li key={`${hit.matched}-${i}`}>
              <div className="row" style={{ alignItems: 'baseline' }}>
                <strong>{path ? <Link to={path}>{hit.name}</Link> : hit.name}</strong>
                {hit.colours.map((c) => (
                  <ColourBadge key={c} colour={c} />
                ))}
                <span className="small muted">{t(kindKey(hit.kind))}</span>
              </div>
              <div className="small">
                {hit.identifiers.map((id) => id.value).join(' · ')}
                {hit.regionName ? ` · ${hit.regionName}` : ''}
              </div>
              <MatchLine hit={hit} />
              {!path && <div className="small muted">{t('search.personHint')}</div>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
