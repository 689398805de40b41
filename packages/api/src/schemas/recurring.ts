import { z } from 'zod';
import { dateSchema, nonZeroMoneySchema, uuidSchema } from './common.ts';
import { noteSchema, payeeSchema } from './transactions.ts';

/** A user has at most this many recurring rules. */
export const MAX_RECURRING_RULES = 100;
/** recurring.upcoming looks at most this many days ahead at once. */
export const MAX_UPCOMING_DAYS = 366;

export const recurringFrequencySchema = z.enum(['daily', 'weekly', 'monthly', 'yearly']);
const intervalSchema = z.number().int().min(1).max(12);

export const createRecurringInput = z
  .strictObject({
    accountId: uuidSchema,
    /** Makes each occurrence a transfer from accountId to here (amount > 0). */
    toAccountId: uuidSchema.optional(),
    categoryId: uuidSchema.nullable().optional(),
    amount: nonZeroMoneySchema,
    payee: payeeSchema.optional(),
    note: noteSchema.optional(),
    frequency: recurringFrequencySchema,
    interval: intervalSchema.default(1),
    startsOn: dateSchema,
    endsOn: dateSchema.nullable().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.endsOn != null && input.endsOn < input.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    }
    if (input.toAccountId === undefined) return;
    if (input.toAccountId === input.accountId) {
      ctx.addIssue({
        code: 'custom',
        path: ['toAccountId'],
        message: 'must differ from accountId',
      });
    }
    if (input.amount < 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'must be positive for a transfer',
      });
    }
    if (input.categoryId != null) {
      ctx.addIssue({ code: 'custom', path: ['categoryId'], message: 'transfers have no category' });
    }
  });

export const updateRecurringInput = z.strictObject({
  id: uuidSchema,
  expectedVersion: z.number().int().min(1).optional(),
  amount: nonZeroMoneySchema.optional(),
  categoryId: uuidSchema.nullable().optional(),
  payee: payeeSchema.optional(),
  note: noteSchema.optional(),
  interval: intervalSchema.optional(),
  endsOn: dateSchema.nullable().optional(),
  paused: z.boolean().optional(),
});

export const recurringIdInput = z.strictObject({ id: uuidSchema });

export const skipRecurringInput = z.strictObject({ id: uuidSchema, on: dateSchema });

export const upcomingRecurringInput = z
  .strictObject({ from: dateSchema.optional(), to: dateSchema.optional() })
  .optional()
  .transform((input) => input ?? {});

export const recurringRuleSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  toAccountId: uuidSchema.nullable(),
  categoryId: uuidSchema.nullable(),
  amount: z.number().int(),
  currency: z.string(),
  payee: z.string().nullable(),
  note: z.string().nullable(),
  frequency: recurringFrequencySchema,
  interval: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  nextOn: z.string().nullable(),
  paused: z.boolean(),
  version: z.number().int(),
});

export const upcomingOccurrenceSchema = z.object({
  ruleId: uuidSchema,
  on: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  accountId: uuidSchema,
  toAccountId: uuidSchema.nullable(),
  categoryId: uuidSchema.nullable(),
  payee: z.string().nullable(),
});

export type RecurringRule = z.output<typeof recurringRuleSchema>;
export type UpcomingOccurrence = z.output<typeof upcomingOccurrenceSchema>;
export type CreateRecurringInput = z.output<typeof createRecurringInput>;
export type UpdateRecurringInput = z.output<typeof updateRecurringInput>;
export type SkipRecurringInput = z.output<typeof skipRecurringInput>;
export type UpcomingRecurringInput = z.output<typeof upcomingRecurringInput>;
