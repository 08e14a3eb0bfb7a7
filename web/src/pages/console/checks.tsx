import { ErrorNote, Loading } from '../../components/status';
import { useI18n } from '../../i18n';
import { BatchCheck } from './checks/batch-check';
import { useCheckNames } from './checks/measures';
import { SingleCheck } from './checks/single-check';

/** Single and batch measure checks (implementer). */
export function ChecksPage() {
  const { t } = useI18n();
  const names = useCheckNames();
  return (
    <>
      <h1>{t('console.checks')}</h1>
      <p className="muted">{t('checks.intro')}</p>
      <ErrorNote error={names.error} />
      {names.data ? (
        <>
          <SingleCheck names={names.data} />
          <BatchCheck names={names.data} />
        </>
      ) : (
        !names.error && <Loading height="24rem" />
      )}
    </>
  );
}
