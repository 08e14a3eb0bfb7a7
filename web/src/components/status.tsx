import { ApiError } from '../api';
import { useI18n } from '../i18n';

/** A placeholder of the size of what is loading, so nothing below it moves when it arrives. */
export function Loading({ height = '6rem' }: { height?: string }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" style={{ minHeight: height }} role="status" aria-live="polite">
      <span className="skip">{t('common.loading')}</span>
    </div>
  );
}

/** An error as the API coded it: the message, and the field and rule it names. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="card problem" role="alert">
      <p style={{ margin: 0 }}>{t('common.error', { message })}</p>
      {error instanceof ApiError && (
        <p className="small muted" style={{ margin: '0.25rem 0 0' }}>
          {error.code}
          {error.field
            ? ` · ${t('common.field', { field: error.field, rule: error.rule ?? '' })}`
            : ''}
        </p>
      )}
    </div>
  );
}

export function DisputedBadge({ disputed }: { disputed: boolean }) {
  const { t } = useI18n();
  if (!disputed) return null;
  return (
    <span className="badge disputed" title={t('common.disputedHint')}>
      {t('common.disputed')}
    </span>
  );
}

export const LIST_COLOURS = ['black', 'warning', 'red'] as const;
export type ListColour = (typeof LIST_COLOURS)[number];

/** A list's colour in words: a redlist commends, a black or warning list is adverse. */
export function ColourBadge({ colour }: { colour: string }) {
  const { t } = useI18n();
  const known = (LIST_COLOURS as readonly string[]).includes(colour)
    ? (colour as ListColour)
    : 'black';
  return (
    <span className={`badge ${known}`} title={t(`common.colourHint.${known}`)}>
      {t(`common.colour.${known}`)}
    </span>
  );
}
