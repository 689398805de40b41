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

/**
 * The caller's transactions as CSV lines, oldest first, read page by page by keyset so memory
 * stays constant however long the ledger is; pages are only read as the consumer pulls.
 */
export async function* exportTransactionsCsv(
  actor: Actor,
  query: ExportTransactionsQuery,
): AsyncGenerator<string> {
  yield line(HEADER.map((title) => [title, false] as const));
  let after: { occurredOn: string; id: string } | null = null;
  for (;;) {
    let page = actor.db
      .selectFrom('transactions')
      .innerJoin('accounts', (join) =>
        join
          .onRef('accounts.ownerId', '=', 'transactions.ownerId')
          .onRef('accounts.id', '=', 'transactions.accountId'),
      )
      .leftJoin('categories', (join) =>
        join
          .onRef('categories.ownerId', '=', 'transactions.ownerId')
          .onRef('categories.id', '=', 'transactions.categoryId'),
      )
      .select([
        'transactions.id',
        'transactions.occurredOn',
        'transactions.amount',
        'transactions.currency',
        'transactions.payee',
        'transactions.note',
        'transactions.transferId',
        'accounts.name as accountName',
        'categories.name as categoryName',
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
      // One row comparison, so the date index seeks to the next page instead of filtering every
      // earlier row again (which made a long export quadratic).
      page = page.where((eb) =>
        eb(
          eb.refTuple('transactions.occurredOn', 'transactions.id'),
          '>',
          eb.tuple(occurredOn, id),
        ),
      );
    }
    const rows = await page.execute();
    let chunk = '';
    for (const row of rows) {
      chunk += line([
        [row.occurredOn, false],
        [row.accountName, true],
        [row.categoryName ?? '', true],
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
