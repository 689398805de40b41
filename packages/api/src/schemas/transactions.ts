import { z } from 'zod';
import {
  dateSchema,
  isoTimestampSchema,
  moneySchema,
  multilineText,
  nonZeroMoneySchema,
  plainText,
  positiveMoneySchema,
  uuidSchema,
} from './common.ts';

/** `transactions.page` reaches at most this many rows; deeper walks use `transactions.list`. */
export const PAGE_WINDOW = 10_000;

export const transactionKindSchema = z.enum(['income', 'expense', 'transfer']);
export const transactionSortSchema = z
  .enum(['date_desc', 'date_asc', 'amount_desc', 'amount_asc'])
  .default('date_desc');

export const payeeSchema = plainText().trim().max(200).nullable();
export const noteSchema = multilineText().trim().max(1000).nullable();
export const idempotencyKeySchema = plainText().min(1).max(255);

const filterShape = {
  accountId: uuidSchema.optional(),
  /** A category id, or null for uncategorized. */
  categoryId: uuidSchema.nullable().optional(),
  kind: transactionKindSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  minAmount: moneySchema.optional(),
  maxAmount: moneySchema.optional(),
  search: plainText().trim().min(1).max(100).optional(),
};

interface RangeFields {
  from?: string | undefined;
  to?: string | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
}

function checkRanges(input: RangeFields, ctx: z.RefinementCtx): void {
  if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
  if (
    input.minAmount !== undefined &&
    input.maxAmount !== undefined &&
    input.minAmount > input.maxAmount
  ) {
    ctx.addIssue({ code: 'custom', path: ['maxAmount'], message: 'must not be below minAmount' });
  }
}

export const listTransactionsInput = z
  .strictObject({
    ...filterShape,
    sort: transactionSortSchema,
    limit: z.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(512).optional(),
  })
  .superRefine(checkRanges);

export const pageTransactionsInput = z
  .strictObject({
    ...filterShape,
    sort: transactionSortSchema,
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
  })
  .superRefine(checkRanges)
  .superRefine((input, ctx) => {
    if (input.page * input.pageSize > PAGE_WINDOW) {
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: `page × pageSize must be at most ${PAGE_WINDOW}; walk deeper with transactions.list`,
      });
    }
  });

export const transactionIdInput = z.strictObject({ id: uuidSchema });

export const createTransactionInput = z.strictObject({
  accountId: uuidSchema,
  categoryId: uuidSchema.nullable().optional(),
  amount: nonZeroMoneySchema,
  occurredOn: dateSchema,
  payee: payeeSchema.optional(),
  note: noteSchema.optional(),
  idempotencyKey: idempotencyKeySchema.optional(),
});

export const updateTransactionInput = z.strictObject({
  id: uuidSchema,
  expectedVersion: z.number().int().min(1).optional(),
  accountId: uuidSchema.optional(),
  categoryId: uuidSchema.nullable().optional(),
  amount: nonZeroMoneySchema.optional(),
  occurredOn: dateSchema.optional(),
  payee: payeeSchema.optional(),
  note: noteSchema.optional(),
});

export const transferInput = z
  .strictObject({
    fromAccountId: uuidSchema,
    toAccountId: uuidSchema,
    amount: positiveMoneySchema,
    occurredOn: dateSchema,
    note: noteSchema.optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .refine((input) => input.fromAccountId !== input.toAccountId, {
    path: ['toAccountId'],
    error: 'must differ from fromAccountId',
  });

export const transactionSchema = z.object({
  id: uuidSchema,
  accountId: uuidSchema,
  categoryId: uuidSchema.nullable(),
  kind: transactionKindSchema,
  amount: z.number().int(),
  currency: z.string(),
  occurredOn: z.string(),
  payee: z.string().nullable(),
  note: z.string().nullable(),
  transferId: uuidSchema.nullable(),
  recurringId: uuidSchema.nullable(),
  importId: uuidSchema.nullable(),
  version: z.number().int(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});

export const transactionListSchema = z.object({
  items: z.array(transactionSchema),
  nextCursor: z.string().nullable(),
});

export const transactionPageSchema = z.object({
  items: z.array(transactionSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
  totalIsExact: z.boolean(),
});

export const transferSchema = z.object({ from: transactionSchema, to: transactionSchema });

export type Transaction = z.output<typeof transactionSchema>;
export type TransactionKind = z.output<typeof transactionKindSchema>;
export type TransactionSort = z.output<typeof transactionSortSchema>;
export type ListTransactionsInput = z.output<typeof listTransactionsInput>;
export type PageTransactionsInput = z.output<typeof pageTransactionsInput>;
export type TransactionFilters = Omit<ListTransactionsInput, 'sort' | 'limit' | 'cursor'>;
export type CreateTransactionInput = z.output<typeof createTransactionInput>;
export type UpdateTransactionInput = z.output<typeof updateTransactionInput>;
export type TransferInput = z.output<typeof transferInput>;
export type TransactionList = z.output<typeof transactionListSchema>;
export type TransactionPage = z.output<typeof transactionPageSchema>;
