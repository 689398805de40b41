import { createTransactionInput } from '@budget/api/schemas';
import type { Account, Transaction } from '@budget/client';
import { z } from 'zod';
import { today } from '../../lib/dates.ts';
import { minorUnitsOf } from '../../lib/money-field.ts';
import { moneyInputText } from '../../lib/money.ts';

const savedFields = createTransactionInput.omit({ idempotencyKey: true });

/**
 * The add/edit form: a direction and a positive amount as typed, turned into the API's signed
 * minor units of the chosen account's currency, then checked by the API's own schema.
 */
export function transactionFormSchema(accounts: ReadonlyMap<string, Account>) {
  return z
    .object({
      accountId: z.string().min(1, 'Choose an account'),
      categoryId: z.string(),
      direction: z.enum(['expense', 'income']),
      amount: z.string(),
      occurredOn: z.string(),
      payee: z.string(),
      note: z.string(),
    })
    .transform((values, ctx): z.input<typeof savedFields> => {
      const currency = accounts.get(values.accountId)?.currency ?? 'USD';
      const size = Math.abs(minorUnitsOf(values.amount, currency, ctx, 'amount'));
      return {
        accountId: values.accountId,
        categoryId: values.categoryId === '' ? null : values.categoryId,
        amount: values.direction === 'expense' ? -size : size,
        occurredOn: values.occurredOn,
        payee: values.payee.trim() === '' ? null : values.payee,
        note: values.note.trim() === '' ? null : values.note,
      };
    })
    .pipe(savedFields);
}

export type TransactionFormValues = z.input<ReturnType<typeof transactionFormSchema>>;

export function formValuesOf(
  transaction: Transaction | undefined,
  accountId: string,
): TransactionFormValues {
  if (transaction === undefined) {
    return {
      accountId,
      categoryId: '',
      direction: 'expense',
      amount: '',
      occurredOn: today(),
      payee: '',
      note: '',
    };
  }
  return {
    accountId: transaction.accountId,
    categoryId: transaction.categoryId ?? '',
    direction: transaction.amount < 0 ? 'expense' : 'income',
    amount: moneyInputText(Math.abs(transaction.amount), transaction.currency),
    occurredOn: transaction.occurredOn,
    payee: transaction.payee ?? '',
    note: transaction.note ?? '',
  };
}
