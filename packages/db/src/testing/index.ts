import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db, type DbConfig } from '../create-db.ts';
import { migrateToLatest } from '../migrate.ts';
import { testDatabaseUrl } from './config.ts';

export { testDatabaseUrl };

export interface TestDatabase {
  db: Db;
  /** How to open another connection to the same database (a second server instance). */
  config: DbConfig;
  /** Set on PostgreSQL: the URL of this test's own database. */
  databaseUrl: string | undefined;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database of this test file's own: a new PostgreSQL database when
 * DATABASE_URL is set, else an in-memory PGlite.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testDatabaseUrl === undefined) {
    const db = createDb({});
    await migrateOrThrow(db);
    return { db, config: {}, databaseUrl: undefined, destroy: () => db.destroy() };
  }

  const adminUrl = testDatabaseUrl;
  const name = `budget_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const config: DbConfig = { databaseUrl, poolMax: 20 };
  const db = createDb(config);
  await migrateOrThrow(db);
  return {
    db,
    config,
    databaseUrl,
    destroy: async () => {
      await db.destroy();
      await adminQuery(adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

async function migrateOrThrow(db: Db): Promise<void> {
  const { error } = await migrateToLatest(db);
  if (error !== undefined)
    throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
}

async function adminQuery(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
