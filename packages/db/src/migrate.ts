import { sql } from 'kysely';
import { Migrator, type MigrationResultSet } from 'kysely/migration';
import { migrations } from '../migrations/index.ts';
import type { Db } from './create-db.ts';
import { isUndefinedTable } from './pg-errors.ts';

function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
}

/** Applies every pending migration. Kysely takes a lock, so several instances may run it at once. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return createMigrator(db).migrateToLatest();
}

export interface MigrationState {
  name: string;
  executedAt: Date | null;
}

export async function getMigrationStatus(db: Db): Promise<MigrationState[]> {
  const infos = await createMigrator(db).getMigrations();
  return infos.map((info) => ({ name: info.name, executedAt: info.executedAt ?? null }));
}

export type DatabaseState = 'ready' | 'unreachable' | 'migrations_pending';

/** For readiness probes: one cheap round trip. */
export async function checkDatabase(db: Db): Promise<DatabaseState> {
  try {
    const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const names = new Set(applied.rows.map((row) => row.name));
    return Object.keys(migrations).every((name) => names.has(name))
      ? 'ready'
      : 'migrations_pending';
  } catch (error) {
    if (isUndefinedTable(error)) return 'migrations_pending';
    return 'unreachable';
  }
}
