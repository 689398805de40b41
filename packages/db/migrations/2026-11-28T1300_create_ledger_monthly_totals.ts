import { sql, type Kysely } from 'kysely';

/**
 * The daily totals summed per calendar month, kept in step by the same ledger writes. Long
 * ranges (five-year trends, rollover budgets) read whole months here and only edge days from
 * the daily table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_monthly_totals')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('currency', 'char(3)', (col) => col.notNull())
    .addColumn('category_key', 'uuid', (col) => col.notNull())
    .addColumn('month_start', 'date', (col) => col.notNull())
    .addColumn('inflow', 'bigint', (col) => col.notNull())
    .addColumn('outflow', 'bigint', (col) => col.notNull())
    .addColumn('inflow_entries', 'integer', (col) => col.notNull())
    .addColumn('outflow_entries', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('ledger_monthly_totals_pkey', [
      'owner_id',
      'currency',
      'category_key',
      'month_start',
    ])
    .execute();
  await sql`create index ledger_monthly_totals_owner_month_idx on ledger_monthly_totals (owner_id, month_start)`.execute(
    db,
  );
  await sql`
    insert into ledger_monthly_totals
      (owner_id, currency, category_key, month_start, inflow, outflow, inflow_entries, outflow_entries)
    select owner_id, currency, category_key, date_trunc('month', occurred_on::timestamp)::date,
           sum(inflow), sum(outflow), sum(inflow_entries), sum(outflow_entries)
    from ledger_daily_totals
    group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_monthly_totals').execute();
}
