import { api } from './api';
import type { Label, Lang } from './i18n';

/** The catalog as the API serves it (GET /v1/catalog/{section}); read once per page load. */
export interface LegalBasis {
  title: string;
  provision?: string;
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
  description?: string;
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
 * A legal basis as a reader of `lang` reads it: the law's title, and the provision note
 * where it is in that language (the catalog's notes are English: a Chinese reader gets the title).
 */
export function legalBasisText(basis: LegalBasis, lang: Lang = 'en'): string {
  const where = basis.provision ?? basis.article;
  const shown = where && (lang === 'en' || /\p{Script=Han}/u.test(where)) ? where : null;
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
