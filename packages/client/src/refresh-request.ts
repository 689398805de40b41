import { TRPCClientError } from '@trpc/client';
import type { AppRouter, Session } from './api-types.ts';
import type { BudgetClientError } from './errors.ts';
import type { HttpTransport } from './http-transport.ts';
import { sessionInResponse } from './session-tokens.ts';

export type RefreshOutcome =
  | { kind: 'refreshed'; session: Session }
  /** The server refused the refresh token: the session is over. */
  | { kind: 'rejected' }
  /** Network or server trouble: the session may still be good, try again later. */
  | { kind: 'failed'; error: BudgetClientError };

/**
 * `auth.refresh` as a plain JSON POST. Without `refreshToken` the server reads the HttpOnly
 * cookie, which the transport sends in cookie mode (`credentials: 'include'`).
 */
export async function requestRefresh(
  transport: HttpTransport,
  refreshToken: string | undefined,
): Promise<RefreshOutcome> {
  let response: Response;
  try {
    response = await transport.fetch(`${transport.url}/auth.refresh`, {
      method: 'POST',
      headers: { ...(await transport.headers()), 'content-type': 'application/json' },
      body: JSON.stringify(refreshToken === undefined ? {} : { refreshToken }),
    });
  } catch (cause) {
    const error = cause instanceof Error ? cause : new Error('Token refresh failed', { cause });
    return { kind: 'failed', error: TRPCClientError.from<AppRouter>(error) };
  }

  const body: unknown = await response.json().catch(() => null);
  const session = response.ok ? sessionInResponse(body) : null;
  if (session !== null) return { kind: 'refreshed', session };
  // 401: expired, revoked or reused token; 400: a malformed one. Neither gets better by retrying.
  if (response.status === 401 || response.status === 400) return { kind: 'rejected' };
  const error =
    typeof body === 'object' && body !== null
      ? TRPCClientError.from<AppRouter>(body)
      : TRPCClientError.from<AppRouter>(
          new Error(`Token refresh failed with HTTP ${response.status}`),
        );
  return { kind: 'failed', error };
}
