import type { Actor } from '../../actor.ts';
import type { ExportTransactionsQuery } from '../../schemas/exports.ts';
import { formatMinorUnits } from './currency-digits.ts';
import { kindOf } from './transaction-rows.ts';

const PAGE_SIZE = 1_000;
const HEADER = ['date', 'account', 'category', 'payee', 'note', 'amount', 'currency', 'kind'];

/** A cell a spreadsheet would run as a formula starts with one of these; it gets a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 cell: text cells neutralised against formulas, quoted when they need it. */
function cell(value: string, isText: boolean): string {
  const safe = isText && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function line(cells: readonly (readonly [string, boolean])[]): string {
  return `${cells.map(([value, isText]) => cell(value, isText)).join(',')}\r\n`;
}

/** The names of the caller's accounts and categories, by id (at most a few hundred each). */
async function namesOf(actor: Actor): Promise<Map<string, string>> {
  const ownerId = actor.user.id;
  const [accounts, categories] = await Promise.all([
    actor.db.selectFrom('accounts').select(['id', 'name']).where('ownerId', '=', ownerId).execute(),
    actor.db
      .selectFrom('categories')
      .select(['id', 'name'])
      .where('ownerId', '=', ownerId)
      .execute(),
  ]);
  return new Map([...accounts, ...categories].map((row) => [row.id, row.name]));
}

/**
 * The caller's transactions as CSV lines, oldest first, read page by page by keyset so memory
 * stays constant however long the ledger is; pages are only read as the consumer pulls.
 * A page reads the transactions table alone, as a range of its (owner_id, occurred_on, id)
 * index: joined to accounts and categories, PostgreSQL underestimates the rows a page can find
 * and may sort the whole ledger for each page instead. Names come from one lookup, made again
 * only when a page names an account or category created since.
 */
export async function* exportTransactionsCsv(
  actor: Actor,
  query: ExportTransactionsQuery,
): AsyncGenerator<string> {
  yield line(HEADER.map((title) => [title, false] as const));
  let names = await namesOf(actor);
  let after: { occurredOn: string; id: string } | null = null;
  for (;;) {
    let page = actor.db
      .selectFrom('transactions')
      .select([
        'transactions.id',
        'transactions.occurredOn',
        'transactions.accountId',
        'transactions.categoryId',
        'transactions.amount',
        'transactions.currency',
        'transactions.payee',
        'transactions.note',
        'transactions.transferId',
      ])
      .where('transactions.ownerId', '=', actor.user.id)
      .orderBy('transactions.occurredOn')
      .orderBy('transactions.id')
      .limit(PAGE_SIZE);
    if (query.accountId !== undefined)
      page = page.where('transactions.accountId', '=', query.accountId);
    if (query.from !== undefined) page = page.where('transactions.occurredOn', '>=', query.from);
    if (query.to !== undefined) page = page.where('transactions.occurredOn', '<=', query.to);
    if (after !== null) {
      const { occurredOn, id } = after;
      // A row comparison is a range of the (owner_id, occurred_on, id) index; the equivalent
      // `a > x or (a = x and b > y)` is a filter, and every page would scan all rows before it.
      page = page.where((eb) =>
        eb(
          eb.refTuple('transactions.occurredOn', 'transactions.id'),
          '>',
          eb.tuple(occurredOn, id),
        ),
      );
    }
    const rows = await page.execute();
    const known = (id: string | null) => id === null || names.has(id);
    if (!rows.every((row) => known(row.accountId) && known(row.categoryId))) {
      names = await namesOf(actor);
    }
    let chunk = '';
    for (const row of rows) {
      chunk += line([
        [row.occurredOn, false],
        [names.get(row.accountId) ?? '', true],
        [row.categoryId === null ? '' : (names.get(row.categoryId) ?? ''), true],
        [row.payee ?? '', true],
        [row.note ?? '', true],
        [formatMinorUnits(row.amount, row.currency), false],
        [row.currency, false],
        [kindOf(row), false],
      ]);
    }
    if (chunk !== '') yield chunk;
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE_SIZE) return;
    after = { occurredOn: last.occurredOn, id: last.id };
  }
}
