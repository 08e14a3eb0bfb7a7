import { forwardRef } from 'react';
import { useI18n } from '../../../i18n';
import { focusId, type FormField } from './fields';
import type { Problem } from './problems';

interface Props {
  problems: Problem[];
  fields: FormField[];
  /** the API answered (not the form's own check) */
  fromApi: boolean;
}

/** The list of problems above the form; each one takes the focus to its field. */
export const ProblemSummary = forwardRef<HTMLDivElement, Props>(function ProblemSummary(
  { problems, fields, fromApi },
  ref,
) {
  const { t, lang } = useI18n();
  const byName = new Map(fields.map((f) => [f.name, f]));
  return (
    <div ref={ref} tabIndex={-1} className="card problem-summary" role="alert">
      <h2>{t(fromApi ? 'furnish.rejected' : 'furnish.incomplete', { count: problems.length })}</h2>
      <ul>
        {problems.map((p, i) => {
          const field = byName.get(p.field);
          return (
            <li key={`${p.field}-${i}`}>
              {field ? (
                <a
                  href={`#${focusId(field)}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(focusId(field))?.focus();
                  }}
                >
                  {field.label}
                </a>
              ) : lang === 'en' ? (
                <code>{p.field}</code>
              ) : (
                t('furnish.otherField')
              )}
              : {p.message}
              {/* the code is for an English reader's reference; in Chinese the rule says it all */}
              {p.code && lang === 'en' && <span className="muted small"> ({p.code})</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
});
