import type { Category } from '@budget/client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '../../lib/trpc.ts';

export function useCategories() {
  const trpc = useTRPC();
  const query = useQuery(trpc.categories.list.queryOptions({ includeArchived: true }));
  const byId = useMemo(
    () => new Map<string, Category>((query.data ?? []).map((category) => [category.id, category])),
    [query.data],
  );
  const open = useMemo(
    () => (query.data ?? []).filter((category) => category.archivedAt === null),
    [query.data],
  );
  return { query, byId, open };
}
