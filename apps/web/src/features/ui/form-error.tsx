import { errorMessage } from '../../lib/errors.ts';

/** A failed submission's message, announced when it appears. */
export function FormError({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className="field-error">
      {errorMessage(error)}
    </p>
  );
}
