import { useId, type ReactElement, type ReactNode } from 'react';
import type { FieldError } from 'react-hook-form';

/**
 * A labelled form control with its error announced to screen readers. `children` receives the
 * id and aria attributes to spread on the control.
 */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: FieldError | undefined;
  hint?: ReactNode;
  children: (control: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactElement;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy =
    [error ? errorId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': describedBy })}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
      {error?.message && (
        <small id={errorId} className="field-error">
          {error.message}
        </small>
      )}
    </div>
  );
}
