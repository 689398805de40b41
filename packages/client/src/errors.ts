import { isTRPCClientError, type TRPCClientError } from '@trpc/client';
import type { AppRouter } from './api-types.ts';

/** What a failed call throws: a server error (see `data.code`) or a network failure. */
export type BudgetClientError = TRPCClientError<AppRouter>;

export function isBudgetClientError(error: unknown): error is BudgetClientError {
  return isTRPCClientError<AppRouter>(error);
}

/** Whether the server refused the call for want of a valid session (HTTP 401). */
export function isUnauthorized(error: unknown): boolean {
  return isBudgetClientError(error) && error.data?.code === 'UNAUTHORIZED';
}
