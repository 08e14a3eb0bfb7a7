import { type MessageKey, useI18n } from '../../../i18n';
import { consoleMessages } from '../../../i18n/console';
import { useNames } from '../../public/subject';

const FORM_FIELDS = consoleMessages.zh;

/** A file's column by its words: the submission's own columns, else a record type's field label. */
export function useColumnLabel(): (column: string) => string {
  const { t, pick } = useI18n();
  const names = useNames();
  return (column) => {
    if (column === 'type') return t('furnish.type');
    const key = `furnish.field.${column}` as MessageKey;
    if (key in FORM_FIELDS) return t(key);
    for (const type of names.data?.recordTypes.values() ?? [])
      for (const f of type.fields ?? []) if (f.name === column) return pick(f.label);
    return column;
  };
}
