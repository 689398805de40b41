import { sql } from 'kysely';
import type { Trx } from './idempotency.ts';

/**
 * Adds each account's change to its stored balance, in the transaction that changes the ledger.
 * Callers lock the accounts first (in id order); updates follow the same order.
 */
export async function applyBalanceChanges(
  trx: Trx,
  ownerId: string,
  changes: ReadonlyMap<string, number>,
): Promise<void> {
  const ordered = [...changes]
    .filter(([, delta]) => delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [accountId, delta] of ordered) {
    await trx
      .updateTable('accounts')
      .set({ balance: sql`balance + ${delta}` })
      .where('ownerId', '=', ownerId)
      .where('id', '=', accountId)
      .execute();
  }
}

/** Collects balance changes per account. */
export class BalanceChanges extends Map<string, number> {
  add(accountId: string, delta: number): this {
    return this.set(accountId, (this.get(accountId) ?? 0) + delta);
  }
}
