import type { Session } from './api-types.ts';
import type { BudgetClientError } from './errors.ts';
import type { HttpTransport } from './http-transport.ts';
import { requestRefresh } from './refresh-request.ts';
import { tokensOf } from './session-tokens.ts';
import type { StoredTokens, TokenStore } from './token-store.ts';

/**
 * Why a session ended: `expired` when the server refused to refresh it (expired, revoked by a
 * sign-out elsewhere or a password change, account disabled); `signed_out` after logout or
 * logoutAll; `account_deleted` after deleteAccount.
 */
export type SessionEndReason = 'expired' | 'signed_out' | 'account_deleted';

export type RefreshResult =
  /** There is a newer access token: retry the call with it. */
  | { kind: 'retry' }
  /** No session any more: the call's UNAUTHORIZED error stands. */
  | { kind: 'ended' }
  /** The refresh could not be made (network, rate limit): the session is kept. */
  | { kind: 'failed'; error: BudgetClientError };

/** The client's session: its tokens, the one refresh in flight, and its end. */
export interface TokenSession {
  accessToken(): string | undefined;
  /** Keeps the tokens of a session the server returned. */
  start(session: Session): void;
  /** Forgets the tokens; tells `onSessionEnd` if there were any. */
  end(reason: SessionEndReason): void;
  /**
   * Called after a call sent with `failedToken` got UNAUTHORIZED. Concurrent callers share one
   * refresh; a caller whose token was already replaced just retries.
   */
  refresh(failedToken: string | undefined): Promise<RefreshResult>;
}

export interface TokenSessionOptions {
  transport: HttpTransport;
  store: TokenStore;
  /** Cookie mode: the browser holds the refresh token in an HttpOnly cookie. */
  refreshTokenInCookie: boolean;
  onSessionEnd?: ((reason: SessionEndReason) => void) | undefined;
}

export function createTokenSession(options: TokenSessionOptions): TokenSession {
  const { transport, store, refreshTokenInCookie, onSessionEnd } = options;
  let inFlight: Promise<RefreshResult> | null = null;

  function start(session: Session): void {
    store.set(tokensOf(session, refreshTokenInCookie));
  }

  function end(reason: SessionEndReason): void {
    const hadSession = store.get() !== null;
    store.set(null);
    if (hadSession) onSessionEnd?.(reason);
  }

  async function refreshFrom(tokens: StoredTokens | null): Promise<RefreshResult> {
    const refreshToken = refreshTokenInCookie ? undefined : tokens?.refreshToken;
    if (!refreshTokenInCookie && refreshToken === undefined) {
      end('expired');
      return { kind: 'ended' };
    }
    const outcome = await requestRefresh(transport, refreshToken);
    const now = store.get();
    if (now?.accessToken !== tokens?.accessToken) {
      // Signed in or out while the refresh was on its way: that newer state wins.
      return now === null ? { kind: 'ended' } : { kind: 'retry' };
    }
    switch (outcome.kind) {
      case 'refreshed':
        start(outcome.session);
        return { kind: 'retry' };
      case 'rejected':
        end('expired');
        return { kind: 'ended' };
      case 'failed':
        return { kind: 'failed', error: outcome.error };
    }
  }

  return {
    accessToken: () => store.get()?.accessToken,
    start,
    end,
    refresh(failedToken) {
      if (inFlight !== null) return inFlight;
      const tokens = store.get();
      if (tokens !== null && tokens.accessToken !== failedToken) {
        return Promise.resolve({ kind: 'retry' });
      }
      inFlight = refreshFrom(tokens).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
