import { sql } from 'kysely';
import { UNCATEGORIZED_KEY, type Db } from '@budget/db';
import type { Trx } from './idempotency.ts';

const totalsKey = ['ownerId', 'currency', 'categoryKey', 'occurredOn'] as const;
const totalsColumns = [
  ...totalsKey,
  'inflow',
  'outflow',
  'inflowEntries',
  'outflowEntries',
] as const;

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

    const daily = [...this.#daily.values()].filter(
      (change) =>
        change.inflow !== 0 ||
        change.outflow !== 0 ||
        change.inflowEntries !== 0 ||
        change.outflowEntries !== 0,
    );
    if (daily.length === 0) return;
    await trx
      .insertInto('ledgerDailyTotals')
      .values(daily.map((change) => ({ ownerId, ...change })))
      .onConflict((conflict) =>
        conflict.columns([...totalsKey]).doUpdateSet({
          inflow: sql`ledger_daily_totals.inflow + excluded.inflow`,
          outflow: sql`ledger_daily_totals.outflow + excluded.outflow`,
          inflowEntries: sql`ledger_daily_totals.inflow_entries + excluded.inflow_entries`,
          outflowEntries: sql`ledger_daily_totals.outflow_entries + excluded.outflow_entries`,
        }),
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
  }
}

/** Moves a category's daily totals onto another category (or uncategorized), merging days. */
export async function moveCategoryTotals(
  trx: Trx,
  ownerId: string,
  fromCategoryId: string,
  toCategoryId: string | null,
): Promise<void> {
  await trx
    .insertInto('ledgerDailyTotals')
    .columns(totalsColumns)
    .expression((eb) =>
      eb
        .selectFrom('ledgerDailyTotals')
        .select([
          'ownerId',
          'currency',
          sql<string>`${toCategoryId ?? UNCATEGORIZED_KEY}::uuid`.as('categoryKey'),
          'occurredOn',
          'inflow',
          'outflow',
          'inflowEntries',
          'outflowEntries',
        ])
        .where('ownerId', '=', ownerId)
        .where('categoryKey', '=', fromCategoryId),
    )
    .onConflict((conflict) =>
      conflict.columns([...totalsKey]).doUpdateSet({
        inflow: sql`ledger_daily_totals.inflow + excluded.inflow`,
        outflow: sql`ledger_daily_totals.outflow + excluded.outflow`,
        inflowEntries: sql`ledger_daily_totals.inflow_entries + excluded.inflow_entries`,
        outflowEntries: sql`ledger_daily_totals.outflow_entries + excluded.outflow_entries`,
      }),
    )
    .execute();
  await trx
    .deleteFrom('ledgerDailyTotals')
    .where('ownerId', '=', ownerId)
    .where('categoryKey', '=', fromCategoryId)
    .execute();
}

/** Recomputes an owner's daily totals from the ledger itself, e.g. after a bulk load. */
export async function rebuildDailyTotals(trx: Trx, ownerId: string): Promise<void> {
  await trx.deleteFrom('ledgerDailyTotals').where('ownerId', '=', ownerId).execute();
  await trx
    .insertInto('ledgerDailyTotals')
    .columns(totalsColumns)
    .expression(freshDailyTotals(trx, ownerId))
    .execute();
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
