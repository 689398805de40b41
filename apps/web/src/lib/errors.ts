import { isBudgetClientError } from '@budget/client';

export type ErrorCode =
  'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

export function errorCode(error: unknown): string | undefined {
  return isBudgetClientError(error) ? error.data?.code : undefined;
}

export function isConflict(error: unknown): boolean {
  return errorCode(error) === 'CONFLICT';
}

/** A sentence a person can act on, for any error a call can throw. */
export function errorMessage(error: unknown): string {
  if (!isBudgetClientError(error)) {
    return error instanceof Error ? error.message : 'Something went wrong.';
  }
  switch (error.data?.code) {
    case undefined:
      return 'The server could not be reached. Check your connection and try again.';
    case 'TOO_MANY_REQUESTS':
      return 'Too many requests. Wait a moment and try again.';
    case 'SERVICE_UNAVAILABLE':
      return 'The service is unavailable right now. Try again shortly.';
    case 'INTERNAL_SERVER_ERROR':
      return 'Something went wrong on our side. Try again.';
    default:
      return error.message;
  }
}
