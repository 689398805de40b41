import {
  createBudgetClient,
  memoryTokenStore,
  type BudgetClient,
  type SessionEndReason,
} from '@budget/client';

export interface AppClient {
  client: BudgetClient;
  /** The in-memory access token, for the one call outside tRPC (the CSV export's fetch). */
  accessToken: () => string | undefined;
}

/**
 * The app's one API client in cookie mode: the access token stays in memory, the refresh token
 * in the server's HttpOnly cookie, so a reload resumes the session through `auth.refresh`.
 */
export function createAppClient(onSessionEnd: (reason: SessionEndReason) => void): AppClient {
  const tokens = memoryTokenStore();
  const client = createBudgetClient({
    url: '/trpc',
    credentials: 'include',
    tokenStore: tokens,
    onSessionEnd,
  });
  return { client, accessToken: () => tokens.get()?.accessToken };
}
