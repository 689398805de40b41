import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';

/**
 * After a write to the ledger, everything derived from it is refetched: balances, lists, budget
 * progress and reports.
 */
export function useInvalidateLedger(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all(
      [trpc.accounts, trpc.categories, trpc.transactions, trpc.budgets, trpc.reports].map(
        (router) => queryClient.invalidateQueries(router.pathFilter()),
      ),
    );
  };
}
