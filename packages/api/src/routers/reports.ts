import { z } from 'zod';
import {
  currencySummarySchema,
  currencyTrendSchema,
  summaryInput,
  trendInput,
} from '../schemas/reports.ts';
import * as reports from '../services/planning/reports.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const reportsRouter = router({
  summary: protectedProcedure
    .input(summaryInput)
    .output(z.array(currencySummarySchema))
    .query(({ ctx, input }) => reports.summary(ctx.actor, input)),
  trend: protectedProcedure
    .input(trendInput)
    .output(z.array(currencyTrendSchema))
    .query(({ ctx, input }) => reports.trend(ctx.actor, input)),
});
