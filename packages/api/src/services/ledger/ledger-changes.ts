import { sql } from 'kysely';
import { UNCATEGORIZED_KEY, type Db, type Trx } from '@budget/db';

const dailyKey = ['ownerId', 'currency', 'categoryKey', 'occurredOn'] as const;
const monthlyKey = ['ownerId', 'currency', 'categoryKey', 'monthStart'] as const;
const sumColumns = ['inflow', 'outflow', 'inflowEntries', 'outflowEntries'] as const;

/** The fields of a ledger row that balances and daily totals depend on. */
export interface LedgerEntry {
  accountId: string;
  currency: string;
  categoryId: string | null;
  occurredOn: string;
  amount: number;
  transferId: string | null;
}

interface DailyTotalChange {
  currency: string;
  categoryKey: string;
  occurredOn: string;
  inflow: number;
  outflow: number;
  inflowEntries: number;
  outflowEntries: number;
}

/**
 * What a ledger write did, as rows removed and rows added. `apply` brings account balances and
 * the daily totals in step, inside the same database transaction as the write.
 */
export class LedgerChanges {
  readonly #balances = new Map<string, number>();
  readonly #daily = new Map<string, DailyTotalChange>();
  /** Per currency, the change in money moved (inflow + |outflow|) outside transfers. */
  readonly #gross = new Map<string, number>();

  add(entry: LedgerEntry): this {
    return this.#record(entry, 1);
  }

  remove(entry: LedgerEntry): this {
    return this.#record(entry, -1);
  }

  #record(entry: LedgerEntry, sign: 1 | -1): this {
    this.#balances.set(
      entry.accountId,
      (this.#balances.get(entry.accountId) ?? 0) + sign * entry.amount,
    );
    if (entry.transferId !== null) return this;
    this.#gross.set(
      entry.currency,
      (this.#gross.get(entry.currency) ?? 0) + sign * Math.abs(entry.amount),
    );
    const categoryKey = entry.categoryId ?? UNCATEGORIZED_KEY;
    const key = `${entry.currency}|${categoryKey}|${entry.occurredOn}`;
    const change = this.#daily.get(key) ?? {
      currency: entry.currency,
      categoryKey,
      occurredOn: entry.occurredOn,
      inflow: 0,
      outflow: 0,
      inflowEntries: 0,
      outflowEntries: 0,
    };
    if (entry.amount > 0) {
      change.inflow += sign * entry.amount;
      change.inflowEntries += sign;
    } else {
      change.outflow += sign * entry.amount;
      change.outflowEntries += sign;
    }
    this.#daily.set(key, change);
    return this;
  }

  /** Accounts must already be locked by the caller, in id order; updates follow that order. */
  async apply(trx: Trx, ownerId: string): Promise<void> {
    const balances = [...this.#balances]
      .filter(([, delta]) => delta !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [accountId, delta] of balances) {
      await trx
        .updateTable('accounts')
        .set({ balance: sql`balance + ${delta}` })
        .where('ownerId', '=', ownerId)
        .where('id', '=', accountId)
        .execute();
    }

    await this.#applyGross(trx, ownerId);

    const daily = [...this.#daily.values()].filter(isChange);
    if (daily.length === 0) return;
    await trx
      .insertInto('ledgerDailyTotals')
      .values(daily.map((change) => ({ ownerId, ...change })))
      .onConflict((conflict) =>
        conflict.columns([...dailyKey]).doUpdateSet(addExcluded('ledger_daily_totals')),
      )
      .execute();
    await trx
      .deleteFrom('ledgerDailyTotals')
      .where('ownerId', '=', ownerId)
      .where('inflowEntries', '=', 0)
      .where('outflowEntries', '=', 0)
      .where(
        'occurredOn',
        'in',
        daily.map((change) => change.occurredOn),
      )
      .execute();

    const monthly = [...monthlyChanges(daily).values()].filter(isChange);
    if (monthly.length === 0) return;
    await trx
      .insertInto('ledgerMonthlyTotals')
      .values(monthly.map((change) => ({ ownerId, ...change })))
      .onConflict((conflict) =>
        conflict.columns([...monthlyKey]).doUpdateSet(addExcluded('ledger_monthly_totals')),
      )
      .execute();
    await trx
      .deleteFrom('ledgerMonthlyTotals')
      .where('ownerId', '=', ownerId)
      .where('inflowEntries', '=', 0)
      .where('outflowEntries', '=', 0)
      .where(
        'monthStart',
        'in',
        monthly.map((change) => change.monthStart),
      )
      .execute();
  }

  /**
   * Bounded by the ledger_currency_totals_gross_bound check, which refuses a write that would
   * let a report or budget figure leave the exact-integer range.
   */
  async #applyGross(trx: Trx, ownerId: string): Promise<void> {
    const gross = [...this.#gross]
      .filter(([, delta]) => delta !== 0)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [currency, delta] of gross) {
      // A CHECK sees an upsert's proposed row before the conflict: only growth can upsert.
      const write =
        delta > 0
          ? sql`insert into ledger_currency_totals (owner_id, currency, gross)
                values (${ownerId}, ${currency}, ${delta})
                on conflict (owner_id, currency)
                do update set gross = ledger_currency_totals.gross + excluded.gross`
          : sql`update ledger_currency_totals set gross = gross + ${delta}
                where owner_id = ${ownerId} and currency = ${currency}`;
      await write.execute(trx);
    }
  }
}

