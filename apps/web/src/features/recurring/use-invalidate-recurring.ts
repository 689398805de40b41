import { useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';

/**
 * After a change to a rule: the rules and the forecast are refetched, and so is the ledger, since
 * creating or changing a rule writes the occurrences already due.
 */
export function useInvalidateRecurring(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidateLedger = useInvalidateLedger();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.recurring.pathFilter()),
      invalidateLedger(),
    ]);
  };
}
