import { z } from 'zod';
import { noInput } from '../schemas/common.ts';
import {
  createRecurringInput,
  recurringIdInput,
  recurringRuleSchema,
  skipRecurringInput,
  upcomingOccurrenceSchema,
  upcomingRecurringInput,
  updateRecurringInput,
} from '../schemas/recurring.ts';
import * as recurring from '../services/planning/recurring.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const recurringRouter = router({
  list: protectedProcedure
    .input(noInput)
    .output(z.array(recurringRuleSchema))
    .query(({ ctx }) => recurring.list(ctx.actor)),
  create: protectedProcedure
    .input(createRecurringInput)
    .output(recurringRuleSchema)
    .mutation(({ ctx, input }) => recurring.create(ctx.actor, input)),
  update: protectedProcedure
    .input(updateRecurringInput)
    .output(recurringRuleSchema)
    .mutation(({ ctx, input }) => recurring.update(ctx.actor, input)),
  delete: protectedProcedure
    .input(recurringIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => recurring.remove(ctx.actor, input)),
  skip: protectedProcedure
    .input(skipRecurringInput)
    .output(recurringRuleSchema)
    .mutation(({ ctx, input }) => recurring.skip(ctx.actor, input)),
  upcoming: protectedProcedure
    .input(upcomingRecurringInput)
    .output(z.array(upcomingOccurrenceSchema))
    .query(({ ctx, input }) => recurring.upcoming(ctx.actor, input)),
});
