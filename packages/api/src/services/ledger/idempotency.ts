import { createHash } from 'node:crypto';
import type { Db, Trx } from '@budget/db';
import { conflict } from '../../errors.ts';

/** JSON with object keys sorted, so equal inputs hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/**
 * Runs `work` in a database transaction, at most once per idempotency key (Stripe semantics).
 * The key is claimed by an insert in the same transaction: a concurrent retry waits on that row,
 * then finds the stored result. The same key with a different request is a CONFLICT. Without a
 * key, `work` simply runs in a transaction.
 */
export async function runIdempotent<T>(
  db: Db,
  ownerId: string,
  idempotencyKey: string | undefined,
  operation: string,
  request: unknown,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  if (idempotencyKey === undefined) return db.transaction().execute(work);
  const requestHash = createHash('sha256')
    .update(`${operation}\n${canonicalJson(request)}`)
    .digest('hex');

  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotencyKeys')
      .values({ ownerId, key: idempotencyKey, operation, requestHash, response: null })
      .onConflict((conflictClause) => conflictClause.columns(['ownerId', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();

    if (claimed === undefined) {
      const earlier = await trx
        .selectFrom('idempotencyKeys')
        .select(['requestHash', 'response'])
        .where('ownerId', '=', ownerId)
        .where('key', '=', idempotencyKey)
        .executeTakeFirstOrThrow();
      if (earlier.requestHash !== requestHash) {
        throw conflict('This idempotencyKey was already used with a different request');
      }
      return earlier.response as T;
    }

    const result = await work(trx);
    await trx
      .updateTable('idempotencyKeys')
      .set({ response: JSON.stringify(result) })
      .where('ownerId', '=', ownerId)
      .where('key', '=', idempotencyKey)
      .execute();
    return result;
  });
}
