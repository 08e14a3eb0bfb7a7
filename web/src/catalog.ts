import { api } from './api';
import type { Label, Lang } from './i18n';

/** The catalog as the API serves it (GET /v1/catalog/{section}); read once per page load. */
export interface LegalBasis {
  title: string;
  /** the note in both languages; a plain string where it was kept before notes had both */
  provision?: Label | string;
  article?: string;
}

export interface FieldDef {
  name: string;
  label: Label;
  type: string;
  required: boolean;
  values?: string[];
  /** each value's words in both languages */
  valueLabels?: Record<string, Label>;
  maxLength?: number;
  min?: number;
  max?: number;
  notBefore?: string;
}

export interface CatalogEntry {
  id: string;
  name: Label;
  description?: Label;
  legalBasis?: LegalBasis[];
  fields?: FieldDef[];
  [key: string]: unknown;
}

export type Section = 'record-types' | 'list-types' | 'measures' | 'rating-models';
export const SECTIONS: Section[] = ['record-types', 'list-types', 'measures', 'rating-models'];

const sections = new Map<string, Promise<Map<string, CatalogEntry>>>();

export function catalogSection(
  section: Section | 'purposes' | 'domains',
): Promise<Map<string, CatalogEntry>> {
  let loaded = sections.get(section);
  if (!loaded) {
    loaded = api<{ items: CatalogEntry[] }>(`/v1/catalog/${section}`).then(
      ({ items }) => new Map(items.map((i) => [i.id, i])),
    );
    // a failed read is tried again next time
    loaded.catch(() => sections.delete(section));
    sections.set(section, loaded);
  }
  return loaded;
}

export interface Authority {
  id: string;
  name: string;
  nameEn?: string | null;
}

let authorities: Promise<Map<string, Authority>> | null = null;

export function authorityNames(): Promise<Map<string, Authority>> {
  authorities ??= api<{ items: Authority[] }>('/v1/authorities').then(
    ({ items }) => new Map(items.map((a) => [a.id, a])),
  );
  authorities.catch(() => (authorities = null));
  return authorities;
}

/**
 * A catalog text in the reader's language. A plain string is one kept before the catalog
 * wrote every text in both (a list entry's notice keeps its legal basis as it was): English
 * prose, so a Chinese reader gets it only if it is Chinese.
 */
export function catalogText(text: Label | string | undefined, lang: Lang): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'object') return text[lang];
  return lang === 'en' || /\p{Script=Han}/u.test(text) ? text : undefined;
}

/** A legal basis as a reader of `lang` reads it: the law's title and the provision note. */
export function legalBasisText(basis: LegalBasis, lang: Lang = 'en'): string {
  const shown = catalogText(basis.provision ?? basis.article, lang);
  return shown ? `《${basis.title}》${shown}` : `《${basis.title}》`;
}

/** How a field value reads: enum values by their catalog words, dates in the reader's form. */
export function fieldValueText(
  def: FieldDef | undefined,
  value: string | number | boolean | string[],
  words: { yes: string; no: string; pick: (l: Label) => string; date: (iso: string) => string },
): string {
  const word = (v: string) => (def?.valueLabels?.[v] ? words.pick(def.valueLabels[v]) : v);
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.map(word).join('；');
  return def?.type === 'date' ? words.date(String(value)) : word(String(value));
}

/** A value of some record type's enum field by its words (a list entry's circumstance); else the value. */
export function enumValueWords(
  recordTypes: Iterable<CatalogEntry> | undefined,
  value: string,
  pick: (l: Label) => string,
): string {
  for (const type of recordTypes ?? [])
    for (const f of type.fields ?? [])
      if (f.valueLabels?.[value]) return pick(f.valueLabels[value]);
  return value;
}
