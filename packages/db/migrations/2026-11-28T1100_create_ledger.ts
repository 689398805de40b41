import { sql, type Kysely } from 'kysely';

const MAX_AMOUNT = sql.lit(1_000_000_000_000);

export async function up(db: Kysely<any>): Promise<void> {
  // Trigram indexes keep substring search fast on large ledgers. Where the extension cannot be
  // installed, search still works, by scanning the owner's rows.
  await sql`
    do $$
    begin
      create extension if not exists pg_trgm;
    exception when others then
      raise notice 'pg_trgm unavailable: transaction search runs without a trigram index';
    end
    $$`.execute(db);

  await db.schema
    .createTable('accounts')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('type', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`type in ('checking', 'savings', 'credit_card', 'cash', 'investment', 'loan', 'other')`,
        ),
    )
    .addColumn('currency', 'char(3)', (col) => col.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('opening_balance', 'bigint', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`abs(opening_balance) <= ${MAX_AMOUNT}`),
    )
    .addColumn('balance', 'bigint', (col) => col.notNull())
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('accounts_pkey', ['owner_id', 'id'])
    // Lets transactions reference (account, currency) so their currency always matches.
    .addUniqueConstraint('accounts_owner_id_id_currency_key', ['owner_id', 'id', 'currency'])
    .execute();
  await sql`create unique index accounts_owner_id_name_key on accounts (owner_id, lower(name))`.execute(
    db,
  );

  await db.schema
    .createTable('categories')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (col) => col.notNull().check(sql`length(name) between 1 and 100`))
    .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('income', 'expense')`))
    .addColumn('color', 'text', (col) => col.check(sql`color ~ '^#[0-9a-f]{6}$'`))
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('categories_pkey', ['owner_id', 'id'])
    // Lets budgets reference (category, kind) so a budget can only point at an expense category.
    .addUniqueConstraint('categories_owner_id_id_kind_key', ['owner_id', 'id', 'kind'])
    .execute();
  await sql`create unique index categories_owner_id_kind_name_key on categories (owner_id, kind, lower(name))`.execute(
    db,
  );

  await db.schema
    .createTable('transactions')
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull())
    .addColumn('currency', 'char(3)', (col) => col.notNull())
    .addColumn('category_id', 'uuid')
    .addColumn('amount', 'bigint', (col) =>
      col.notNull().check(sql`amount <> 0 and abs(amount) <= ${MAX_AMOUNT}`),
    )
    .addColumn('occurred_on', 'date', (col) => col.notNull())
    .addColumn('payee', 'text', (col) => col.check(sql`length(payee) <= 200`))
    .addColumn('note', 'text', (col) => col.check(sql`length(note) <= 1000`))
    .addColumn('transfer_id', 'uuid')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('transactions_pkey', ['owner_id', 'id'])
    .addForeignKeyConstraint(
      'transactions_account_fkey',
      ['owner_id', 'account_id', 'currency'],
      'accounts',
      ['owner_id', 'id', 'currency'],
    )
    .addForeignKeyConstraint(
      'transactions_category_fkey',
      ['owner_id', 'category_id'],
      'categories',
      ['owner_id', 'id'],
    )
    .addForeignKeyConstraint('transactions_owner_fkey', ['owner_id'], 'users', ['id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  const indexes = [
    sql`create index transactions_owner_date_idx on transactions (owner_id, occurred_on desc, id desc)`,
    sql`create index transactions_owner_amount_idx on transactions (owner_id, amount, id)`,
    sql`create index transactions_owner_account_date_idx on transactions (owner_id, account_id, occurred_on desc, id desc)`,
    sql`create index transactions_owner_category_date_idx on transactions (owner_id, category_id, occurred_on desc, id desc)`,
    sql`create index transactions_owner_transfer_idx on transactions (owner_id, transfer_id) where transfer_id is not null`,
  ];
  for (const index of indexes) await index.execute(db);
  await sql`
    do $$
    begin
      if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        create index transactions_search_trgm_idx on transactions
          using gin ((coalesce(payee, '') || E'\\n' || coalesce(note, '')) gin_trgm_ops);
      end if;
    end
    $$`.execute(db);

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (col) => col.notNull().check(sql`length(key) between 1 and 255`))
    .addColumn('operation', 'text', (col) => col.notNull())
    .addColumn('request_hash', 'text', (col) => col.notNull())
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['owner_id', 'key'])
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created_at_idx')
    .on('idempotency_keys')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('transactions').execute();
  await db.schema.dropTable('categories').execute();
  await db.schema.dropTable('accounts').execute();
}
