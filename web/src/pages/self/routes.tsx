import { useI18n } from '../../i18n';

/** The self screens; they land with their own routes here. */
export default function SelfRoutes() {
  const { t } = useI18n();
  return <h1>{t('nav.self')}</h1>;
}
