import type { AccountType } from '@budget/db';
import { z } from 'zod';
import {
  currencySchema,
  isoTimestampSchema,
  moneySchema,
  nameSchema,
  uuidSchema,
} from './common.ts';

export const accountTypes = [
  'checking',
  'savings',
  'credit_card',
  'cash',
  'investment',
  'loan',
  'other',
] as const satisfies readonly AccountType[];

export const accountTypeSchema = z.enum(accountTypes);

export const listAccountsInput = z
  .strictObject({ includeArchived: z.boolean().optional() })
  .optional()
  .transform((input) => input ?? {});

export const accountIdInput = z.strictObject({ id: uuidSchema });

export const createAccountInput = z.strictObject({
  name: nameSchema,
  type: accountTypeSchema,
  currency: currencySchema.optional(),
  openingBalance: moneySchema.optional(),
});

/** Currency and opening balance are fixed once an account exists: its ledger depends on them. */
export const updateAccountInput = z.strictObject({
  id: uuidSchema,
  name: nameSchema.optional(),
  type: accountTypeSchema.optional(),
  archived: z.boolean().optional(),
});

export const accountSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  type: accountTypeSchema,
  currency: z.string(),
  openingBalance: z.number().int(),
  balance: z.number().int(),
  archivedAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});

export type Account = z.output<typeof accountSchema>;
export type ListAccountsInput = z.output<typeof listAccountsInput>;
export type CreateAccountInput = z.output<typeof createAccountInput>;
export type UpdateAccountInput = z.output<typeof updateAccountInput>;
