export { createDb, type Db, type DbConfig, type Trx } from './create-db.ts';
export { DataDirInUseError, LOCK_FILE } from './data-dir-lock.ts';
export { isDatabaseUnavailable } from './database-unavailable.ts';
export {
  checkDatabase,
  getMigrationStatus,
  migrateToLatest,
  type DatabaseState,
  type MigrationState,
} from './migrate.ts';
export {
  isForeignKeyViolation,
  isUndefinedTable,
  isUniqueViolation,
  PG_ERROR,
  pgErrorDetails,
  type PgErrorDetails,
} from './pg-errors.ts';
export type * from './database.ts';
export { UNCATEGORIZED_KEY } from './database.ts';
export { PrecompiledQueries, type Slots } from './precompiled-queries.ts';
export { awaitDurableCommits, commitsAsynchronously } from './commit-barrier.ts';
export { isoFromTimestampText } from './type-parsers.ts';
