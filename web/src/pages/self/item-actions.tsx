import { Link } from 'react-router';
import { useI18n } from '../../i18n';

/** "Object" and, where it applies, "Apply for repair": links, so they open in a new tab too. */
export function ItemActions({
  label,
  objection,
  repair,
}: {
  label: string;
  objection: string | null;
  repair: string | null;
}) {
  const { t } = useI18n();
  if (!objection && !repair) return null;
  return (
    <div className="row no-print item-actions">
      {objection && (
        <Link
          className="button secondary"
          to={objection}
          aria-label={t('self.action.objectTo', { item: label })}
        >
          {t('self.action.object')}
        </Link>
      )}
      {repair && (
        <Link
          className="button secondary"
          to={repair}
          aria-label={t('self.action.repairOf', { item: label })}
        >
          {t('self.action.repair')}
        </Link>
      )}
    </div>
  );
}
