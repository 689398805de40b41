import { z } from 'zod';
import { dateSchema, uuidSchema } from './common.ts';

function toNotBeforeFrom(input: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (input.to < input.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
}

export const summaryInput = z
  .strictObject({ from: dateSchema, to: dateSchema })
  .superRefine(toNotBeforeFrom);

/** At most this many points in one trend, over all its currencies. */
export const MAX_TREND_POINTS = 5_000;

export const trendInput = z
  .strictObject({ from: dateSchema, to: dateSchema, granularity: z.enum(['month', 'week']) })
  .superRefine(toNotBeforeFrom);

export const categoryTotalSchema = z.object({
  /** null for uncategorized money (split into an income and an expense line). */
  categoryId: uuidSchema.nullable(),
  name: z.string(),
  kind: z.enum(['income', 'expense']),
  /** Money in for income lines, money out for expense lines, net of refunds: minor units. */
  total: z.number().int(),
  count: z.number().int(),
});

export const currencySummarySchema = z.object({
  currency: z.string(),
  income: z.number().int(),
  expense: z.number().int(),
  net: z.number().int(),
  byCategory: z.array(categoryTotalSchema),
});

export const trendPointSchema = z.object({
  /** 'YYYY-MM' for months, ISO week 'YYYY-Www' for weeks. */
  period: z.string(),
  income: z.number().int(),
  expense: z.number().int(),
  net: z.number().int(),
});

export const currencyTrendSchema = z.object({
  currency: z.string(),
  points: z.array(trendPointSchema),
});

export type CategoryTotal = z.output<typeof categoryTotalSchema>;
export type CurrencySummary = z.output<typeof currencySummarySchema>;
export type CurrencyTrend = z.output<typeof currencyTrendSchema>;
export type TrendPoint = z.output<typeof trendPointSchema>;
export type TrendInput = z.output<typeof trendInput>;
