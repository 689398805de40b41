import { sql } from 'kysely';
import { isForeignKeyViolation, isUniqueViolation, type AccountRow } from '@budget/db';
import type { Context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import type {
  Account,
  CreateAccountInput,
  ListAccountsInput,
  UpdateAccountInput,
} from '../schemas/accounts.ts';
import type { Authenticated } from './authenticate.ts';

type SignedIn = Context & Authenticated;

const accountColumns = [
  'id',
  'name',
  'type',
  'currency',
  'openingBalance',
  'balance',
  'archivedAt',
  'createdAt',
  'updatedAt',
] as const;

type AccountRecord = Pick<AccountRow, (typeof accountColumns)[number]>;

function toAccount(row: AccountRecord): Account {
  return {
    ...row,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function nameTaken(name: string) {
  return conflict(`You already have an account named "${name}"`);
}

/** Open accounts by name, then archived ones; balances are stored, so this is one query. */
export async function list(ctx: SignedIn, input: ListAccountsInput): Promise<Account[]> {
  let query = ctx.deps.db
    .selectFrom('accounts')
    .select(accountColumns)
    .where('ownerId', '=', ctx.user.id);
  if (input.includeArchived !== true) query = query.where('archivedAt', 'is', null);
  const rows = await query
    .orderBy((eb) => eb('archivedAt', 'is not', null))
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .execute();
  return rows.map(toAccount);
}

export async function byId(ctx: SignedIn, input: { id: string }): Promise<Account> {
  const row = await ctx.deps.db
    .selectFrom('accounts')
    .select(accountColumns)
    .where('ownerId', '=', ctx.user.id)
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('Account');
  return toAccount(row);
}

export async function create(ctx: SignedIn, input: CreateAccountInput): Promise<Account> {
  const openingBalance = input.openingBalance ?? 0;
  try {
    const row = await ctx.deps.db
      .insertInto('accounts')
      .values({
        ownerId: ctx.user.id,
        name: input.name,
        type: input.type,
        currency: input.currency ?? ctx.user.currency,
        openingBalance,
        balance: openingBalance,
      })
      .returning(accountColumns)
      .executeTakeFirstOrThrow();
    return toAccount(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  }
}

/** Archiving keeps the first archivedAt; unarchiving clears it. */
export async function update(ctx: SignedIn, input: UpdateAccountInput): Promise<Account> {
  const { id, name, type, archived } = input;
  if (name === undefined && type === undefined && archived === undefined) return byId(ctx, { id });
  try {
    const row = await ctx.deps.db
      .updateTable('accounts')
      .set((eb) => ({
        ...(name === undefined ? {} : { name }),
        ...(type === undefined ? {} : { type }),
        ...(archived === undefined
          ? {}
          : { archivedAt: archived ? eb.fn.coalesce('archivedAt', sql<Date>`now()`) : null }),
        updatedAt: sql<Date>`now()`,
      }))
      .where('ownerId', '=', ctx.user.id)
      .where('id', '=', id)
      .returning(accountColumns)
      .executeTakeFirst();
    if (row === undefined) throw notFound('Account');
    return toAccount(row);
  } catch (error) {
    if (isUniqueViolation(error) && name !== undefined) throw nameTaken(name);
    throw error;
  }
}

/**
 * Deletes an account that has no transactions. The foreign key from transactions decides, so a
 * transaction written concurrently can never be left without its account.
 */
export async function remove(ctx: SignedIn, input: { id: string }): Promise<{ ok: true }> {
  try {
    const row = await ctx.deps.db
      .deleteFrom('accounts')
      .where('ownerId', '=', ctx.user.id)
      .where('id', '=', input.id)
      .returning('id')
      .executeTakeFirst();
    if (row === undefined) throw notFound('Account');
    return { ok: true };
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw conflict('This account has transactions and cannot be deleted; archive it instead');
    }
    throw error;
  }
}
