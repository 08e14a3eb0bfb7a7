import type { ReactNode } from 'react';
import { useI18n } from '../../../i18n';
import { type FormField, inputId } from './fields';

interface Props {
  field: FormField;
  value: string | string[] | undefined;
  error: string | undefined;
  onChange(value: string | string[]): void;
}

/** One control generated from a field definition, with its label, hint and the problem found. */
export function FieldInput({ field, value, error, onChange }: Props) {
  const { t } = useI18n();
  const id = inputId(field.name);
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const text = typeof value === 'string' ? value : '';
  const wide = field.type === 'text' || field.type === 'enum_list';
  const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': described };
  const marker = field.required ? (
    <span className="muted small">{t('furnish.requiredMark')}</span>
  ) : null;

  let control: ReactNode;
  if (field.type === 'enum_list') {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field checks wide" aria-describedby={described}>
        <legend>
          {field.label}
          {marker}
        </legend>
        {(field.values ?? []).map((v, i) => (
          <span key={v.value} className="check">
            <input
              id={`${id}-${i}`}
              type="checkbox"
              name={field.name}
              value={v.value}
              checked={chosen.includes(v.value)}
              aria-invalid={error ? true : undefined}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...chosen, v.value] : chosen.filter((c) => c !== v.value),
                )
              }
            />
            <label htmlFor={`${id}-${i}`}>{v.label}</label>
          </span>
        ))}
        <Notes hintId={hintId} hint={field.hint} errorId={errorId} error={error} />
      </fieldset>
    );
  }
  if (field.type === 'text') {
    control = (
      <textarea
        id={id}
        name={field.name}
        rows={3}
        required={field.required}
        maxLength={field.maxLength}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
    );
  } else if (field.type === 'enum' || field.type === 'boolean') {
    const values =
      field.type === 'boolean'
        ? [
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]
        : (field.values ?? []);
    control = (
      <select
        id={id}
        name={field.name}
        required={field.required}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      >
        <option value="">{field.required ? t('furnish.choose') : t('furnish.notGiven')}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    );
  } else {
    const numeric = ['integer', 'decimal', 'money'].includes(field.type);
    control = (
      <input
        id={id}
        name={field.name}
        type={field.type === 'date' ? 'date' : 'text'}
        inputMode={numeric ? (field.type === 'integer' ? 'numeric' : 'decimal') : undefined}
        autoComplete="off"
        required={field.required}
        maxLength={field.maxLength}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        {...aria}
      />
    );
  }
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {marker}
      </label>
      {control}
      <Notes hintId={hintId} hint={field.hint} errorId={errorId} error={error} />
    </div>
  );
}

function Notes(props: { hintId?: string; hint?: string; errorId?: string; error?: string }) {
  return (
    <>
      {props.error && (
        <div id={props.errorId} className="problem small">
          {props.error}
        </div>
      )}
      {props.hint && (
        <div id={props.hintId} className="hint">
          {props.hint}
        </div>
      )}
    </>
  );
}
