import { z } from 'zod';
import {
  createTransactionInput,
  listTransactionsInput,
  pageTransactionsInput,
  transactionIdInput,
  transactionListSchema,
  transactionPageSchema,
  transactionSchema,
  transferInput,
  transferSchema,
  updateTransactionInput,
} from '../schemas/transactions.ts';
import * as transactionQueries from '../services/ledger/transaction-queries.ts';
import * as transactions from '../services/ledger/transactions.ts';
import { protectedProcedure, router, sessionInQueryProcedure } from '../trpc.ts';

export const transactionsRouter = router({
  list: sessionInQueryProcedure
    .input(listTransactionsInput)
    .output(transactionListSchema)
    .query(({ ctx, input }) => transactionQueries.list(ctx.owner, input)),
  page: sessionInQueryProcedure
    .input(pageTransactionsInput)
    .output(transactionPageSchema)
    .query(({ ctx, input }) => transactionQueries.page(ctx.owner, input)),
  byId: protectedProcedure
    .input(transactionIdInput)
    .output(transactionSchema)
    .query(({ ctx, input }) => transactionQueries.byId(ctx.actor, input)),
  create: sessionInQueryProcedure
    .input(createTransactionInput)
    .output(transactionSchema)
    .mutation(({ ctx, input }) => transactions.create(ctx.owner, input)),
  update: protectedProcedure
    .input(updateTransactionInput)
    .output(transactionSchema)
    .mutation(({ ctx, input }) => transactions.update(ctx.actor, input)),
  delete: protectedProcedure
    .input(transactionIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => transactions.remove(ctx.actor, input)),
  transfer: protectedProcedure
    .input(transferInput)
    .output(transferSchema)
    .mutation(({ ctx, input }) => transactions.transfer(ctx.actor, input)),
});
