import { QueryClient } from '@tanstack/react-query';
import { isBudgetClientError } from '@budget/client';

const NO_RETRY = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'CONFLICT']);

export function createAppQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 2 && !(isBudgetClientError(error) && NO_RETRY.has(error.data?.code ?? '')),
      },
    },
  });
}
