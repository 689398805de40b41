import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createDb, migrateToLatest, type Db } from '@budget/db';

export interface BenchDatabase {
  name: string;
  db: Db;
  /** Closes the pool and drops the database; safe to call more than once. */
  drop(): Promise<void>;
  /** Drops the database at once, cutting off running queries (for Ctrl-C). */
  abort(): Promise<void>;
}

/** A fresh, migrated database named budget_bench_<random> on the admin URL's server. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `budget_bench_${randomBytes(6).toString('hex')}`;
  await runOnAdmin(adminUrl, `create database "${name}"`);
  const db = createDb({ databaseUrl: databaseUrlFor(adminUrl, name), poolMax: 4 });

  let dropping: Promise<void> | undefined;
  const abort = () =>
    (dropping ??= runOnAdmin(adminUrl, `drop database if exists "${name}" with (force)`));
  const drop = async () => {
    await db.destroy().catch(() => undefined);
    await abort();
  };

  try {
    const { error } = await migrateToLatest(db);
    if (error !== undefined) throw new Error('Migration failed', { cause: error });
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, db, drop, abort };
}

function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function runOnAdmin(adminUrl: string, statement: string): Promise<void> {
  const admin = createDb({ databaseUrl: adminUrl, poolMax: 1 });
  try {
    await sql.raw(statement).execute(admin);
  } finally {
    await admin.destroy();
  }
}
