import type { Trx } from '@budget/db';
import { conflict } from '../../errors.ts';
import { MAX_RECURRING_RULES } from '../../schemas/recurring.ts';

/** How many rows of each kind one user may keep, so no user can slow the service for others. */
export const PER_USER_CAPS = {
  accounts: 100,
  categories: 300,
  budgets: 300,
  recurringRules: MAX_RECURRING_RULES,
} as const;

const labels: Record<CappedTable, string> = {
  accounts: 'accounts',
  categories: 'categories',
  budgets: 'budgets',
  recurringRules: 'recurring rules',
};

type CappedTable = keyof typeof PER_USER_CAPS;

/**
 * Throws CONFLICT when the user already has their cap of `table` rows. The user's row is locked
 * until commit (in a mode that still lets their other writes reference it), so concurrent
 * creates count one after another and cannot overshoot together.
 */
export async function assertUnderCap(trx: Trx, ownerId: string, table: CappedTable): Promise<void> {
  await trx
    .selectFrom('users')
    .select('id')
    .where('id', '=', ownerId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  const { count } = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('ownerId', '=', ownerId)
    .executeTakeFirstOrThrow();
  const cap = PER_USER_CAPS[table];
  if (count >= cap) {
    throw conflict(
      `You can have at most ${cap} ${labels[table]}; delete one before adding another`,
    );
  }
}
