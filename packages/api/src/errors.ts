import { TRPCError } from '@trpc/server';
import { isDatabaseUnavailable, PG_ERROR, pgErrorDetails } from '@budget/db';

export function notFound(what: string): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });
}

export function conflict(message: string): TRPCError {
  return new TRPCError({ code: 'CONFLICT', message });
}

export function badRequest(message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message });
}

export function unauthorized(message = 'Not signed in'): TRPCError {
  return new TRPCError({ code: 'UNAUTHORIZED', message });
}

export function forbidden(message: string): TRPCError {
  return new TRPCError({ code: 'FORBIDDEN', message });
}

/** The cause of an error the caller may retry, saying when: a host sends it as Retry-After. */
export class RetryAfter extends Error {
  override name = 'RetryAfter';
  constructor(
    readonly seconds: number,
    options?: ErrorOptions,
  ) {
    super(`retry after ${seconds} s`, options);
  }
}

/** How long a client should wait before retrying while the database is unreachable or slow. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function tooManyRequests(retryAfterSeconds: number): TRPCError {
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many attempts; try again in ${retryAfterSeconds} seconds`,
    cause: new RetryAfter(retryAfterSeconds),
  });
}

/** What each bounding check constraint means to a caller. */
const boundMessages: Record<string, string> = {
  accounts_balance_bound:
    'This would push the account balance past ±(2^53 − 1) minor units, which cannot be represented exactly',
  ledger_currency_totals_gross_bound:
    'This would push your total money moved in this currency past what reports can represent exactly',
};

/**
 * The API error for a rule the database enforced, or null when `error` is something else. A
 * reference to a row that vanished meanwhile is NOT_FOUND, a duplicate CONFLICT, a broken bound
 * BAD_REQUEST, a lost concurrency race CONFLICT (retry), a statement timeout or a database that
 * cannot be reached SERVICE_UNAVAILABLE (with a RetryAfter cause).
 */
export function fromDatabaseError(error: unknown): TRPCError | null {
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is temporarily unavailable; try again shortly',
      cause: new RetryAfter(DATABASE_RETRY_AFTER_SECONDS, { cause: error }),
    });
  }
  const details = pgErrorDetails(error);
  if (details === null) return null;
  const { code, constraint, message } = details;
  const cause = error;
  switch (code) {
    case PG_ERROR.foreignKeyViolation:
      // Deleting a row still referenced is a conflict; referencing a row that is gone is not found.
      return message.startsWith('update or delete on table')
        ? new TRPCError({ code: 'CONFLICT', message: 'The record is still in use', cause })
        : new TRPCError({ code: 'NOT_FOUND', message: 'A referenced record was not found', cause });
    case PG_ERROR.uniqueViolation:
    case PG_ERROR.exclusionViolation:
      return new TRPCError({ code: 'CONFLICT', message: 'The record already exists', cause });
    case PG_ERROR.checkViolation:
    case PG_ERROR.notNullViolation:
    case PG_ERROR.numericValueOutOfRange:
      return new TRPCError({
        code: 'BAD_REQUEST',
        message: boundMessages[constraint ?? ''] ?? 'A value is outside its allowed range',
        cause,
      });
    case PG_ERROR.serializationFailure:
    case PG_ERROR.deadlockDetected:
      return new TRPCError({
        code: 'CONFLICT',
        message: 'A concurrent change got in the way; try again',
        cause,
      });
    case PG_ERROR.queryCanceled:
      return new TRPCError({
        code: 'SERVICE_UNAVAILABLE',
        message: 'The request took too long; try again or narrow it',
        cause: new RetryAfter(DATABASE_RETRY_AFTER_SECONDS, { cause }),
      });
    default:
      return null;
  }
}
