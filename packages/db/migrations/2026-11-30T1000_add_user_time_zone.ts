import { sql, type Kysely } from 'kysely';

/** Each user's IANA time zone: "today" for budgets and recurring entries is the user's today. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('time_zone', 'text', (col) =>
      col
        .notNull()
        .defaultTo('UTC')
        .check(sql`length(time_zone) between 1 and 64`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('time_zone').execute();
}
