import { sql, type Kysely } from 'kysely';

/** 2^53 − 1: every number in a response must be an exact JavaScript integer. */
const MAX_SAFE = sql.lit(9_007_199_254_740_991);
/**
 * Half of it for the money an owner has ever moved in one currency (transfers aside): any report
 * sum, and a rollover budget's figures (at most the other half), then stay exact.
 */
const MAX_GROSS = sql.lit(4_503_599_627_370_495);

/**
 * Bounds the stored totals so that no sequence of valid writes can make a later read fail:
 * account balances, and per owner and currency the gross money of the ledger totals. Existing
 * rows are not re-checked (NOT VALID); every write from now on is.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table accounts add constraint accounts_balance_bound
    check (abs(balance) <= ${MAX_SAFE}) not valid`.execute(db);

  await db.schema
    .createTable('ledger_currency_totals')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('currency', 'char(3)', (col) => col.notNull())
    .addColumn('gross', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('ledger_currency_totals_pkey', ['owner_id', 'currency'])
    .execute();
  await sql`
    insert into ledger_currency_totals (owner_id, currency, gross)
    select owner_id, currency, sum(inflow - outflow)
    from ledger_daily_totals
    group by 1, 2`.execute(db);
  await sql`alter table ledger_currency_totals add constraint ledger_currency_totals_gross_bound
    check (gross between 0 and ${MAX_GROSS}) not valid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_currency_totals').execute();
  await sql`alter table accounts drop constraint accounts_balance_bound`.execute(db);
}
