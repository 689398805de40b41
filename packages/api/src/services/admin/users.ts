import { sql } from 'kysely';
import type { UserRow } from '@budget/db';
import { z } from 'zod';
import type { Actor } from '../../actor.ts';
import { badRequest, notFound } from '../../errors.ts';
import type { Operator } from '../../operator.ts';
import { passwordSchema, registerInput, type User } from '../../schemas/auth.ts';
import { uuidSchema } from '../../schemas/common.ts';
import { emailTakenOr, insertNewUser } from '../auth/new-user.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeLogins } from '../auth/sessions.ts';
import { toUser, userColumns, type UserRecord } from '../auth/users.ts';

/** Disables or re-enables a user. A disabled user's access tokens and logins stop working at once. */
export async function setUserDisabled(
  operator: Operator,
  { userId, disabled }: { userId: string; disabled: boolean },
): Promise<void> {
  const result = await operator.db
    .updateTable('users')
    .set({ disabledAt: disabled ? sql`now()` : null, updatedAt: sql`now()` })
    .where('id', '=', userId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('User');
}

/** A user as the admin scripts see them: the profile and whether they may sign in. */
export interface AdminUser extends User {
  disabled: boolean;
}

/** Which user an admin means: by id, or by email (trimmed, compared case-insensitively). */
export type UserSelector = { id: string } | { email: string };

type AdminUserRecord = UserRecord & Pick<UserRow, 'disabledAt'>;

const adminUserColumns = [...userColumns, 'users.disabledAt'] as const;

function toAdminUser(row: AdminUserRecord): AdminUser {
  return { ...toUser(row), disabled: row.disabledAt !== null };
}

/** Validates admin input with the API's own schemas; a bad value is BAD_REQUEST naming the field. */
function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) =>
    issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
  );
  throw badRequest(`Invalid input: ${problems.join('; ')}`);
}

export async function findUser(operator: Operator, selector: UserSelector): Promise<AdminUser> {
  const query = operator.db.selectFrom('users').select(adminUserColumns);
  const row = await (
    'id' in selector
      ? query.where('users.id', '=', parseInput(z.object({ id: uuidSchema }), selector).id)
      : query.where((eb) =>
          eb(eb.fn('lower', ['users.email']), '=', selector.email.trim().toLowerCase()),
        )
  ).executeTakeFirst();
  if (row === undefined) throw notFound('User');
  return toAdminUser(row);
}

/** Where the previous page ended: its last user's createdAt (as listed) and id. */
export interface UserCursor {
  createdAt: string;
  id: string;
}

/** Creation times to the millisecond, as they are listed, so a cursor compares exactly. */
const listedCreatedAt = sql<Date>`date_trunc('milliseconds', users.created_at)`;

/**
 * One page of users, oldest first, ties broken by id. Keyset pagination: `after` is where the
 * previous page ended, so pages stay stable while users are added or deleted.
 */
export async function listUsers(
  operator: Operator,
  page: { limit: number; after?: UserCursor | undefined },
): Promise<AdminUser[]> {
  let query = operator.db
    .selectFrom('users')
    .select(adminUserColumns)
    .orderBy(listedCreatedAt)
    .orderBy('users.id')
    .limit(page.limit);
  if (page.after !== undefined) {
    const after = parseInput(z.object({ createdAt: z.iso.datetime(), id: uuidSchema }), page.after);
    query = query.where((eb) =>
      eb(
        eb.refTuple(listedCreatedAt, 'users.id'),
        '>',
        eb.tuple(sql<Date>`${after.createdAt}::timestamptz`, after.id),
      ),
    );
  }
  return (await query.execute()).map(toAdminUser);
}

export interface NewUser {
  email: string;
  password: string;
  displayName?: string | undefined;
  currency?: string | undefined;
}

/**
 * Creates a user as `auth.register` does (same input rules, argon2id hash, default categories,
 * email unique case-insensitively) but without signing them in or spending rate limits.
 */
export async function createUser(operator: Operator, request: NewUser): Promise<AdminUser> {
  const input = parseInput(registerInput, request);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await operator.db
      .transaction()
      .execute((trx) => insertNewUser(trx, input, passwordHash));
    return toAdminUser(user);
  } catch (error) {
    throw emailTakenOr(error);
  }
}

/** Sets a new password and revokes every login of the user: their tokens stop working at once. */
export async function resetPassword(
  operator: Operator,
  { userId, password }: { userId: string; password: string },
): Promise<{ revokedLogins: number }> {
  const passwordHash = await hashPassword(parseInput(passwordSchema, password));
  return operator.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: sql`now()` })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound('User');
    return { revokedLogins: await revokeLogins(trx, userId, 'admin') };
  });
}

export interface DeletedUser {
  accounts: number;
  categories: number;
  transactions: number;
}

/**
 * Deletes a user and, through the foreign keys' cascades, everything of theirs: logins and
 * tokens, accounts, categories, transactions, budgets, idempotency keys. Returns what went.
 */
export async function deleteUser(
  operator: Operator,
  { userId }: { userId: string },
): Promise<DeletedUser> {
  return operator.db.transaction().execute(async (trx) => {
    const counted = await trx
      .selectNoFrom((eb) => [
        eb
          .selectFrom('accounts')
          .select(eb.fn.countAll<number>().as('n'))
          .where('ownerId', '=', userId)
          .as('accounts'),
        eb
          .selectFrom('categories')
          .select(eb.fn.countAll<number>().as('n'))
          .where('ownerId', '=', userId)
          .as('categories'),
        eb
          .selectFrom('transactions')
          .select(eb.fn.countAll<number>().as('n'))
          .where('ownerId', '=', userId)
          .as('transactions'),
      ])
      .executeTakeFirstOrThrow();
    const deleted = await trx.deleteFrom('users').where('id', '=', userId).executeTakeFirst();
    if (deleted.numDeletedRows === 0n) throw notFound('User');
    return {
      accounts: Number(counted.accounts),
      categories: Number(counted.categories),
      transactions: Number(counted.transactions),
    };
  });
}

/**
 * The user as an Actor, so an operator script calls the same services a signed-in client does,
 * as that user, without a password or a login. A disabled user can still be acted for.
 */
export async function actAs(operator: Operator, selector: UserSelector): Promise<Actor> {
  const { id } = await findUser(operator, selector);
  const user = await operator.db
    .selectFrom('users')
    .select(userColumns)
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (user === undefined) throw notFound('User');
  return { db: operator.db, user, loginId: null, log: operator.log };
}
