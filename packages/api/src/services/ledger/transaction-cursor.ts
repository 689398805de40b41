import { z } from 'zod';
import { badRequest } from '../../errors.ts';
import { dateSchema, moneySchema } from '../../schemas/common.ts';
import type { TransactionSort } from '../../schemas/transactions.ts';
import type { TransactionRecord } from './transaction-rows.ts';

/** Where a walk stopped: the sort key and id of the last row it returned. */
export interface CursorPosition {
  sort: TransactionSort;
  date: string;
  amount: number;
  id: string;
}

const cursorSchema = z.object({
  s: z.enum(['date_desc', 'date_asc', 'amount_desc', 'amount_asc']),
  d: dateSchema,
  a: moneySchema,
  i: z.uuid(),
});

export function encodeCursor(sort: TransactionSort, row: TransactionRecord): string {
  const payload = { s: sort, d: row.occurredOn, a: row.amount, i: row.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: TransactionSort): CursorPosition {
  if (!/^[\w-]+$/.test(cursor)) throw badRequest('Invalid cursor');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('Invalid cursor');
  }
  const parsed = cursorSchema.safeParse(decoded);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw badRequest(`Invalid cursor: ${problems}`);
  }
  if (parsed.data.s !== sort) throw badRequest('The cursor belongs to another sort order');
  return { sort, date: parsed.data.d, amount: parsed.data.a, id: parsed.data.i };
}
