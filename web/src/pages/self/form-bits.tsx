import type { ReactNode } from 'react';
import { ApiError } from '../../api';
import { ErrorNote } from '../../components/status';

/** A problem with one field: a local check's message, or the API's error naming the field. */
export type Problems = Record<string, string>;

/** The form fields an API error names (`obligations.0.evidence` belongs to `obligations.0`). */
export function fieldOf(error: unknown, fields: string[]): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const named = error.field;
  return fields.find((f) => named === f || named.startsWith(`${f}.`)) ?? null;
}

/** The API error when no field of the form shows it. */
export function FormError({ error, fields }: { error: unknown; fields: string[] }) {
  if (!error || fieldOf(error, fields)) return null;
  return <ErrorNote error={error} />;
}

/** A labelled control with its hint and its problem, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  problem,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problem?: string | null;
  children: (aria: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div id={`${id}-hint`} className="hint">
          {hint}
        </div>
      )}
      {children({
        id,
        'aria-invalid': Boolean(problem),
        'aria-describedby': described || undefined,
      })}
      {problem && (
        <div id={`${id}-problem`} className="problem" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

/** Lines of a textarea, trimmed, blanks dropped. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