interface Sums {
  inflow: number;
  outflow: number;
  inflowEntries: number;
  outflowEntries: number;
}

function isChange(change: Sums): boolean {
  return (
    change.inflow !== 0 ||
    change.outflow !== 0 ||
    change.inflowEntries !== 0 ||
    change.outflowEntries !== 0
  );
}

/** The daily changes summed per month. */
function monthlyChanges(daily: readonly DailyTotalChange[]) {
  const months = new Map<string, Omit<DailyTotalChange, 'occurredOn'> & { monthStart: string }>();
  for (const { occurredOn, ...change } of daily) {
    const monthStart = `${occurredOn.slice(0, 7)}-01`;
    const key = `${change.currency}|${change.categoryKey}|${monthStart}`;
    const month = months.get(key) ?? {
      ...change,
      monthStart,
      inflow: 0,
      outflow: 0,
      inflowEntries: 0,
      outflowEntries: 0,
    };
    month.inflow += change.inflow;
    month.outflow += change.outflow;
    month.inflowEntries += change.inflowEntries;
    month.outflowEntries += change.outflowEntries;
    months.set(key, month);
  }
  return months;
}

/** An upsert's SET: the stored sums plus the proposed row's. */
function addExcluded(table: 'ledger_daily_totals' | 'ledger_monthly_totals') {
  const column = sql.table(table);
  return {
    inflow: sql<number>`${column}.inflow + excluded.inflow`,
    outflow: sql<number>`${column}.outflow + excluded.outflow`,
    inflowEntries: sql<number>`${column}.inflow_entries + excluded.inflow_entries`,
    outflowEntries: sql<number>`${column}.outflow_entries + excluded.outflow_entries`,
  };
}

