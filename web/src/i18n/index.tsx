import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { commonMessages } from './common';
import { consoleMessages } from './console';
import { decideMessages } from './decide';
import { directoryMessages } from './directory';
import { inquireMessages } from './inquire';
import { searchMessages } from './search';
import { publicMessages } from './public';
import { reportMessages } from './reports';
import { selfMessages } from './self';

/**
 * Chinese and English, switchable and remembered. Each part of the portal keeps its own
 * dictionary (one file each, so work on one part never touches another's); the types make
 * every key exist in both languages.
 */
export type Lang = 'zh' | 'en';
export const LANGS: Lang[] = ['zh', 'en'];

const zh = {
  ...commonMessages.zh,
  ...publicMessages.zh,
  ...directoryMessages.zh,
  ...consoleMessages.zh,
  ...decideMessages.zh,
  ...inquireMessages.zh,
  ...searchMessages.zh,
  ...selfMessages.zh,
  ...reportMessages.zh,
};
export type MessageKey = keyof typeof zh;
const en: Record<MessageKey, string> = {
  ...commonMessages.en,
  ...publicMessages.en,
  ...directoryMessages.en,
  ...consoleMessages.en,
  ...decideMessages.en,
  ...inquireMessages.en,
  ...searchMessages.en,
  ...selfMessages.en,
  ...reportMessages.en,
};
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { zh, en };

const STORAGE_KEY = 'credence.lang';

/** A catalog label: `{ zh, en }` */
export interface Label {
  zh: string;
  en?: string;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** a message, with `{name}` placeholders filled from vars */
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** the label in the current language, falling back to Chinese */
  pick(label: Label | null | undefined): string;
  /** an ISO date (YYYY-MM-DD) as people read it in the current language */
  date(iso: string | null | undefined): string;
  number(value: number): string;
}

function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const chosen = initialLang();
    document.documentElement.lang = chosen === 'zh' ? 'zh-CN' : 'en';
    return chosen;
  });
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[lang];
    const dates = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    const numbers = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-GB');
    return {
      lang,
      setLang,
      t: (key, vars) =>
        messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
          vars && name in vars ? String(vars[name]) : whole,
        ),
      pick: (label) => (label ? ((lang === 'en' ? label.en : undefined) ?? label.zh) : ''),
      date: (iso) => {
        if (!iso) return '—';
        const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(day.getTime()) ? iso : dates.format(day);
      },
      number: (n) => numbers.format(n),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
