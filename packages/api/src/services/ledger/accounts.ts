import { sql } from 'kysely';
import { isForeignKeyViolation, type AccountRow } from '@budget/db';
import type { Actor } from '../../actor.ts';
import { conflict, notFound } from '../../errors.ts';
import type {
  Account,
  CreateAccountInput,
  ListAccountsInput,
  UpdateAccountInput,
} from '../../schemas/accounts.ts';
import { assertUnderCap } from '../system/per-user-caps.ts';
import { archivedAtChange, withUniqueName } from './named-rows.ts';

export const accountColumns = [
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

export type AccountRecord = Pick<AccountRow, (typeof accountColumns)[number]>;

export function toAccount(row: AccountRecord): Account {
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
export async function list(actor: Actor, input: ListAccountsInput): Promise<Account[]> {
  let query = actor.db
    .selectFrom('accounts')
    .select(accountColumns)
    .where('ownerId', '=', actor.user.id);
  if (input.includeArchived !== true) query = query.where('archivedAt', 'is', null);
  const rows = await query
    .orderBy((eb) => eb('archivedAt', 'is not', null))
    .orderBy((eb) => eb.fn('lower', ['name']))
    .orderBy('id')
    .execute();
  return rows.map(toAccount);
}

export async function byId(actor: Actor, input: { id: string }): Promise<Account> {
  const row = await actor.db
    .selectFrom('accounts')
    .select(accountColumns)
    .where('ownerId', '=', actor.user.id)
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('Account');
  return toAccount(row);
}

export async function create(actor: Actor, input: CreateAccountInput): Promise<Account> {
  const openingBalance = input.openingBalance ?? 0;
  const row = await withUniqueName(input.name, nameTaken, () =>
    actor.db.transaction().execute(async (trx) => {
      await assertUnderCap(trx, actor.user.id, 'accounts');
      return trx
        .insertInto('accounts')
        .values({
          ownerId: actor.user.id,
          name: input.name,
          type: input.type,
          currency: input.currency ?? actor.user.currency,
          openingBalance,
          balance: openingBalance,
        })
        .returning(accountColumns)
        .executeTakeFirstOrThrow();
    }),
  );
  return toAccount(row);
}

export async function update(actor: Actor, input: UpdateAccountInput): Promise<Account> {
  const { id, name, type, archived } = input;
  if (name === undefined && type === undefined && archived === undefined)
    return byId(actor, { id });
  const row = await withUniqueName(name, nameTaken, () =>
    actor.db
      .updateTable('accounts')
      .set({
        ...(name === undefined ? {} : { name }),
        ...(type === undefined ? {} : { type }),
        ...archivedAtChange(archived),
        updatedAt: sql<Date>`now()`,
      })
      .where('ownerId', '=', actor.user.id)
      .where('id', '=', id)
      .returning(accountColumns)
      .executeTakeFirst(),
  );
  if (row === undefined) throw notFound('Account');
  return toAccount(row);
}

/**
 * Deletes an account that has no transactions. The foreign key from transactions decides, so a
 * transaction written concurrently can never be left without its account.
 */
export async function remove(actor: Actor, input: { id: string }): Promise<{ ok: true }> {
  try {
    const row = await actor.db
      .deleteFrom('accounts')
      .where('ownerId', '=', actor.user.id)
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
