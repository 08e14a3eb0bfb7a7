import { api } from './api';
import type { Label } from './i18n';

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

export function catalogSection(section: Section | 'purposes'): Promise<Map<string, CatalogEntry>> {
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

export function legalBasisText(basis: LegalBasis): string {
  const where = basis.provision ?? basis.article;
  return where ? `《${basis.title}》${where}` : `《${basis.title}》`;
}
