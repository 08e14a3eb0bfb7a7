import { type CatalogEntry, catalogSection, type LegalBasis } from '../../../catalog';
import { useLoad } from '../../../components/use-load';

/** One measure behind an answer, and the list entry that triggers it (POST /v1/checks). */
export interface CheckReason {
  measure: { id: string; name: string; kind: string; effect: string; legalBasis: LegalBasis[] };
  entry: {
    id: string;
    listType: string;
    subjectId: string;
    effectiveFrom: string | null;
    endsOn: string | null;
  };
  /** `subject`, or the subject's role in the listed organization */
  via: string;
}

export interface CheckResult {
  identifier: string;
  subjectId: string;
  action: string;
  date: string;
  decision: 'allow' | 'deny' | 'review';
  reasons: CheckReason[];
  incentives: CheckReason[];
}

export interface CheckError {
  identifier: string;
  action: string;
  /** the API's error body: `ruleZh` is the rule in Chinese */
  error: { code: string; field?: string; message: string; ruleZh?: string };
}

/** An action code and the catalog measures that govern it. */
export interface ActionOption {
  code: string;
  measures: CatalogEntry[];
}

export interface CheckNames {
  actions: ActionOption[];
  measures: Map<string, CatalogEntry>;
  listTypes: Map<string, CatalogEntry>;
}

/** The actions a check may ask about: every code a catalog measure governs. */
export function actionsOf(measures: Map<string, CatalogEntry>): ActionOption[] {
  const byCode = new Map<string, CatalogEntry[]>();
  for (const m of measures.values()) {
    for (const code of (m.actions as string[] | undefined) ?? []) {
      byCode.set(code, [...(byCode.get(code) ?? []), m]);
    }
  }
  return [...byCode.entries()]
    .map(([code, governing]) => ({ code, measures: governing }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * An action as a reader reads it: by the measures that govern it. The catalog names actions by
 * code only, so in English the code leads; in Chinese the measures' names, numbered where two
 * actions share them.
 */
export function actionLabels(
  actions: ActionOption[],
  lang: 'zh' | 'en',
  pick: (label: CatalogEntry['name']) => string,
): Map<string, string> {
  const words = (a: ActionOption) => a.measures.map((m) => pick(m.name)).join(' / ');
  if (lang === 'en') return new Map(actions.map((a) => [a.code, `${a.code} — ${words(a)}`]));
  const seen = new Map<string, number>();
  const shared = new Map<string, number>();
  for (const a of actions) shared.set(words(a), (shared.get(words(a)) ?? 0) + 1);
  return new Map(
    actions.map((a) => {
      const text = words(a);
      const n = (seen.get(text) ?? 0) + 1;
      seen.set(text, n);
      return [a.code, (shared.get(text) ?? 0) > 1 ? `${text}（第 ${n} 项）` : text];
    }),
  );
}

export function useCheckNames() {
  return useLoad<CheckNames>(async () => {
    const [measures, listTypes] = await Promise.all([
      catalogSection('measures'),
      catalogSection('list-types'),
    ]);
    return { actions: actionsOf(measures), measures, listTypes };
  }, []);
}
