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
import * as budgets from '../services/planning/budgets.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const budgetsRouter = router({
  list: protectedProcedure
    .input(noInput)
    .output(z.array(budgetSchema))
    .query(({ ctx }) => budgets.list(ctx.actor)),
  create: protectedProcedure
    .input(createBudgetInput)
    .output(budgetSchema)
    .mutation(({ ctx, input }) => budgets.create(ctx.actor, input)),
  update: protectedProcedure
    .input(updateBudgetInput)
    .output(budgetSchema)
    .mutation(({ ctx, input }) => budgets.update(ctx.actor, input)),
  delete: protectedProcedure
    .input(budgetIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => budgets.remove(ctx.actor, input)),
  progress: protectedProcedure
    .input(budgetProgressInput)
    .output(z.array(budgetProgressSchema))
    .query(({ ctx, input }) => budgets.progress(ctx.actor, input)),
});
