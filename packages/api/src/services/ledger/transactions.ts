import { sql } from 'kysely';
import type { Db, Trx } from '@budget/db';
import type { Actor, Owner } from '../../actor.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import type {
  CreateTransactionInput,
  Transaction,
  TransferInput,
  UpdateTransactionInput,
} from '../../schemas/transactions.ts';
import { insertEntry } from './insert-entry.ts';
import { runIdempotent } from './idempotency.ts';
import {
  assertOwnCategories,
  lockAccounts,
  lockOwnCategories,
  openAccount,
  type LockedAccount,
} from './ownership.ts';
import { LedgerChanges } from './ledger-changes.ts';
import { toTransaction, transactionColumns, type TransactionRecord } from './transaction-rows.ts';

/** A ledger row to write: a transaction or an imported or recurring entry. */
export interface NewEntry {
  accountId: string;
  categoryId: string | null;
  amount: number;
  occurredOn: string;
  payee: string | null;
  note: string | null;
  recurringId?: string;
  importId?: string;
  /** An imported row's fingerprint: a row whose key the account already holds is not written. */
  importKey?: string;
}

const INSERT_CHUNK = 1_000;

/**
 * The one write path for new entries: locks their accounts, checks accounts and categories are
 * the caller's, inserts the rows and keeps balances and totals in step, all inside `trx`.
 * Returns the rows written (entries whose importKey already exists are left out).
 */
export async function writeEntries(
  trx: Trx,
  ownerId: string,
  entries: readonly NewEntry[],
): Promise<TransactionRecord[]> {
  if (entries.length === 0) return [];
  const accounts = await lockAccounts(
    trx,
    ownerId,
    entries.map((entry) => entry.accountId),
  );
  await assertOwnCategories(
    trx,
    ownerId,
    entries.map((entry) => entry.categoryId),
  );
  const values = entries.map((entry) => ({
    ownerId,
    ...entry,
    currency: openAccount(accounts, entry.accountId).currency,
  }));
  const written: TransactionRecord[] = [];
  for (let start = 0; start < values.length; start += INSERT_CHUNK) {
    const rows = await trx
      .insertInto('transactions')
      .values(values.slice(start, start + INSERT_CHUNK))
      .onConflict((conflictClause) =>
        conflictClause
          .columns(['ownerId', 'accountId', 'importKey'])
          .where('importKey', 'is not', null)
          .doNothing(),
      )
      .returning(transactionColumns)
      .execute();
    written.push(...rows);
  }
  const changes = new LedgerChanges();
  for (const row of written) changes.add(row);
  await changes.apply(trx, ownerId);
  return written;
}

export async function create(owner: Owner, input: CreateTransactionInput): Promise<Transaction> {
  const { idempotencyKey, ...request } = input;
  const write = async (db: Db | Trx) =>
    toTransaction(
      await insertEntry(
        { ...owner, db },
        {
          accountId: input.accountId,
          categoryId: input.categoryId ?? null,
          amount: input.amount,
          occurredOn: input.occurredOn,
          payee: input.payee ?? null,
          note: input.note ?? null,
        },
      ),
    );
  // Without a key the write is one statement, atomic on its own.
  if (idempotencyKey === undefined) return write(owner.db);
  return runIdempotent(
    owner.db,
    owner.userId,
    idempotencyKey,
    'transactions.create',
    request,
    write,
  );
}

export interface NewTransfer {
  fromAccountId: string;
  toAccountId: string;
  /** Positive minor units moved from one account to the other. */
  amount: number;
  occurredOn: string;
  note: string | null;
  recurringId?: string;
}

/** The write path for a transfer: two rows with one transferId, balances and totals in step. */
export async function writeTransfer(
  trx: Trx,
  ownerId: string,
  input: NewTransfer,
): Promise<{ from: TransactionRecord; to: TransactionRecord }> {
  const accounts = await lockAccounts(trx, ownerId, [input.fromAccountId, input.toAccountId]);
  const from = openAccount(accounts, input.fromAccountId);
  const to = openAccount(accounts, input.toAccountId);
  if (from.currency !== to.currency) {
    throw badRequest('Both accounts of a transfer must have the same currency');
  }
  const { transferId } = await sql<{
    transferId: string;
  }>`select gen_random_uuid() as "transferId"`
    .execute(trx)
    .then((result) => result.rows[0] ?? { transferId: '' });
  const side = (account: LockedAccount, amount: number) => ({
    ownerId,
    accountId: account.id,
    currency: account.currency,
    categoryId: null,
    amount,
    occurredOn: input.occurredOn,
    payee: null,
    note: input.note,
    transferId,
    recurringId: input.recurringId ?? null,
  });
  const rows = await trx
    .insertInto('transactions')
    .values([side(from, -input.amount), side(to, input.amount)])
    .returning(transactionColumns)
    .execute();
  const fromRow = rows.find((row) => row.amount < 0);
  const toRow = rows.find((row) => row.amount > 0);
  if (fromRow === undefined || toRow === undefined) throw new Error('transfer insert lost a side');
  await new LedgerChanges().add(fromRow).add(toRow).apply(trx, ownerId);
  return { from: fromRow, to: toRow };
}

