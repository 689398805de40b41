import { sql, type SelectQueryBuilder } from 'kysely';
import { PrecompiledQueries, type Database, type Db } from '@budget/db';
import type { Actor, Owner } from '../../actor.ts';
import { notFound } from '../../errors.ts';
import { assertLiveSession, whileSessionLive } from '../auth/live-session.ts';
import {
  PAGE_WINDOW,
  type ListTransactionsInput,
  type PageTransactionsInput,
  type Transaction,
  type TransactionList,
  type TransactionPage,
  type TransactionSort,
} from '../../schemas/transactions.ts';
import { decodeCursor, encodeCursor, type CursorPosition } from './transaction-cursor.ts';
import {
  applyTransactionFilters,
  filterShape,
  filterValues,
  isUnfiltered,
  slotFilters,
  type FilterValues,
} from './transaction-filters.ts';
import { toTransaction, transactionColumns, type TransactionRecord } from './transaction-rows.ts';

type TransactionQuery<O> = SelectQueryBuilder<Database, 'transactions', O>;

/** Every sort ends with the id, so equal keys still come out in one fixed order. */
function orderBySort<O>(query: TransactionQuery<O>, sort: TransactionSort): TransactionQuery<O> {
  switch (sort) {
    case 'date_desc':
      return query.orderBy('transactions.occurredOn', 'desc').orderBy('transactions.id', 'desc');
    case 'date_asc':
      return query.orderBy('transactions.occurredOn', 'asc').orderBy('transactions.id', 'asc');
    case 'amount_desc':
      return query.orderBy('transactions.amount', 'desc').orderBy('transactions.id', 'desc');
    case 'amount_asc':
      return query.orderBy('transactions.amount', 'asc').orderBy('transactions.id', 'asc');
  }
}

/** Rows strictly after the cursor in the sort's order, as one row comparison the index can seek. */
function afterCursor<O>(query: TransactionQuery<O>, position: CursorPosition): TransactionQuery<O> {
  const descending = position.sort.endsWith('_desc');
  const operator = descending ? '<' : '>';
  return position.sort.startsWith('date')
    ? query.where((eb) =>
        eb(
          eb.refTuple('transactions.occurredOn', 'transactions.id'),
          operator,
          eb.tuple(position.date, position.id),
        ),
      )
    : query.where((eb) =>
        eb(
          eb.refTuple('transactions.amount', 'transactions.id'),
          operator,
          eb.tuple(position.amount, position.id),
        ),
      );
}

export async function byId(actor: Actor, { id }: { id: string }): Promise<Transaction> {
  const ownerId = actor.user.id;
  const row = await actor.db
    .selectFrom('transactions')
    .select(transactionColumns)
    .where('transactions.ownerId', '=', ownerId)
    .where('transactions.id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('Transaction');
  return toTransaction(row);
}

interface ListValues extends FilterValues {
  ownerId: string;
  loginId: string;
  cursorDate: string | undefined;
  cursorAmount: number | undefined;
  cursorId: string | undefined;
}

const listQueries = new PrecompiledQueries<ListValues, TransactionRecord>();

/** Keyset pagination: any depth costs the same as the first page. */
export async function list(owner: Owner, input: ListTransactionsInput): Promise<TransactionList> {
  const { db, session } = owner;
  const filters = filterValues(input);
  const position = input.cursor === undefined ? null : decodeCursor(input.cursor, input.sort);
  const shape = [
    input.sort,
    input.limit,
    position !== null,
    session !== null,
    filterShape(filters),
  ].join('|');
  const values: ListValues = {
    ...filters,
    ownerId: owner.userId,
    loginId: session?.loginId ?? '',
    cursorDate: position?.date,
    cursorAmount: position?.amount,
    cursorId: position?.id,
  };
  const rows = await listQueries.execute(db, shape, values, (slots) => {
    let query = applyTransactionFilters(
      db.selectFrom('transactions').select(transactionColumns),
      slots.ownerId,
      slotFilters(filters, slots),
    );
    if (session !== null)
      query = query.where(whileSessionLive(db, { userId: slots.ownerId, loginId: slots.loginId }));
    if (position !== null) {
      const slotted = { date: slots.cursorDate, amount: slots.cursorAmount, id: slots.cursorId };
      query = afterCursor(query, { ...(slotted as CursorPosition), sort: position.sort });
    }
    // A literal: PostgreSQL's generic plan for `LIMIT $n` assumes a tenth of the rows, so it is
    // never chosen and every call is planned anew; with a literal it can be reused.
    return orderBySort(query, input.sort).limit(sql.lit(input.limit + 1));
  });
  if (rows.length === 0 && session !== null) await assertLiveSession(db, session);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map(toTransaction),
    nextCursor:
      rows.length > input.limit && last !== undefined ? encodeCursor(input.sort, last) : null,
  };
}

