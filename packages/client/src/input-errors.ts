import { isBudgetClientError } from './errors.ts';

/** The fields of an input; `never` for an input that is not an object. */
type InputField<TInput> = TInput extends object ? keyof TInput : never;

/**
 * Why the server refused an input (BAD_REQUEST): messages about the input as a whole, and
 * messages per field, keyed by the fields of `TInput`, e.g.
 * `InputErrors<RouterInputs['transactions']['create']>`.
 */
export interface InputErrors<TInput> {
  formErrors: string[];
  // A mapped type, not Partial<Record<…>>: the server's `Record<string, string[] | undefined>`
  // is assignable to it without a cast.
  // eslint-disable-next-line @typescript-eslint/consistent-indexed-object-style
  fieldErrors: { [Field in InputField<TInput>]?: string[] };
}

/**
 * The validation errors a failed call carries, typed for the input it was given, or null when
 * the error is not a validation error: `inputErrorsOf<RouterInputs['transactions']['create']>(
 * error)?.fieldErrors.amount`.
 */
export function inputErrorsOf<TInput>(error: unknown): InputErrors<TInput> | null {
  if (!isBudgetClientError(error)) return null;
  return error.data?.zodError ?? null;
}
