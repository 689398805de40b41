import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('budgets')
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('category_id', 'uuid', (col) => col.notNull())
    .addColumn('category_kind', 'text', (col) =>
      col
        .notNull()
        .defaultTo('expense')
        .check(sql`category_kind = 'expense'`),
    )
    .addColumn('amount', 'bigint', (col) =>
      col.notNull().check(sql`amount > 0 and amount <= 1000000000000`),
    )
    .addColumn('currency', 'char(3)', (col) => col.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('period', 'text', (col) =>
      col.notNull().check(sql`period in ('weekly', 'monthly', 'yearly')`),
    )
    .addColumn('starts_on', 'date', (col) => col.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('rollover', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('alert_threshold', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(80)
        .check(sql`alert_threshold between 1 and 100`),
    )
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('budgets_pkey', ['owner_id', 'id'])
    .addCheckConstraint('budgets_dates_check', sql`ends_on is null or ends_on >= starts_on`)
    // Only expense categories take budgets: the key pins the referenced category's kind.
    .addForeignKeyConstraint(
      'budgets_category_fkey',
      ['owner_id', 'category_id', 'category_kind'],
      'categories',
      ['owner_id', 'id', 'kind'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await sql`create index budgets_owner_category_idx on budgets (owner_id, category_id, period)`.execute(
    db,
  );

  // What reports and budgets read instead of the ledger: per owner, currency, category and day,
  // the money in and out and how many entries, kept in step by every ledger write. Transfers never
  // enter it. `category_key` is the category id, or the nil UUID for uncategorized rows. No sign
  // checks: PostgreSQL checks them on the delta rows an upsert proposes, not on the sums.
  await db.schema
    .createTable('ledger_daily_totals')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('currency', 'char(3)', (col) => col.notNull())
    .addColumn('category_key', 'uuid', (col) => col.notNull())
    .addColumn('occurred_on', 'date', (col) => col.notNull())
    .addColumn('inflow', 'bigint', (col) => col.notNull())
    .addColumn('outflow', 'bigint', (col) => col.notNull())
    .addColumn('inflow_entries', 'integer', (col) => col.notNull())
    .addColumn('outflow_entries', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('ledger_daily_totals_pkey', [
      'owner_id',
      'currency',
      'category_key',
      'occurred_on',
    ])
    .execute();
  await sql`create index ledger_daily_totals_owner_day_idx on ledger_daily_totals (owner_id, occurred_on)`.execute(
    db,
  );
  await sql`
    insert into ledger_daily_totals
      (owner_id, currency, category_key, occurred_on, inflow, outflow, inflow_entries, outflow_entries)
    select owner_id, currency, coalesce(category_id, '00000000-0000-0000-0000-000000000000'::uuid),
           occurred_on,
           coalesce(sum(amount) filter (where amount > 0), 0),
           coalesce(sum(amount) filter (where amount < 0), 0),
           count(*) filter (where amount > 0),
           count(*) filter (where amount < 0)
    from transactions
    where transfer_id is null
    group by 1, 2, 3, 4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_daily_totals').execute();
  await db.schema.dropTable('budgets').execute();
}
