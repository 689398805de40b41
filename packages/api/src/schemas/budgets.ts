import { z } from 'zod';
import { currencySchema, dateSchema, positiveMoneySchema, uuidSchema } from './common.ts';

export const budgetPeriodSchema = z.enum(['weekly', 'monthly', 'yearly']);
const alertThresholdSchema = z.number().int().min(1).max(100);

export const createBudgetInput = z
  .strictObject({
    categoryId: uuidSchema,
    amount: positiveMoneySchema,
    period: budgetPeriodSchema,
    /** Defaults to the user's currency; only transactions in it count. */
    currency: currencySchema.optional(),
    /** Any day of the first period; defaults to today. */
    startsOn: dateSchema.optional(),
    /** Any day of the last period; none means open-ended. */
    endsOn: dateSchema.nullable().optional(),
    rollover: z.boolean().default(false),
    alertThreshold: alertThresholdSchema.default(80),
  })
  .refine(
    (input) =>
      input.endsOn == null || input.startsOn === undefined || input.endsOn >= input.startsOn,
    { path: ['endsOn'], error: 'must not be before startsOn' },
  );

export const updateBudgetInput = z.strictObject({
  id: uuidSchema,
  amount: positiveMoneySchema.optional(),
  endsOn: dateSchema.nullable().optional(),
  rollover: z.boolean().optional(),
  alertThreshold: alertThresholdSchema.optional(),
});

export const budgetIdInput = z.strictObject({ id: uuidSchema });

export const budgetProgressInput = z
  .strictObject({ on: dateSchema.optional() })
  .optional()
  .transform((input) => input ?? {});

export const budgetSchema = z.object({
  id: uuidSchema,
  categoryId: uuidSchema,
  amount: z.number().int(),
  currency: z.string(),
  period: budgetPeriodSchema,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  rollover: z.boolean(),
  alertThreshold: z.number().int(),
});

export const budgetProgressSchema = z.object({
  budget: budgetSchema,
  periodStart: z.string(),
  periodEnd: z.string(),
  budgeted: z.number().int(),
  spent: z.number().int(),
  remaining: z.number().int(),
  /** spent ÷ budgeted in percent, two decimals; null when nothing is left to budget (≤ 0). */
  percentUsed: z.number().nullable(),
  status: z.enum(['ok', 'warning', 'over']),
});

export type Budget = z.output<typeof budgetSchema>;
export type BudgetProgress = z.output<typeof budgetProgressSchema>;
export type CreateBudgetInput = z.output<typeof createBudgetInput>;
export type UpdateBudgetInput = z.output<typeof updateBudgetInput>;
