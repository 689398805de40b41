import { sql, type Kysely } from 'kysely';

const MAX_AMOUNT = sql.lit(1_000_000_000_000);

/**
 * Recurring rules and the occurrences they made. An occurrence's primary key makes a second write
 * of the same (rule, date) impossible, whichever scheduler or script gets there first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('transactions')
    .addColumn('recurring_id', 'uuid')
    .addColumn('import_id', 'uuid')
    .execute();

  await db.schema
    .createTable('recurring_rules')
    .addColumn('owner_id', 'uuid', (col) =>
      col.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('id', 'uuid', (col) => col.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn('account_id', 'uuid', (col) => col.notNull())
    .addColumn('to_account_id', 'uuid')
    .addColumn('currency', 'char(3)', (col) => col.notNull())
    // No foreign key: a deleted category leaves the rule's next entries uncategorized.
    .addColumn('category_id', 'uuid')
    .addColumn('amount', 'bigint', (col) =>
      col.notNull().check(sql`amount <> 0 and abs(amount) <= ${MAX_AMOUNT}`),
    )
    .addColumn('payee', 'text', (col) => col.check(sql`length(payee) <= 200`))
    .addColumn('note', 'text', (col) => col.check(sql`length(note) <= 1000`))
    .addColumn('frequency', 'text', (col) =>
      col.notNull().check(sql`frequency in ('daily', 'weekly', 'monthly', 'yearly')`),
    )
    .addColumn('interval', 'integer', (col) =>
      col.notNull().check(sql`"interval" between 1 and 12`),
    )
    .addColumn('starts_on', 'date', (col) => col.notNull())
    .addColumn('ends_on', 'date')
    // The first occurrence not yet made; null once the rule has ended.
    .addColumn('next_on', 'date')
    .addColumn('paused', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('recurring_rules_pkey', ['owner_id', 'id'])
    .addForeignKeyConstraint(
      'recurring_rules_account_fkey',
      ['owner_id', 'account_id', 'currency'],
      'accounts',
      ['owner_id', 'id', 'currency'],
      (fk) => fk.onDelete('cascade'),
    )
    .addForeignKeyConstraint(
      'recurring_rules_to_account_fkey',
      ['owner_id', 'to_account_id', 'currency'],
      'accounts',
      ['owner_id', 'id', 'currency'],
      (fk) => fk.onDelete('cascade'),
    )
    .addCheckConstraint(
      'recurring_rules_transfer_check',
      sql`to_account_id is null or (amount > 0 and to_account_id <> account_id and category_id is null)`,
    )
    .execute();
  await sql`create index recurring_rules_due_idx on recurring_rules (next_on) where next_on is not null and not paused`.execute(
    db,
  );

  await db.schema
    .createTable('recurring_skips')
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    .addColumn('rule_id', 'uuid', (col) => col.notNull())
    .addColumn('skipped_on', 'date', (col) => col.notNull())
    .addPrimaryKeyConstraint('recurring_skips_pkey', ['owner_id', 'rule_id', 'skipped_on'])
    .addForeignKeyConstraint(
      'recurring_skips_rule_fkey',
      ['owner_id', 'rule_id'],
      'recurring_rules',
      ['owner_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('recurring_occurrences')
    .addColumn('owner_id', 'uuid', (col) => col.notNull())
    .addColumn('rule_id', 'uuid', (col) => col.notNull())
    .addColumn('occurs_on', 'date', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('recurring_occurrences_pkey', ['owner_id', 'rule_id', 'occurs_on'])
    .addForeignKeyConstraint(
      'recurring_occurrences_rule_fkey',
      ['owner_id', 'rule_id'],
      'recurring_rules',
      ['owner_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recurring_occurrences').execute();
  await db.schema.dropTable('recurring_skips').execute();
  await db.schema.dropTable('recurring_rules').execute();
  await db.schema
    .alterTable('transactions')
    .dropColumn('recurring_id')
    .dropColumn('import_id')
    .execute();
}
