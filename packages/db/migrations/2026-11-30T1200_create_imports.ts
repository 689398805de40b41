import { sql, type Kysely } from 'kysely';

/**
 * CSV imports. Each imported row carries a fingerprint of its account, date, amount and payee plus
 * its occurrence index within the file; a unique key on it makes re-importing an overlapping
 * statement add only the rows not seen before, even when two imports race.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull())
    .addColumn('imported', 'integer', (col) => col.notNull())
    .addColumn('duplicates', 'integer', (col) => col.notNull())
    .addColumn('errors', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('imports_pkey', ['owner_id', 'id'])
    .addForeignKeyConstraint(
      'imports_account_fkey',
      ['owner_id', 'account_id'],
      'accounts',
      ['owner_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema.alterTable('transactions').addColumn('import_key', 'text').execute();
  await sql`create unique index transactions_owner_account_import_key on transactions (owner_id, account_id, import_key) where import_key is not null`.execute(
    db,
  );
  await sql`create index transactions_owner_import_idx on transactions (owner_id, import_id) where import_id is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('transactions').dropColumn('import_key').execute();
  await db.schema.dropTable('imports').execute();
}
