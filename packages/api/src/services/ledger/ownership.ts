import type { Trx } from '@budget/db';
import { badRequest, notFound } from '../../errors.ts';

export interface LockedAccount {
  id: string;
  currency: string;
  archivedAt: Date | null;
}

/**
 * Locks the caller's accounts a write touches, always in id order so that concurrent writers
 * queue instead of deadlocking. The lock is the one the balance update needs anyway.
 */
export async function lockAccounts(
  trx: Trx,
  ownerId: string,
  accountIds: readonly string[],
): Promise<Map<string, LockedAccount>> {
  const rows = await trx
    .selectFrom('accounts')
    .select(['id', 'currency', 'archivedAt'])
    .where('ownerId', '=', ownerId)
    .where('id', 'in', [...new Set(accountIds)])
    .orderBy('id')
    .forNoKeyUpdate()
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** An account new money may enter: the caller's, and not archived. */
export function openAccount(
  accounts: Map<string, LockedAccount>,
  accountId: string,
): LockedAccount {
  const account = accounts.get(accountId);
  if (account === undefined) throw notFound('Account');
  if (account.archivedAt !== null) throw badRequest('The account is archived; unarchive it first');
  return account;
}

/**
 * The categories must be the caller's. Their rows stay key-share locked until commit, so a
 * concurrent categories.delete either waits for this write (and moves it) or deletes first
 * (and this write answers NOT_FOUND).
 */
export async function assertOwnCategories(
  trx: Trx,
  ownerId: string,
  categoryIds: readonly (string | null | undefined)[],
) {
  if (!(await lockOwnCategories(trx, ownerId, categoryIds))) throw notFound('Category');
}

/** Key-share locks the caller's categories, in one query; false when one is not theirs (or gone). */
export async function lockOwnCategories(
  trx: Trx,
  ownerId: string,
  categoryIds: readonly (string | null | undefined)[],
): Promise<boolean> {
  const wanted = [...new Set(categoryIds.filter((id) => id !== null && id !== undefined))];
  if (wanted.length === 0) return true;
  const found = await trx
    .selectFrom('categories')
    .select('id')
    .where('ownerId', '=', ownerId)
    .where('id', 'in', wanted)
    .orderBy('id')
    .forKeyShare()
    .execute();
  return found.length === wanted.length;
}
