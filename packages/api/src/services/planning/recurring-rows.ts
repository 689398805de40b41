import type { RecurringRuleRow } from '@budget/db';
import type { RecurringRule } from '../../schemas/recurring.ts';

export const recurringRuleColumns = [
  'recurringRules.id',
  'recurringRules.accountId',
  'recurringRules.toAccountId',
  'recurringRules.categoryId',
  'recurringRules.amount',
  'recurringRules.currency',
  'recurringRules.payee',
  'recurringRules.note',
  'recurringRules.frequency',
  'recurringRules.interval',
  'recurringRules.startsOn',
  'recurringRules.endsOn',
  'recurringRules.nextOn',
  'recurringRules.paused',
  'recurringRules.version',
] as const;

export type RecurringRuleRecord = Omit<RecurringRuleRow, 'ownerId' | 'createdAt' | 'updatedAt'>;

export function toRecurringRule(row: RecurringRuleRecord): RecurringRule {
  return row;
}
