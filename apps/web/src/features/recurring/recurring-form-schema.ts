import { createRecurringInput, recurringFrequencySchema } from '@budget/api/schemas';
import type { Account, RouterInputs } from '@budget/client';
import type { RecurringRule } from './types.ts';
import { z } from 'zod';
import { today } from '../../lib/dates.ts';
import { minorUnitsOf } from '../../lib/money-field.ts';
import { moneyInputText } from '../../lib/money.ts';

export type RuleKind = 'expense' | 'income' | 'transfer';

export function ruleKind(rule: Pick<RecurringRule, 'toAccountId' | 'amount'>): RuleKind {
  if (rule.toAccountId !== null) return 'transfer';
  return rule.amount < 0 ? 'expense' : 'income';
}

/**
 * The rule form: a kind and a positive amount as typed, turned into the API's signed minor units
 * of the account's currency (a transfer moves a positive amount to `toAccountId`), then checked by
 * the API's own `recurring.create` schema.
 */
export function recurringFormSchema(accounts: ReadonlyMap<string, Account>) {
  return z
    .object({
      kind: z.enum(['expense', 'income', 'transfer']),
      accountId: z.string().min(1, 'Choose an account'),
      toAccountId: z.string(),
      categoryId: z.string(),
      amount: z.string(),
      payee: z.string(),
      note: z.string(),
      frequency: recurringFrequencySchema,
      interval: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
    })
    .transform((values, ctx): z.input<typeof createRecurringInput> => {
      const currency = accounts.get(values.accountId)?.currency ?? 'USD';
      const size = Math.abs(minorUnitsOf(values.amount, currency, ctx, 'amount'));
      const transfer = values.kind === 'transfer';
      if (transfer && values.toAccountId === '') {
        ctx.addIssue({ code: 'custom', path: ['toAccountId'], message: 'Choose an account' });
      }
      return {
        accountId: values.accountId,
        ...(transfer ? { toAccountId: values.toAccountId } : {}),
        categoryId: transfer || values.categoryId === '' ? null : values.categoryId,
        amount: values.kind === 'expense' ? -size : size,
        payee: values.payee.trim() === '' ? null : values.payee,
        note: values.note.trim() === '' ? null : values.note,
        frequency: values.frequency,
        interval: Number(values.interval),
        startsOn: values.startsOn,
        endsOn: values.endsOn === '' ? null : values.endsOn,
      };
    })
    .pipe(createRecurringInput);
}

export type RecurringFormValues = z.input<ReturnType<typeof recurringFormSchema>>;
export type RecurringFormOutput = z.output<ReturnType<typeof recurringFormSchema>>;

export function formValuesOf(
  rule: RecurringRule | undefined,
  accounts: readonly Account[],
): RecurringFormValues {
  if (rule === undefined) {
    return {
      kind: 'expense',
      accountId: accounts[0]?.id ?? '',
      toAccountId: accounts[1]?.id ?? '',
      categoryId: '',
      amount: '',
      payee: '',
      note: '',
      frequency: 'monthly',
      interval: '1',
      startsOn: today(),
      endsOn: '',
    };
  }
  return {
    kind: ruleKind(rule),
    accountId: rule.accountId,
    toAccountId: rule.toAccountId ?? '',
    categoryId: rule.categoryId ?? '',
    amount: moneyInputText(Math.abs(rule.amount), rule.currency),
    payee: rule.payee ?? '',
    note: rule.note ?? '',
    frequency: rule.frequency,
    interval: String(rule.interval),
    startsOn: rule.startsOn,
    endsOn: rule.endsOn ?? '',
  };
}

/** What `recurring.update` can change of a rule: the rest is fixed once it has started. */
export function updateInputOf(
  rule: RecurringRule,
  values: RecurringFormOutput,
): RouterInputs['recurring']['update'] {
  return {
    id: rule.id,
    expectedVersion: rule.version,
    amount: values.amount,
    categoryId: values.categoryId ?? null,
    payee: values.payee ?? null,
    note: values.note ?? null,
    interval: values.interval,
    endsOn: values.endsOn ?? null,
  };
}
