import type { Session } from '@budget/client';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTRPC } from '../../lib/trpc.ts';

/** After sign-in or sign-up: the user is known at once and the dashboard opens. */
export function useSignedIn(): (session: Session) => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (session) => {
    queryClient.clear();
    queryClient.setQueryData(trpc.auth.me.queryKey(), session.user);
    await navigate({ to: '/' });
  };
}
