import { z } from 'zod';
import { noInput } from '../schemas/common.ts';
import {
  budgetIdInput,
  budgetProgressInput,
  budgetProgressSchema,
  budgetSchema,
  createBudgetInput,
  updateBudgetInput,
} from '../schemas/budgets.ts';
import * as budgets from '../services/budgets.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const budgetsRouter = router({
  list: protectedProcedure
    .input(noInput)
    .output(z.array(budgetSchema))
    .query(({ ctx }) => budgets.list(ctx)),
  create: protectedProcedure
    .input(createBudgetInput)
    .output(budgetSchema)
    .mutation(({ ctx, input }) => budgets.create(ctx, input)),
  update: protectedProcedure
    .input(updateBudgetInput)
    .output(budgetSchema)
    .mutation(({ ctx, input }) => budgets.update(ctx, input)),
  delete: protectedProcedure
    .input(budgetIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => budgets.remove(ctx, input.id)),
  progress: protectedProcedure
    .input(budgetProgressInput)
    .output(z.array(budgetProgressSchema))
    .query(({ ctx, input }) => budgets.progress(ctx, input.on)),
});
