import { useState } from 'react';
import { type CatalogEntry, catalogText } from '../../../catalog';
import { useErrorText } from '../../../components/status';
import { type Label, type MessageKey, useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { ActionForm, FieldProblem, invalidProps, problemFor, type Status } from './action-form';
import type { ListEntry } from './types';

/** What the catalog says of a list type that the decider's actions depend on. */
interface ListRules {
  period?: { kind: string };
  periodByField?: { periods: Record<string, { kind: string }> };
  extensions?: { min: string; max: string; times: number };
  earlyRemoval?: { minServed: string; conditions?: Label | string };
  removalOnPerformance?: unknown;
}

/** The removal kinds a decider may give that the list type provides for. */
export function allowedRemovals(type: CatalogEntry | null): string[] {
  const rules = (type ?? {}) as ListRules;
  const untilPerformed =
    rules.period?.kind === 'until_performed' ||
    Object.values(rules.periodByField?.periods ?? {}).some((p) => p.kind === 'until_performed') ||
    rules.removalOnPerformance !== undefined;
  return [
    ...(untilPerformed ? ['performed'] : []),
    ...(rules.earlyRemoval ? ['early_removal', 'repaired'] : []),
    'objection_upheld',
    'revoked',
  ];
}

export const removalKey = (removal: string) => `decide.removal.${removal}` as MessageKey;

interface Props extends Status {
  entry: ListEntry;
  type: CatalogEntry | null;
}

/** The decider's actions for the entry's state, each with its reason. */
export function EntryActions({ entry, type, onDone, onStart }: Props) {
  const { t } = useI18n();
  const { call } = useSession();
  const post = (step: string, body: Record<string, unknown>) =>
    call(`/v1/list-entries/${encodeURIComponent(entry.id)}/${step}`, { method: 'POST', body });
  const common = { onDone, onStart };

  if (entry.state === 'proposed' || entry.state === 'noticed') {
    return (
      <div className="actions">
        {entry.state === 'proposed' ? (
          <ActionForm
            key="notice"
            {...common}
            id="notice"
            title={t('decide.action.notice')}
            reasonHint={t('decide.action.noticeHint')}
            submitLabel={t('decide.action.noticeSubmit')}
            doneMessage={t('decide.done.notice')}
            onSubmit={(reason) => post('notice', { reason })}
          />
        ) : (
          <ActionForm
            key="decide"
            {...common}
            id="decide"
            title={t('decide.action.decide')}
            reasonHint={t('decide.action.decideHint')}
            submitLabel={t('decide.action.decideSubmit')}
            doneMessage={t('decide.done.decide')}
            onSubmit={(reason) => post('decision', { reason })}
          />
        )}
        <ActionForm
          {...common}
          id="reject"
          secondary
          title={t('decide.action.reject')}
          submitLabel={t('decide.action.rejectSubmit')}
          doneMessage={t('decide.done.reject')}
          onSubmit={(reason) => post('rejection', { reason })}
        />
      </div>
    );
  }
  if (entry.state === 'effective') {
    return (
      <div className="actions">
        <ExtendForm entry={entry} type={type} post={post} {...common} />
        <RemoveForm type={type} post={post} {...common} />
      </div>
    );
  }
  return <p className="muted">{t('decide.action.none')}</p>;
}

type Post = (step: string, body: Record<string, unknown>) => Promise<unknown>;

function ExtendForm({
  entry,
  type,
  post,
  ...common
}: Status & { entry: ListEntry; type: CatalogEntry | null; post: Post }) {
  const { t } = useI18n();
  const say = useErrorText();
  const rule = (type as ListRules | null)?.extensions;
  const [by, setBy] = useState(rule?.min ?? 'P1Y');
  if (!rule || entry.endsOn === null) {
    return <p className="muted small">{t('decide.extend.none')}</p>;
  }
  return (
    <ActionForm
      id="extend"
      title={t('decide.action.extend')}
      submitLabel={t('decide.action.extendSubmit')}
      doneMessage={t('decide.done.extend')}
      fieldNames={['by']}
      fields={(error) => {
        const problem = problemFor(error, 'by', say);
        return (
          <div className="field">
            <label htmlFor="extend-by">{t('decide.extend.by')}</label>
            <div id="extend-by-hint" className="hint">
              {t('decide.extend.hint', { min: rule.min, max: rule.max, times: rule.times })}
            </div>
            <input
              id="extend-by"
              value={by}
              onChange={(e) => setBy(e.target.value.toUpperCase())}
              {...invalidProps('extend-by-problem', problem, 'extend-by-hint')}
            />
            <FieldProblem id="extend-by-problem" message={problem} />
          </div>
        );
      }}
      onSubmit={(reason) => post('extension', { by, reason })}
      {...common}
    />
  );
}

function RemoveForm({ type, post, ...common }: Status & { type: CatalogEntry | null; post: Post }) {
  const { t, lang } = useI18n();
  const say = useErrorText();
  const kinds = allowedRemovals(type);
  const [removal, setRemoval] = useState(kinds[0] ?? 'revoked');
  const conditions = catalogText((type as ListRules | null)?.earlyRemoval?.conditions, lang);
  return (
    <ActionForm
      id="remove"
      secondary
      title={t('decide.action.remove')}
      submitLabel={t('decide.action.removeSubmit')}
      doneMessage={t('decide.done.remove')}
      fieldNames={['removal']}
      fields={(error) => {
        const problem = problemFor(error, 'removal', say);
        return (
          <div className="field">
            <label htmlFor="remove-kind">{t('decide.removal.kind')}</label>
            {conditions && (
              <div id="remove-kind-hint" className="hint">
                {t('decide.removal.conditions', { conditions })}
              </div>
            )}
            <select
              id="remove-kind"
              value={removal}
              onChange={(e) => setRemoval(e.target.value)}
              {...invalidProps(
                'remove-kind-problem',
                problem,
                conditions ? 'remove-kind-hint' : undefined,
              )}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(removalKey(k))}
                </option>
              ))}
            </select>
            <FieldProblem id="remove-kind-problem" message={problem} />
          </div>
        );
      }}
      onSubmit={(reason) => post('removal', { removal, reason })}
      {...common}
    />
  );
}