export async function transfer(
  actor: Actor,
  input: TransferInput,
): Promise<{ from: Transaction; to: Transaction }> {
  const ownerId = actor.user.id;
  const { idempotencyKey, ...request } = input;
  return runIdempotent(
    actor.db,
    ownerId,
    idempotencyKey,
    'transactions.transfer',
    request,
    async (trx) => {
      const { from, to } = await writeTransfer(trx, ownerId, {
        ...input,
        note: input.note ?? null,
      });
      return { from: toTransaction(from), to: toTransaction(to) };
    },
  );
}

/** The row and, for a transfer, its other side: locked together, in id order. */
async function lockWithPartner(
  trx: Trx,
  ownerId: string,
  id: string,
): Promise<{ row: TransactionRecord; partner: TransactionRecord | undefined }> {
  const target = await trx
    .selectFrom('transactions')
    .select('transferId')
    .where('ownerId', '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (target === undefined) throw notFound('Transaction');
  const { transferId } = target;
  const rows = await trx
    .selectFrom('transactions')
    .select(transactionColumns)
    .where('transactions.ownerId', '=', ownerId)
    .where((eb) =>
      transferId === null
        ? eb('transactions.id', '=', id)
        : eb('transactions.transferId', '=', transferId),
    )
    .orderBy('transactions.id')
    .forUpdate()
    .execute();
  const row = rows.find((candidate) => candidate.id === id);
  if (row === undefined) throw notFound('Transaction');
  return { row, partner: rows.find((candidate) => candidate.id !== id) };
}

export async function update(actor: Actor, input: UpdateTransactionInput): Promise<Transaction> {
  const ownerId = actor.user.id;
  return actor.db.transaction().execute(async (trx) => {
    // The category first: a categories.delete holding it may need this row (see remove there).
    const categoryFound = await lockOwnCategories(trx, ownerId, [input.categoryId]);
    const { row, partner } = await lockWithPartner(trx, ownerId, input.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
      throw conflict(
        `The transaction changed since version ${input.expectedVersion}; it is now version ${row.version}`,
      );
    }

    const accountId = input.accountId ?? row.accountId;
    const accounts = await lockAccounts(
      trx,
      ownerId,
      [row.accountId, accountId, partner?.accountId].filter((item) => item !== undefined),
    );
    if (accountId !== row.accountId) {
      const account = openAccount(accounts, accountId);
      if (account.currency !== row.currency) {
        throw badRequest('A transaction can only move to an account with the same currency');
      }
      if (partner?.accountId === account.id) {
        throw badRequest('Both sides of a transfer cannot be in the same account');
      }
    }
    if (partner !== undefined && input.categoryId !== undefined && input.categoryId !== null) {
      throw badRequest('Transfers have no category');
    }
    if (!categoryFound) throw notFound('Category');

    const amount = input.amount ?? row.amount;
    const updated = await trx
      .updateTable('transactions')
      .set({
        accountId,
        amount,
        ...(input.categoryId === undefined ? {} : { categoryId: input.categoryId }),
        ...(input.occurredOn === undefined ? {} : { occurredOn: input.occurredOn }),
        ...(input.payee === undefined ? {} : { payee: input.payee }),
        ...(input.note === undefined ? {} : { note: input.note }),
        version: sql`version + 1`,
        updatedAt: sql`now()`,
      })
      .where('ownerId', '=', ownerId)
      .where('id', '=', row.id)
      .returning(transactionColumns)
      .executeTakeFirstOrThrow();

    const changes = new LedgerChanges().remove(row).add(updated);
    if (partner !== undefined) {
      // A transfer stays one movement: the other side mirrors the amount, date and note.
      const mirrored = await trx
        .updateTable('transactions')
        .set({
          amount: -amount,
          occurredOn: updated.occurredOn,
          note: updated.note,
          version: sql`version + 1`,
          updatedAt: sql`now()`,
        })
        .where('ownerId', '=', ownerId)
        .where('id', '=', partner.id)
        .returning(transactionColumns)
        .executeTakeFirstOrThrow();
      changes.remove(partner).add(mirrored);
    }
    await changes.apply(trx, ownerId);
    return toTransaction(updated);
  });
}

/** Deletes a transaction; deleting either side of a transfer deletes both. */
export async function remove(actor: Actor, { id }: { id: string }): Promise<{ ok: true }> {
  const ownerId = actor.user.id;
  await actor.db.transaction().execute(async (trx) => {
    const { row, partner } = await lockWithPartner(trx, ownerId, id);
    await removeEntries(trx, ownerId, partner === undefined ? [row] : [row, partner]);
  });
  return { ok: true };
}

/** Deletes entries (both sides, for a transfer), putting balances and totals back, inside `trx`. */
export async function removeEntries(
  trx: Trx,
  ownerId: string,
  rows: readonly TransactionRecord[],
): Promise<void> {
  if (rows.length === 0) return;
  await lockAccounts(
    trx,
    ownerId,
    rows.map((row) => row.accountId),
  );
  const changes = new LedgerChanges();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await trx
      .deleteFrom('transactions')
      .where('ownerId', '=', ownerId)
      .where(
        'id',
        'in',
        chunk.map((row) => row.id),
      )
      .execute();
    for (const row of chunk) changes.remove(row);
  }
  await changes.apply(trx, ownerId);
}
