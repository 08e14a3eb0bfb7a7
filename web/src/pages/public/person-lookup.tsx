import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n';

/** a resident ID number's form (the API decides whether it is valid) */
export const RESIDENT_ID = /^\d{17}[\dXx]$/;

/**
 * Asks for a person's name: the public finds a person only by the full number together with
 * the name (SPEC 4.9), so the page opens at /subjects/{number}?name={name}.
 */
export function PersonLookup({ identifier }: { identifier: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const query = new URLSearchParams({ name: name.trim() });
    navigate(`/subjects/${encodeURIComponent(identifier.trim())}?${query.toString()}`);
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="person-lookup">
      <h2 id="person-lookup" style={{ marginTop: 0 }}>
        {t('person.title')}
      </h2>
      <p className="small muted">{t('person.hint')}</p>
      <div className="row">
        <div>
          <label htmlFor="person-name">{t('person.name')}</label>
          <input
            id="person-name"
            autoComplete="off"
            maxLength={300}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit" style={{ alignSelf: 'end' }}>
          {t('person.submit')}
        </button>
      </div>
    </form>
  );
}
