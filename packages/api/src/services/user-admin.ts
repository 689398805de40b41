import { sql } from 'kysely';
import type { Db } from '@budget/db';
import { notFound } from '../errors.ts';

/** Disables or re-enables a user. A disabled user's access tokens and logins stop working at once. */
export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  const result = await db
    .updateTable('users')
    .set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('User');
}
