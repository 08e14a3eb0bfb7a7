import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from '../../../api';
import { ErrorNote, useErrorText } from '../../../components/status';
import { useI18n } from '../../../i18n';

/** A problem found before sending: it names the form field it is about. */
export class FormProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The message of an error that names `field` (as a service names it, or as `body.<field>`), in
 * the reader's language (`say`, from useErrorText).
 */
export function problemFor(
  error: unknown,
  field: string,
  say: (error: unknown) => string,
): string | null {
  if (error instanceof FormProblem) return error.field === field ? error.message : null;
  if (error instanceof ApiError && (error.field === field || error.field === `body.${field}`))
    return say(error);
  return null;
}

/** A form control's error wiring: aria-invalid, aria-describedby and the announced message. */
export function FieldProblem({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} className="problem small" role="alert" style={{ margin: '0.25rem 0 0' }}>
      {message}
    </p>
  );
}

export const invalidProps = (id: string, message: string | null, hintId?: string) => ({
  'aria-invalid': message ? true : undefined,
  'aria-describedby': [message ? id : null, hintId ?? null].filter(Boolean).join(' ') || undefined,
});

/** A page's status line: cleared when an action starts, set when one succeeds. */
export interface Status {
  onDone(message: string): void;
  onStart(): void;
}

export interface ActionFormProps {
  /** unique on the page: the ids of the form's controls start with it */
  id: string;
  title: string;
  submitLabel: string;
  doneMessage: string;
  /** the API's name for the reason: `reason` (lists) or `reasons` (objections, repairs) */
  reasonField?: 'reason' | 'reasons';
  reasonLabel?: string;
  reasonHint?: string;
  /** whether the reason may be left empty (an approval of a repair) */
  reasonOptional?: boolean;
  /** no reason at all: the API takes none for this choice (a repair's forwarding) */
  withoutReason?: boolean;
  /** the other controls, given the last error so they can mark themselves */
  fields?: (error: unknown) => ReactNode;
  /** the API fields those controls stand for: their errors show beside them */
  fieldNames?: string[];
  /** the action; a rejected promise is shown next to the form */
  onSubmit(reason: string): Promise<unknown>;
  /** after success, with `doneMessage` for the page's status line */
  onDone?(message: string): void;
  /** when sending starts: the page clears an earlier success from its status line */
  onStart?(): void;
  secondary?: boolean;
}

/** One action with its reason: the API's error, if any, is shown beside the form. */
export function ActionForm(props: ActionFormProps) {
  const { t } = useI18n();
  const say = useErrorText();
  const field = props.reasonField ?? 'reason';
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const reasonId = `${props.id}-reason`;
  const problemId = `${reasonId}-problem`;
  const hintId = props.reasonHint ? `${reasonId}-hint` : undefined;
  const reasonProblem = problemFor(error, field, say);
  const named = [field, ...(props.fieldNames ?? [])];
  const other = named.some((f) => problemFor(error, f, say)) ? null : error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    props.onStart?.();
    if (!props.reasonOptional && !props.withoutReason && !reason.trim()) {
      setError(new FormProblem(field, t('decide.reasonMissing')));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit(reason.trim());
      setReason('');
      props.onDone?.(props.doneMessage);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card action"
      aria-labelledby={`${props.id}-title`}
      onSubmit={submit}
      noValidate
    >
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      {props.fields?.(error)}
      <div className="field" hidden={props.withoutReason}>
        <label htmlFor={reasonId}>
          {props.reasonLabel ?? t('common.reason')}
          {!props.reasonOptional && <span className="muted small"> ({t('common.required')})</span>}
        </label>
        {props.reasonHint && (
          <div id={hintId} className="hint">
            {props.reasonHint}
          </div>
        )}
        <textarea
          id={reasonId}
          rows={3}
          maxLength={2000}
          required={!props.reasonOptional}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...invalidProps(problemId, reasonProblem, hintId)}
        />
        <FieldProblem id={problemId} message={reasonProblem} />
      </div>
      <button type="submit" className={props.secondary ? 'secondary' : undefined} disabled={busy}>
        {props.submitLabel}
      </button>
      <ErrorNote error={other} />
    </form>
  );
}
