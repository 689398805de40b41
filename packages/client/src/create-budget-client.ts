import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from './api-types.ts';
import {
  createHttpTransport,
  type CredentialsOption,
  type HeadersOption,
} from './http-transport.ts';
import { refreshLink } from './refresh-link.ts';
import { sessionCaptureLink } from './session-capture-link.ts';
import { createTokenSession, type SessionEndReason } from './token-session.ts';
import { memoryTokenStore, type TokenStore } from './token-store.ts';

/** The server refuses batches of more than 10 calls; larger ones are split. */
const MAX_BATCH_SIZE = 10;

export interface BudgetClientOptions {
  /** The tRPC endpoint, e.g. `http://localhost:4000/trpc`. */
  url: string;
  /**
   * Where the tokens live; in memory by default. Pass `webStorageTokenStore(localStorage)` or
   * your own store to keep the session across reloads; keep a reference to read or clear it.
   */
  tokenStore?: TokenStore;
  /** Called once when the session is over; tokens are already cleared. */
  onSessionEnd?: (reason: SessionEndReason) => void;
  /**
   * `'include'` selects browser cookie mode: the refresh token stays in the server's HttpOnly
   * cookie (never in `tokenStore`) and refreshes send the cookie instead of a token.
   */
  credentials?: CredentialsOption;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof fetch;
  /** Extra headers for every request, or a function returning them. */
  headers?: HeadersOption;
}

export type BudgetClient = TRPCClient<AppRouter>;

/**
 * A typed client for the Budget API. It attaches the access token, keeps the session from
 * login/register/refresh/changePassword results, refreshes it once on UNAUTHORIZED (shared by
 * concurrent calls) and retries, and forgets it after logout or when the refresh is refused.
 */
export function createBudgetClient(options: BudgetClientOptions): BudgetClient {
  const transport = createHttpTransport(options);
  const session = createTokenSession({
    transport,
    store: options.tokenStore ?? memoryTokenStore(),
    refreshTokenInCookie: options.credentials === 'include',
    onSessionEnd: options.onSessionEnd,
  });

  return createTRPCClient<AppRouter>({
    links: [
      sessionCaptureLink(session),
      refreshLink(session),
      httpBatchLink({
        url: transport.url,
        fetch: transport.fetch,
        maxItems: MAX_BATCH_SIZE,
        headers: async () => {
          const accessToken = session.accessToken();
          return {
            ...(await transport.headers()),
            ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
          };
        },
      }),
    ],
  });
}
