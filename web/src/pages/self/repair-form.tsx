import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api';
import { useErrorText } from '../../components/status';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { Field, fieldOf, FormError, lines, type Problems } from './form-bits';
import { type RepairRule, useDayCount } from './repair-rules';
import type { ReportRepair } from './report-types';

/** The earliest day the API gave for a too-early application; else the one the report gave. */
function earliestOf(error: unknown, fallback: string | null): string | null {
  if (!(error instanceof ApiError) || error.code !== 'REPAIR_TOO_EARLY') return null;
  const given = error.details?.possibleFrom;
  if (typeof given === 'string') return given;
  // the message names the day too ("repair can be applied for from 2027-03-01")
  return /\d{4}-\d{2}-\d{2}/.exec(error.message)?.[0] ?? fallback;
}

/** Each obligation declared performed with evidence, and the commitment; then POST /v1/repairs. */
export function RepairForm({
  item,
  itemId,
  rule,
  possibleFrom,
}: {
  item: 'record' | 'list_entry';
  itemId: string;
  rule: RepairRule;
  possibleFrom: string | null;
}) {
  const { t, pick, date } = useI18n();
  const say = useErrorText();
  const { call } = useSession();
  const days = useDayCount();
  const [declared, setDeclared] = useState<Record<string, boolean>>({});
  const [evidence, setEvidence] = useState<Record<string, string>>({});
  const [commitment, setCommitment] = useState('');
  const [local, setLocal] = useState<Problems>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<ReportRepair | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const earliest = earliestOf(error, possibleFrom);
  useEffect(() => outcome.current?.focus(), [filed, earliest]);

  const fields = [...rule.obligations.map((o) => `obligations.${o.id}`), 'commitment'];
  // the API names an obligation by its id, or a schema problem by its place in the list sent
  const sent = rule.obligations.filter((o) => declared[o.id]);
  const serverField = (() => {
    if (!(error instanceof ApiError) || !error.field) return null;
    const at = /^obligations\.(\d+)/.exec(error.field);
    const byIndex = at ? sent[Number(at[1])] : undefined;
    return byIndex ? `obligations.${byIndex.id}` : fieldOf(error, fields);
  })();
  const problem = (field: string) =>
    local[field] ?? (serverField === field && error instanceof Error ? say(error) : null);

  if (filed) {
    return (
      <div className="card done" role="status" tabIndex={-1} ref={outcome}>
        <h2 style={{ marginTop: 0 }}>{t('self.repair.filed')}</h2>
        <p id="repair-deadline">
          {t('self.repair.answerBy', { filed: date(filed.filedOn), date: date(filed.answerBy) })}
        </p>
        <p>{t('self.repair.next', { decide: days(rule.decide) })}</p>
        <Link className="button" to="/me">
          {t('self.backToReport')}
        </Link>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: Problems = {};
    for (const o of rule.obligations) {
      if (!declared[o.id]) found[`obligations.${o.id}`] = t('self.repair.declareRequired');
      else if (lines(evidence[o.id] ?? '').length === 0)
        found[`obligations.${o.id}`] = t('self.repair.evidenceRequired');
    }
    if (!commitment.trim()) found.commitment = t('self.repair.commitmentRequired');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const answer = await call<ReportRepair>('/v1/repairs', {
        body: {
          item,
          itemId,
          obligations: sent.map((o) => ({ id: o.id, evidence: lines(evidence[o.id] ?? '') })),
          commitment: commitment.trim(),
        },
      });
      setFiled(answer);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="repair-form-title">
      <h2 id="repair-form-title" style={{ marginTop: 0 }}>
        {t('self.repair.form')}
      </h2>
      {rule.obligations.map((o) => {
        const field = `obligations.${o.id}`;
        return (
          <fieldset key={o.id} className="obligation">
            <legend>{pick(o.name)}</legend>
            <div className="field">
              <input
                type="checkbox"
                id={`declare-${o.id}`}
                checked={Boolean(declared[o.id])}
                onChange={(e) => setDeclared({ ...declared, [o.id]: e.target.checked })}
              />{' '}
              <label htmlFor={`declare-${o.id}`} style={{ display: 'inline' }}>
                {t('self.repair.declare')}
              </label>
            </div>
            <Field
              id={`evidence-${o.id}`}
              label={t('self.repair.evidence')}
              hint={t('self.repair.evidenceHint')}
              problem={problem(field)}
            >
              {(aria) => (
                <textarea
                  {...aria}
                  aria-required="true"
                  rows={2}
                  value={evidence[o.id] ?? ''}
                  onChange={(e) => setEvidence({ ...evidence, [o.id]: e.target.value })}
                  className="wide"
                />
              )}
            </Field>
          </fieldset>
        );
      })}
      <Field
        id="commitment"
        label={t('self.repair.commitment')}
        hint={t('self.repair.commitmentHint')}
        problem={problem('commitment')}
      >
        {(aria) => (
          <textarea
            {...aria}
            aria-required="true"
            rows={4}
            maxLength={4000}
            value={commitment}
            onChange={(e) => setCommitment(e.target.value)}
            className="wide"
          />
        )}
      </Field>
      <button type="submit" disabled={busy}>
        {t('self.repair.submit')}
      </button>
      {earliest ? (
        <div className="card problem-card" role="alert" tabIndex={-1} ref={outcome} id="too-early">
          <h3 style={{ marginTop: 0 }}>{t('self.repair.tooEarly')}</h3>
          <p>{t('self.repair.tooEarlyFrom', { date: date(earliest) })}</p>
          <p className="small muted">{(error as ApiError).code}</p>
        </div>
      ) : (
        <FormError error={serverField ? null : error} fields={fields} />
      )}
    </form>
  );
}