/** Moves a category's daily and monthly totals onto another category (or uncategorized). */
export async function moveCategoryTotals(
  trx: Trx,
  ownerId: string,
  fromCategoryId: string,
  toCategoryId: string | null,
): Promise<void> {
  const target = sql<string>`${toCategoryId ?? UNCATEGORIZED_KEY}::uuid`.as('categoryKey');
  await trx
    .insertInto('ledgerDailyTotals')
    .columns([...dailyKey, ...sumColumns])
    .expression((eb) =>
      eb
        .selectFrom('ledgerDailyTotals')
        .select(['ownerId', 'currency', target, 'occurredOn', ...sumColumns])
        .where('ownerId', '=', ownerId)
        .where('categoryKey', '=', fromCategoryId),
    )
    .onConflict((conflict) =>
      conflict.columns([...dailyKey]).doUpdateSet(addExcluded('ledger_daily_totals')),
    )
    .execute();
  await trx
    .insertInto('ledgerMonthlyTotals')
    .columns([...monthlyKey, ...sumColumns])
    .expression((eb) =>
      eb
        .selectFrom('ledgerMonthlyTotals')
        .select(['ownerId', 'currency', target, 'monthStart', ...sumColumns])
        .where('ownerId', '=', ownerId)
        .where('categoryKey', '=', fromCategoryId),
    )
    .onConflict((conflict) =>
      conflict.columns([...monthlyKey]).doUpdateSet(addExcluded('ledger_monthly_totals')),
    )
    .execute();
  for (const table of ['ledgerDailyTotals', 'ledgerMonthlyTotals'] as const) {
    await trx
      .deleteFrom(table)
      .where('ownerId', '=', ownerId)
      .where('categoryKey', '=', fromCategoryId)
      .execute();
  }
}

/** Recomputes an owner's daily and monthly totals from the ledger itself, e.g. after a bulk load. */
export async function rebuildLedgerTotals(trx: Trx, ownerId: string): Promise<void> {
  await sql`delete from ledger_currency_totals where owner_id = ${ownerId}`.execute(trx);
  await trx.deleteFrom('ledgerDailyTotals').where('ownerId', '=', ownerId).execute();
  await trx.deleteFrom('ledgerMonthlyTotals').where('ownerId', '=', ownerId).execute();
  await trx
    .insertInto('ledgerDailyTotals')
    .columns([...dailyKey, ...sumColumns])
    .expression(freshDailyTotals(trx, ownerId))
    .execute();
  await trx
    .insertInto('ledgerMonthlyTotals')
    .columns([...monthlyKey, ...sumColumns])
    .expression(monthlyFromDaily(trx, ownerId))
    .execute();
  await sql`
    insert into ledger_currency_totals (owner_id, currency, gross)
    select owner_id, currency, sum(inflow - outflow)
    from ledger_daily_totals
    where owner_id = ${ownerId}
    group by 1, 2`.execute(trx);
}

/** The monthly totals as the daily totals say they are right now. */
export function monthlyFromDaily(trx: Trx | Db, ownerId: string) {
  const monthStart = sql<string>`date_trunc('month', occurred_on::timestamp)::date`;
  return trx
    .selectFrom('ledgerDailyTotals')
    .select([
      'ownerId',
      'currency',
      'categoryKey',
      monthStart.as('monthStart'),
      sql<number>`sum(inflow)::bigint`.as('inflow'),
      sql<number>`sum(outflow)::bigint`.as('outflow'),
      sql<number>`sum(inflow_entries)::int`.as('inflowEntries'),
      sql<number>`sum(outflow_entries)::int`.as('outflowEntries'),
    ])
    .where('ownerId', '=', ownerId)
    .groupBy(['ownerId', 'currency', 'categoryKey', monthStart]);
}

/** The daily totals as the ledger says they are right now. */
export function freshDailyTotals(trx: Trx | Db, ownerId: string) {
  return trx
    .selectFrom('transactions')
    .select((eb) => [
      'ownerId',
      'currency',
      eb.fn.coalesce('categoryId', eb.val(UNCATEGORIZED_KEY)).as('categoryKey'),
      'occurredOn',
      sql<number>`coalesce(sum(amount) filter (where amount > 0), 0)::bigint`.as('inflow'),
      sql<number>`coalesce(sum(amount) filter (where amount < 0), 0)::bigint`.as('outflow'),
      sql<number>`(count(*) filter (where amount > 0))::int`.as('inflowEntries'),
      sql<number>`(count(*) filter (where amount < 0))::int`.as('outflowEntries'),
    ])
    .where('ownerId', '=', ownerId)
    .where('transferId', 'is', null)
    .groupBy(['ownerId', 'currency', 'categoryId', 'occurredOn']);
}
