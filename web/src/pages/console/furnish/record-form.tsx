import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { CatalogEntry } from '../../../catalog';
import { ErrorNote } from '../../../components/status';
import { useI18n } from '../../../i18n';
import { useSession } from '../../../session';
import { FieldInput } from './field-input';
import { formGroups, missing, submission, type Values } from './fields';
import { ProblemSummary } from './problem-summary';
import { formFieldOf, type Problem, problemsOf } from './problems';
import type { Stored } from './submitted';

interface RowOutcome {
  status: 'created' | 'unchanged';
  recordId: string;
  warnings?: string[];
}

/** The form for one record type: common columns, then the type's own fields. */
export function RecordForm({
  type,
  onStored,
}: {
  type: CatalogEntry;
  onStored(stored: Stored): void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const session = useSession();
  const groups = useMemo(() => formGroups(i18n, type), [i18n, type]);
  const fields = useMemo(() => groups.flatMap((g) => g.fields), [groups]);
  // an error naming a field of the form is shown by the field's label
  const labelOf = (field: string) => fields.find((f) => f.name === formFieldOf(field))?.label;
  const [values, setValues] = useState<Values>({});
  const [problems, setProblems] = useState<{ list: Problem[]; fromApi: boolean } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  // a new list of problems takes the focus, so keyboard and screen-reader users land on it
  useEffect(() => {
    if (problems) summary.current?.focus();
  }, [problems]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const empty = missing(fields, values);
    if (empty.length > 0) {
      setProblems({
        list: empty.map((f) => ({ field: f.name, message: t('furnish.requiredProblem') })),
        fromApi: false,
      });
      return;
    }
    setBusy(true);
    try {
      const body = submission(type.id, fields, values);
      const outcome = await session.call<RowOutcome>('/v1/records', { body });
      const version = await session.call<Stored['version']>(
        `/v1/records/${encodeURIComponent(outcome.recordId)}`,
      );
      onStored({
        outcome: outcome.status,
        warnings: outcome.warnings ?? [],
        version,
        identifier: String(body.subject_identifier),
      });
    } catch (error) {
      const found = problemsOf(error, lang, t('common.errorUnknown'));
      if (found.length > 0) setProblems({ list: found, fromApi: true });
      else {
        setProblems(null);
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  const errors = new Map<string, string>();
  for (const p of problems?.list ?? []) {
    if (!errors.has(p.field)) errors.set(p.field, p.message);
  }

  return (
    <form className="console-form" noValidate onSubmit={submit} aria-busy={busy}>
      {problems && problems.list.length > 0 && (
        <ProblemSummary
          ref={summary}
          problems={problems.list}
          fields={fields}
          fromApi={problems.fromApi}
        />
      )}
      <ErrorNote error={failure} fieldLabel={labelOf} />
      {groups.map((group) => (
        <section key={group.id} className="card" aria-labelledby={`group-${group.id}`}>
          <h2 id={`group-${group.id}`} className="card-title">
            {group.title}
          </h2>
          <div className="form-grid">
            {group.fields.map((f) => (
              <FieldInput
                key={f.name}
                field={f}
                value={values[f.name]}
                error={errors.get(f.name)}
                onChange={(value) => setValues((v) => ({ ...v, [f.name]: value }))}
              />
            ))}
          </div>
        </section>
      ))}
      <p className="small muted">{t('furnish.authorityNote')}</p>
      <button type="submit" disabled={busy}>
        {busy ? t('furnish.submitting') : t('furnish.submit')}
      </button>
    </form>
  );
}
