import type { InputHTMLAttributes } from 'react';
import { useI18n } from '../../i18n';

/** A division code filter (2 to 6 digits) with its label and hint: the search's and the directories'. */
export function RegionInput({
  id,
  ...input
}: { id: string } & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'value' | 'defaultValue' | 'onChange'
>) {
  const { t } = useI18n();
  return (
    <div>
      <label htmlFor={id}>{t('search.region')}</label>
      <input
        id={id}
        inputMode="numeric"
        pattern="\d{2,6}"
        maxLength={6}
        size={8}
        aria-describedby={`${id}-hint`}
        {...input}
      />
      <div id={`${id}-hint`} className="small muted">
        {t('search.regionHint')}
      </div>
    </div>
  );
}
