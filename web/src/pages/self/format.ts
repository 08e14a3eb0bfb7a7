import type { Lang } from '../../i18n';

/** An amount in integer minor units as money, e.g. 5000000 CNY → ¥50,000.00. */
export function money(lang: Lang, minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      style: 'currency',
      currency,
    });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    // a currency code Intl does not know: the number as stored, with its code
    return `${minor} ${currency}`;
  }
}

/** A date and time of the day, in the reader's time zone. */
export function dateTime(lang: Lang, iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
}
