import type { Account } from '@budget/client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../lib/trpc.ts';

/** All the user's accounts, archived ones included (old transactions still name them). */
export function useAccounts() {
  const trpc = useTRPC();
  const query = useQuery(trpc.accounts.list.queryOptions({ includeArchived: true }));
  const byId = useMemo(
    () => new Map<string, Account>((query.data ?? []).map((account) => [account.id, account])),
    [query.data],
  );
  const open = useMemo(
    () => (query.data ?? []).filter((account) => account.archivedAt === null),
    [query.data],
  );
  return { query, byId, open };
}
