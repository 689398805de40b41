import { isUniqueViolation } from '@budget/db';
import { conflict } from '../../errors.ts';
import type { RegisterInput } from '../../schemas/auth.ts';
import { createDefaultCategories } from '../ledger/default-categories.ts';
import type { Trx } from '@budget/db';

/**
 * Inserts a user with the sign-up defaults (display name from the email, USD) and their default
 * categories. Shared by `auth.register` and the admin scripts; hash the password beforehand so
 * the transaction stays short.
 */
export async function insertNewUser(
  trx: Trx,
  input: Omit<RegisterInput, 'password'>,
  passwordHash: string,
) {
  const user = await trx
    .insertInto('users')
    .values({
      email: input.email,
      passwordHash,
      displayName: input.displayName ?? input.email.split('@')[0] ?? input.email,
      currency: input.currency ?? 'USD',
    })
    .returning(['id', 'email', 'displayName', 'currency', 'timeZone', 'createdAt', 'disabledAt'])
    .executeTakeFirstOrThrow();
  await createDefaultCategories(trx, user.id);
  return user;
}

/** The error for a sign-up whose email (in any letter case) is taken, or the error itself. */
export function emailTakenOr(error: unknown): unknown {
  return isUniqueViolation(error) ? conflict('An account with this email already exists') : error;
}
