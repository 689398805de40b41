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
import {
  getTransaction,
  listTransactions,
  pageTransactions,
} from '../services/transaction-queries.ts';
import {
  createTransaction,
  deleteTransaction,
  transfer,
  updateTransaction,
} from '../services/transactions.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const transactionsRouter = router({
  list: protectedProcedure
    .input(listTransactionsInput)
    .output(transactionListSchema)
    .query(({ ctx, input }) => listTransactions(ctx.deps.db, ctx.user.id, input)),
  page: protectedProcedure
    .input(pageTransactionsInput)
    .output(transactionPageSchema)
    .query(({ ctx, input }) => pageTransactions(ctx.deps.db, ctx.user.id, input)),
  byId: protectedProcedure
    .input(transactionIdInput)
    .output(transactionSchema)
    .query(({ ctx, input }) => getTransaction(ctx.deps.db, ctx.user.id, input.id)),
  create: protectedProcedure
    .input(createTransactionInput)
    .output(transactionSchema)
    .mutation(({ ctx, input }) => createTransaction(ctx.deps.db, ctx.user.id, input)),
  update: protectedProcedure
    .input(updateTransactionInput)
    .output(transactionSchema)
    .mutation(({ ctx, input }) => updateTransaction(ctx.deps.db, ctx.user.id, input)),
  delete: protectedProcedure
    .input(transactionIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteTransaction(ctx.deps.db, ctx.user.id, input.id)),
  transfer: protectedProcedure
    .input(transferInput)
    .output(transferSchema)
    .mutation(({ ctx, input }) => transfer(ctx.deps.db, ctx.user.id, input)),
});
