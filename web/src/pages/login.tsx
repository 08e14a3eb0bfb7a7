import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorNote } from '../components/status';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const account = await session.login(key);
      navigate(account.role === 'subject' ? '/me' : '/console');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('login.title')}</h1>
      {session.expired && <p className="problem">{t('login.expired')}</p>}
      <form className="card" onSubmit={submit} style={{ maxWidth: '36rem' }}>
        <p className="muted">{t('login.intro')}</p>
        <div className="field">
          <label htmlFor="api-key">{t('login.key')}</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            style={{ width: '100%' }}
          />
        </div>
        <button type="submit" disabled={busy || key.trim() === ''}>
          {t('login.submit')}
        </button>
      </form>
      <ErrorNote error={error} />
    </>
  );
}
