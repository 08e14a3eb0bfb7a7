import { useMemo } from 'react';
import { useI18n } from '../../../i18n';
import { BlobLink } from '../imports/blob-link';
import { toCsv } from '../imports/csv';
import type { BatchLine } from './batch-lines';
import { DecisionBadge } from './check-result';
import { actionLabels, type CheckError, type CheckNames, type CheckResult } from './measures';

export interface Answered {
  lines: BatchLine[];
  /** in the order of `lines` */
  results: Array<CheckResult | CheckError>;
  /** lines that could not be read as identifier,action */
  unreadable: number[];
}

/** rows drawn on the page; the download has every one */
const SHOWN = 1000;

const isError = (r: CheckResult | CheckError): r is CheckError => 'error' in r;

/** The answers of a batch: counts, a table (line, subject, action, answer, measures), a CSV. */
export function BatchResults({ answered, names }: { answered: Answered; names: CheckNames }) {
  const { t, pick, number, date, lang } = useI18n();
  const { lines, results, unreadable } = answered;
  const actionNames = actionLabels(names.actions, lang, pick);
  const measureName = (id: string, fallback: string) => {
    const m = names.measures.get(id);
    return m ? pick(m.name) : fallback;
  };
  const count = (d: string) => results.filter((r) => !isError(r) && r.decision === d).length;
  const errors = results.filter(isError).length + unreadable.length;
  const csv = useMemo(
    () =>
      toCsv([
        ['line', 'identifier', 'action', 'date', 'decision', 'measures', 'error_code', 'error'],
        ...results.map((r, i) =>
          isError(r)
            ? [
                lines[i]?.line ?? '',
                r.identifier,
                r.action,
                '',
                '',
                '',
                r.error.code,
                r.error.message,
              ]
            : [
                lines[i]?.line ?? '',
                r.identifier,
                r.action,
                r.date,
                r.decision,
                r.reasons.map((x) => x.measure.id).join('|'),
                '',
                '',
              ],
        ),
        ...unreadable.map((line) => [line, '', '', '', '', '', 'LINE_UNREADABLE', '']),
      ]),
    [results, lines, unreadable],
  );

  return (
    <section className="card" aria-labelledby="batch-results-title">
      <h3 id="batch-results-title" className="card-title">
        {t('checks.batchResults', { count: number(results.length + unreadable.length) })}
      </h3>
      <p role="status">
        {t('checks.batchCounts', {
          allow: number(count('allow')),
          deny: number(count('deny')),
          review: number(count('review')),
          errors: number(errors),
        })}
      </p>
      {unreadable.length > 0 && (
        <p className="problem small">
          {t('checks.unreadable', { lines: unreadable.slice(0, 20).join(', ') })}
        </p>
      )}
      <p>
        <BlobLink text={csv} type="text/csv;charset=utf-8" filename="checks.csv">
          {t('checks.download')}
        </BlobLink>
      </p>
      {/* focusable, so a keyboard can scroll a table wider than the screen */}
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="batch-results-title">
        <table>
          <caption className="small muted">
            {results.length > SHOWN
              ? t('checks.batchFirst', { shown: number(SHOWN), count: number(results.length) })
              : t('checks.batchAll')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('checks.col.line')}</th>
              <th scope="col">{t('checks.identifier')}</th>
              <th scope="col">{t('checks.action')}</th>
              <th scope="col">{t('checks.col.answer')}</th>
              <th scope="col">{t('checks.col.why')}</th>
            </tr>
          </thead>
          <tbody>
            {results.slice(0, SHOWN).map((r, i) => (
              <tr key={i}>
                <td>{lines[i]?.line}</td>
                <td>{r.identifier}</td>
                <td>{actionNames.get(r.action) ?? <code>{r.action}</code>}</td>
                {isError(r) ? (
                  <>
                    <td>
                      <span className="badge">{t('checks.error')}</span>
                    </td>
                    <td className="problem">
                      {lang === 'zh' ? (
                        (r.error.ruleZh ?? t('common.errorUnknown'))
                      ) : (
                        <>
                          {r.error.message} <code className="small">{r.error.code}</code>
                        </>
                      )}
                    </td>
                  </>
                ) : (
                  <>
                    <td>
                      <DecisionBadge decision={r.decision} />
                      <div className="small muted">{date(r.date)}</div>
                    </td>
                    <td>
                      {[...r.reasons, ...r.incentives]
                        .map((x) => measureName(x.measure.id, x.measure.name))
                        .join(' / ') || '—'}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
