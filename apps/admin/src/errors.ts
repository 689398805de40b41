import { isUndefinedTable } from '@budget/db';
import { TRPCError } from '@trpc/server';

/** The command was called wrongly (a bad option value, say): exit 2 with the help text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Bad input, whether the CLI or an API service (BAD_REQUEST: a value its schema refused) saw it. */
export function isUsageError(error: unknown): boolean {
  return (
    error instanceof UsageError || (error instanceof TRPCError && error.code === 'BAD_REQUEST')
  );
}

export const NO_SCHEMA_MESSAGE = 'The database has no schema yet: run `budget-admin migrate`.';

/**
 * Why a command failed, on one line for stderr, with the fix where the CLI knows it: a missing
 * table (42P01, directly or as the cause the API wrapped) means the migrations never ran.
 */
export function describeFailure(error: unknown): string {
  const cause = error instanceof TRPCError ? error.cause : undefined;
  if (isUndefinedTable(error) || isUndefinedTable(cause)) return NO_SCHEMA_MESSAGE;
  return describeError(error);
}

/** Why an operation failed, on one line for stderr. */
export function describeError(error: unknown): string {
  return messageOf(error).replace(/\s+/g, ' ').trim() || 'unknown error';
}

function messageOf(error: unknown): string {
  // pg reports a refused connection to every address of a host as an AggregateError without a message.
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.map(messageOf).join('; ');
  }
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
