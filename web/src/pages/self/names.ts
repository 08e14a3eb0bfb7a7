import { type CatalogEntry, catalogSection, catalogText, enumValueWords } from '../../catalog';
import { useLoad } from '../../components/use-load';
import { type Label, useI18n } from '../../i18n';
import { removalKey } from '../console/decide/entry-actions';
import { useNames } from '../public/subject';

/** The catalog's and the authorities' names, loaded once; null while they load. */
export type Names = NonNullable<ReturnType<typeof useNames>['data']>;

interface Grade {
  grade: string;
  label?: Label;
}

/** Ids as the reader reads them: catalog names in the reader's language, authorities by name. */
export function useNaming(names: Names | null) {
  const { pick, lang, t } = useI18n();
  const entry = (map: Map<string, CatalogEntry> | undefined, id: string) => {
    const found = map?.get(id);
    return found ? pick(found.name) : id;
  };
  return {
    authority: (id: string | null) => {
      if (!id) return '—';
      // sweeps and automatic lists act for no authority of their own
      if (id === 'system') return t('dir.automatic');
      const a = names?.authorities.get(id);
      return a ? (lang === 'en' && a.nameEn ? a.nameEn : a.name) : id;
    },
    recordType: (id: string) => entry(names?.recordTypes, id),
    listType: (id: string) => entry(names?.listTypes, id),
    model: (id: string) => entry(names?.ratingModels, id),
    fieldDef: (type: string, field: string) =>
      names?.recordTypes.get(type)?.fields?.find((f) => f.name === field),
    field: (type: string, field: string) => {
      const def = names?.recordTypes.get(type)?.fields?.find((f) => f.name === field);
      return def ? pick(def.label) : field;
    },
    /** "B (Good)" where the model names its grades */
    grade: (modelId: string, grade: string) => {
      const grades = names?.ratingModels.get(modelId)?.grades as Grade[] | undefined;
      const label = grades?.find((g) => g.grade === grade)?.label;
      const text = label ? pick(label) : '';
      if (!text || text === grade) return grade;
      return lang === 'zh' ? `${grade}（${text}）` : `${grade} (${text})`;
    },
    /** a list entry's circumstance (a value of a record type's enum field) by its words */
    circumstance: (value: string) => enumValueWords(names?.recordTypes.values(), value, pick),
    /** why an entry was removed, in words */
    removal: (removal: string) => t(removalKey(removal)),
    listLegalBasis: (listType: string) => names?.listTypes.get(listType)?.legalBasis ?? [],
    adverse: (type: string) => names?.recordTypes.get(type)?.adverse !== false,
    /** the minimum time served, and the conditions in the reader's language */
    earlyRemoval: (listType: string) => {
      const early = names?.listTypes.get(listType)?.earlyRemoval as
        { minServed: string; conditions: Label | string } | undefined;
      return early && { ...early, conditions: catalogText(early.conditions, lang) ?? '' };
    },
  };
}

/** The catalog's inquiry purposes (their names in both languages). */
export function usePurposes() {
  return useLoad(() => catalogSection('purposes'), []);
}
