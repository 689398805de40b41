import type { Kysely } from 'kysely';

/**
 * One row per connection slot, bumped by a synchronous commit after an asynchronous one: see
 * commit-barrier.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('commit_barriers')
    .addColumn('slot', 'integer', (col) => col.primaryKey())
    .addColumn('commits', 'bigint', (col) => col.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('commit_barriers').execute();
}
