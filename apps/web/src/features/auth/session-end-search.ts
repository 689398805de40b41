import { z } from 'zod';

/** Why the sign-in page was shown: a session that ended says so there. */
export const signInSearch = z.object({
  ended: z.enum(['expired', 'signed_out', 'account_deleted']).optional().catch(undefined),
});

export const sessionEndMessages = {
  expired: 'Your session has ended. Please sign in again.',
  signed_out: 'You have been signed out.',
  account_deleted: 'Your account and all its data have been deleted.',
} as const;
