import type { User } from '@budget/client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';

/** The signed-in user; the app shell has loaded it before any page renders. */
export function useMe(): User {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Infinity }));
  if (me.data === undefined) throw new Error('useMe() outside the signed-in app shell');
  return me.data;
}
