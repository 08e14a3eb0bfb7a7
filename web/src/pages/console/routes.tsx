import { useI18n } from '../../i18n';

/** The console screens; they land with their own routes here. */
export default function ConsoleRoutes() {
  const { t } = useI18n();
  return <h1>{t('nav.console')}</h1>;
}
