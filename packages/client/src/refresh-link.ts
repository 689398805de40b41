import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { AppRouter } from './api-types.ts';
import { isUnauthorized } from './errors.ts';
import type { TokenSession } from './token-session.ts';

/** Calls whose UNAUTHORIZED means bad credentials, not an expired access token. */
const SIGN_IN_PATHS = new Set(['auth.login', 'auth.register', 'auth.refresh']);

/**
 * On UNAUTHORIZED, refreshes the session (one refresh shared by concurrent calls) and retries the
 * call once with the new access token. When the session is over the original error stands.
 */
export function refreshLink(session: TokenSession): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | undefined;
        let disposed = false;

        function attempt(isRetry: boolean): void {
          const sentWith = session.accessToken();
          subscription = next(op).subscribe({
            next: (envelope) => {
              observer.next(envelope);
            },
            complete: () => {
              observer.complete();
            },
            error: (error) => {
              if (isRetry || SIGN_IN_PATHS.has(op.path) || !isUnauthorized(error)) {
                observer.error(error);
                return;
              }
              session.refresh(sentWith).then(
                (result) => {
                  if (disposed) return;
                  if (result.kind === 'retry') attempt(true);
                  else observer.error(result.kind === 'failed' ? result.error : error);
                },
                (cause: unknown) => {
                  observer.error(
                    TRPCClientError.from(new Error('Token refresh failed', { cause })),
                  );
                },
              );
            },
          });
        }

        attempt(false);
        return () => {
          disposed = true;
          subscription?.unsubscribe();
        };
      });
}
