import { sql } from 'kysely';
import type { Db } from '@budget/db';

interface Definition {
  name: string;
  definition: string;
}

/**
 * Runs `load` with the ledger's indexes and keys set aside, as PostgreSQL's "Populating a
 * Database" advises: one sorted build per index and one validating join per foreign key are far
 * cheaper than maintaining them row by row. Definitions come from the catalog, and the schema is
 * checked to end exactly as it began.
 */
export async function withLedgerKeysDeferred(db: Db, load: () => Promise<void>): Promise<void> {
  const before = await ledgerSchema(db);
  await db.transaction().execute(async (trx) => {
    for (const { name } of before.constraints) {
      await sql`alter table transactions drop constraint ${sql.id(name)}`.execute(trx);
    }
    for (const { name } of before.indexes) {
      await sql`drop index ${sql.id(name)}`.execute(trx);
    }
  });

  await load();

  await db.transaction().execute(async (trx) => {
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    const [keys, references] = partition(before.constraints, (c) => c.definition.startsWith('P'));
    for (const { name, definition } of [...keys, ...references]) {
      await sql`alter table transactions add constraint ${sql.id(name)} ${sql.raw(definition)}`.execute(
        trx,
      );
    }
    for (const { definition } of before.indexes) await sql.raw(definition).execute(trx);
  });
  const after = await ledgerSchema(db);
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    throw new Error('The ledger schema differs after the bulk load');
  }
}

/** The primary and foreign keys of `transactions`, and its other indexes. */
async function ledgerSchema(db: Db) {
  const constraints = await sql<Definition>`
    select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where conrelid = 'transactions'::regclass and contype in ('p', 'f')
    order by conname`.execute(db);
  const indexes = await sql<Definition>`
    select i.relname as name, pg_get_indexdef(i.oid) as definition
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    where x.indrelid = 'transactions'::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.oid)
    order by i.relname`.execute(db);
  return { constraints: constraints.rows, indexes: indexes.rows };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
