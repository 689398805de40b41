import { transactionKindSchema } from '@budget/api/schemas';
import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const day = z.iso.date();
/** The router reads `min=-20` from a URL as a number and `q=Market` as a string: keep both as text. */
const text = z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(100));

/**
 * The transaction filters as they live in the URL: every SPEC filter, shareable and kept on
 * reload. `category=none` means uncategorized; amounts are typed decimals ("-50", "12.5").
 */
export const transactionSearch = z.object({
  account: optional(z.uuid()),
  category: optional(z.union([z.uuid(), z.literal('none')])),
  kind: optional(transactionKindSchema),
  from: optional(day),
  to: optional(day),
  min: optional(text),
  max: optional(text),
  q: optional(text),
  sort: optional(z.enum(['date_desc', 'date_asc', 'amount_desc', 'amount_asc'])),
});

export type TransactionSearch = z.output<typeof transactionSearch>;
