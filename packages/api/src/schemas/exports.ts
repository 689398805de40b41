import { z } from 'zod';
import { dateSchema, uuidSchema } from './common.ts';

/** The query string of GET /export/transactions.csv. */
export const exportTransactionsQuery = z
  .strictObject({
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    accountId: uuidSchema.optional(),
  })
  .refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
    path: ['to'],
    error: 'must not be before from',
  });

export type ExportTransactionsQuery = z.output<typeof exportTransactionsQuery>;
