import type { TRPCLink } from '@trpc/client';
import { tap } from '@trpc/server/observable';
import type { AppRouter } from './api-types.ts';
import { isSession } from './session-tokens.ts';
import type { SessionEndReason, TokenSession } from './token-session.ts';

/** Calls that return a new Session. */
const SESSION_PATHS = new Set([
  'auth.register',
  'auth.login',
  'auth.refresh',
  'auth.changePassword',
]);

/** Calls that end the session when they succeed. */
const ENDING_PATHS = new Map<string, SessionEndReason>([
  ['auth.logout', 'signed_out'],
  ['auth.logoutAll', 'signed_out'],
  ['auth.deleteAccount', 'account_deleted'],
]);

/**
 * Keeps the session from sign-in results and forgets it after sign-out, so app code only calls
 * `client.auth.login.mutate(...)`. Runs before the caller sees the result.
 */
export function sessionCaptureLink(session: TokenSession): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      next(op).pipe(
        tap({
          next: ({ result }) => {
            if (!('data' in result)) return;
            const data: unknown = result.data;
            if (SESSION_PATHS.has(op.path) && isSession(data)) session.start(data);
            const reason = ENDING_PATHS.get(op.path);
            if (reason !== undefined) session.end(reason);
          },
        }),
      );
}
