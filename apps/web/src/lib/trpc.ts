import type { AppRouter } from '@budget/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** The typed hooks of the Budget API: `useTRPC()` gives query and mutation options. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
