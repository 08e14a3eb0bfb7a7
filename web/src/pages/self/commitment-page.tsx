import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api';
import { catalogSection } from '../../catalog';
import { ErrorNote, Loading } from '../../components/status';
import { useLoad } from '../../components/use-load';
import { type MessageKey, useI18n } from '../../i18n';
import { useSession } from '../../session';

/** A commitment template as GET /v1/catalog/commitment-templates serves it. */
interface Template {
  id: string;
  name: { zh: string; en: string };
  text: { zh: string; en: string };
  terms: string[];
  recipientDomain: string;
}

interface Made {
  recordId: string;
  status: 'created' | 'unchanged';
  dueDate: string;
}

/** Templates and domain names, and whether the account's subject is an organization. */
function useCommitmentData(identifier: string) {
  return useLoad(
    async (signal) => {
      const [templates, domains, kind] = await Promise.all([
        api<{ items: Template[] }>('/v1/catalog/commitment-templates', { signal }),
        catalogSection('domains'),
        // a person's file is not public: the public lookup asks for a name, and that says "person"
        api<{ subject: { kind: string } }>(`/v1/subjects/${encodeURIComponent(identifier)}`, {
          signal,
        }).then(
          (v) => v.subject.kind,
          (e: unknown) => {
            if (e instanceof ApiError && e.code === 'PUBLIC_LOOKUP_NAME_REQUIRED') return 'person';
            throw e;
          },
        ),
      ]);
      return { templates: templates.items, domains, kind };
    },
    [identifier],
  );
}

/** An organization makes a credit commitment of its own: a catalog template and a term. */
export function CommitmentPage({ identifier }: { identifier: string }) {
  const { t, pick, date } = useI18n();
  const { call } = useSession();
  const data = useCommitmentData(identifier);
  const [chosen, setChosen] = useState('');
  const [term, setTerm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [made, setMade] = useState<Made | null>(null);

  if (data.error) return <ErrorNote error={data.error} />;
  if (!data.data) return <Loading height="20rem" />;
  const { templates, domains, kind } = data.data;
  if (kind === 'person') return <p>{t('commit.personOnly')}</p>;
  const template = templates.find((x) => x.id === chosen) ?? templates[0];
  const terms = template?.terms ?? [];
  const termChosen = terms.includes(term) ? term : (terms[0] ?? '');

  const termWords = (duration: string) => {
    const m = /^P(\d+)([YM])$/.exec(duration);
    if (!m) return duration;
    const key: MessageKey = m[2] === 'Y' ? 'commit.years' : 'commit.months';
    return t(key, { count: Number(m[1]) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!template) return;
    setBusy(true);
    setError(null);
    try {
      setMade(
        await call<Made>(`/v1/subjects/${encodeURIComponent(identifier)}/commitments`, {
          method: 'POST',
          body: { template: template.id, term: termChosen },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (made) {
    return (
      <div className="card done" role="status">
        <h1 style={{ marginTop: 0 }}>{t('commit.title')}</h1>
        <p id="commitment-done">
          {t(made.status === 'created' ? 'commit.done' : 'commit.same', {
            date: date(made.dueDate),
          })}
        </p>
        <Link className="button" to={`/subjects/${encodeURIComponent(identifier)}`}>
          {t('commit.viewPublic')}
        </Link>
      </div>
    );
  }

  return (
    <article>
      <h1>{t('commit.title')}</h1>
      <p>{t('commit.intro')}</p>
      <form className="card" onSubmit={submit} aria-label={t('commit.title')}>
        <fieldset>
          <legend>{t('commit.template')}</legend>
          {templates.map((x) => (
            <div key={x.id} className="choice">
              <label>
                <input
                  type="radio"
                  name="template"
                  value={x.id}
                  checked={template?.id === x.id}
                  onChange={() => setChosen(x.id)}
                />{' '}
                <strong>{pick(x.name)}</strong>
              </label>
              <p className="small">{pick(x.text)}</p>
            </div>
          ))}
        </fieldset>
        <div>
          <label htmlFor="commitment-term">{t('commit.term')}</label>
          <select id="commitment-term" value={termChosen} onChange={(e) => setTerm(e.target.value)}>
            {terms.map((d) => (
              <option key={d} value={d}>
                {termWords(d)}
              </option>
            ))}
          </select>
        </div>
        {template && (
          <p className="small muted">
            {t('commit.recipient', {
              domain: pick(domains.get(template.recipientDomain)?.name) || '—',
            })}
          </p>
        )}
        <button type="submit" disabled={busy || !template}>
          {t('commit.submit')}
        </button>
      </form>
      <ErrorNote error={error} />
    </article>
  );
}
