import { createBudgetClient, type BudgetClient, type SessionEndReason } from '@budget/client';

/**
 * The app's one API client in cookie mode: the access token stays in memory, the refresh token
 * in the server's HttpOnly cookie, so a reload resumes the session through `auth.refresh`.
 */
export function createAppClient(onSessionEnd: (reason: SessionEndReason) => void): BudgetClient {
  return createBudgetClient({ url: '/trpc', credentials: 'include', onSessionEnd });
}
