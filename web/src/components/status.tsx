import { ApiError } from '../api';
import { type Lang, useI18n } from '../i18n';

/** A placeholder of the size of what is loading, so nothing below it moves when it arrives. */
export function Loading({ height = '6rem' }: { height?: string }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" style={{ minHeight: height }} role="status" aria-live="polite">
      <span className="skip">{t('common.loading')}</span>
    </div>
  );
}

/**
 * An error in the reader's language: in Chinese the catalog's Chinese rule (`ruleZh`), never the
 * English message or the code alone; in English the server's message. Errors the portal made
 * itself are already in the reader's language.
 */
export function errorText(error: unknown, lang: Lang, unknownZh: string): string {
  if (!(error instanceof Error)) return String(error);
  if (lang === 'zh' && error instanceof ApiError) return error.ruleZh ?? unknownZh;
  return error.message;
}

/** `errorText` in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t, lang } = useI18n();
  return (error) => errorText(error, lang, t('common.errorUnknown'));
}

/**
 * An error as the API coded it: the message, and the field and rule it names. In Chinese the
 * Chinese rule, and the field by its label when the page knows it (`fieldLabel`), without codes.
 */
export function ErrorNote({
  error,
  fieldLabel,
}: {
  error: unknown;
  fieldLabel?: (field: string) => string | undefined;
}) {
  const { t, lang } = useI18n();
  const say = useErrorText();
  if (!error) return null;
  const message = say(error);
  if (lang === 'zh') {
    const label = error instanceof ApiError && error.field ? fieldLabel?.(error.field) : undefined;
    return (
      <div className="card problem" role="alert">
        <p style={{ margin: 0 }}>{t('common.error', { message })}</p>
        {label && (
          <p className="small muted" style={{ margin: '0.25rem 0 0' }}>
            {t('common.errorField', { field: label })}
          </p>
        )}
      </div>
    );
  }
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

/** The regional catalog layer an item comes from (issue 22), e.g. 荣成市规则; nothing for national rules. */
export function LayerBadge({ layer }: { layer?: { name: { zh: string; en: string } } | null }) {
  const { pick } = useI18n();
  if (!layer) return null;
  return <span className="badge">{pick(layer.name)}</span>;
}