/**
 * PAGE_WINDOW + 1 when the owner's entries outside transfers alone pass the window, else null.
 */
function pastTheWindow(db: Db, ownerId: string) {
  return db
    .selectFrom('ledgerMonthlyTotals')
    .select(sql<number>`${PAGE_WINDOW + 1}::int`.as('count'))
    .where('ownerId', '=', ownerId)
    .having(sql<number>`sum(inflow_entries + outflow_entries)`, '>', PAGE_WINDOW);
}

/**
 * Page numbers for tables, inside a window of PAGE_WINDOW rows; the count stops just past it.
 * The page and the count come in one statement (the count again on its own for a page past the
 * end).
 */
export async function page(owner: Owner, input: PageTransactionsInput): Promise<TransactionPage> {
  const { db, session } = owner;
  const filters = filterValues(input);
  const shape = [input.sort, session !== null, filterShape(filters)].join('|');
  const values: PageValues = {
    ...filters,
    ownerId: owner.userId,
    loginId: session?.loginId ?? '',
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  };
  const rows = await pageQueries.execute(db, shape, values, (slots) => {
    const filtered = applyTransactionFilters(
      db.selectFrom('transactions'),
      slots.ownerId,
      slotFilters(filters, slots),
    );
    // Unfiltered, the monthly totals (a few hundred rows) tell at once when the window is full.
    const windowCount = isUnfiltered(filters)
      ? sql<number>`coalesce(${pastTheWindow(db, slots.ownerId)}, ${windowOf(db, filtered)})`
      : sql<number>`${windowOf(db, filtered)}`;
    const query = orderBySort(
      filtered.select(transactionColumns).select(windowCount.as('windowCount')),
      input.sort,
    )
      .limit(slots.limit)
      .offset(slots.offset);
    return session === null
      ? query
      : query.where(whileSessionLive(db, { userId: slots.ownerId, loginId: slots.loginId }));
  });
  if (rows.length === 0 && session !== null) await assertLiveSession(db, session);
  const count =
    rows[0]?.windowCount ??
    (
      await windowOf(
        db,
        applyTransactionFilters(db.selectFrom('transactions'), owner.userId, filters),
      ).executeTakeFirstOrThrow()
    ).count;
  const reachable = Math.min(count, PAGE_WINDOW);
  return {
    items: rows.map(toTransaction),
    page: input.page,
    pageSize: input.pageSize,
    totalItems: count,
    totalPages: Math.ceil(reachable / input.pageSize),
    totalIsExact: count <= PAGE_WINDOW,
  };
}

interface PageValues extends FilterValues {
  ownerId: string;
  loginId: string;
  limit: number;
  offset: number;
}

const pageQueries = new PrecompiledQueries<
  PageValues,
  TransactionRecord & { windowCount: number }
>();

/** How many of the rows there are, counting no further than just past the window. */
function windowOf(db: Db, filtered: TransactionQuery<object>) {
  return db
    .selectFrom(
      filtered
        .select(sql<number>`1`.as('one'))
        .limit(PAGE_WINDOW + 1)
        .as('window'),
    )
    .select((eb) => eb.fn.countAll<number>().as('count'));
}
