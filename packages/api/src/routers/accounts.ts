import { z } from 'zod';
import {
  accountIdInput,
  accountSchema,
  createAccountInput,
  listAccountsInput,
  updateAccountInput,
} from '../schemas/accounts.ts';
import * as accounts from '../services/ledger/accounts.ts';
import { protectedProcedure, router } from '../trpc.ts';

const ok = z.object({ ok: z.literal(true) });

export const accountsRouter = router({
  list: protectedProcedure
    .input(listAccountsInput)
    .output(z.array(accountSchema))
    .query(({ ctx, input }) => accounts.list(ctx.actor, input)),
  byId: protectedProcedure
    .input(accountIdInput)
    .output(accountSchema)
    .query(({ ctx, input }) => accounts.byId(ctx.actor, input)),
  create: protectedProcedure
    .input(createAccountInput)
    .output(accountSchema)
    .mutation(({ ctx, input }) => accounts.create(ctx.actor, input)),
  update: protectedProcedure
    .input(updateAccountInput)
    .output(accountSchema)
    .mutation(({ ctx, input }) => accounts.update(ctx.actor, input)),
  delete: protectedProcedure
    .input(accountIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => accounts.remove(ctx.actor, input)),
});
