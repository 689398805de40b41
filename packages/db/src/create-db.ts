import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import {
  CamelCasePlugin,
  Kysely,
  PGliteDialect,
  type PGliteDialectConfig,
  PostgresDialect,
  type Dialect,
  type Driver,
  type KyselyConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { preparingPool } from './prepared-statements.ts';
import {
  BPCHAR_OID,
  DATE_OID,
  INT8_OID,
  keepText,
  parseInt8,
  trimPadding,
} from './type-parsers.ts';
import { SerializedDriver } from './serialized-driver.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';

interface PostgresConfig {
  /** PostgreSQL connection string: a `pg` Pool. */
  databaseUrl: string;
  poolMax?: number;
  /** Cancels any statement running longer (the server's requests); none by default. */
  statementTimeoutMs?: number;
  /** Called for errors on idle or checked-out connections instead of crashing the process. */
  onConnectionError?: (error: Error) => void;
}

/** Kysely's log: every query the handle runs, with its SQL and values (tests read them). */
type QueryLog = Pick<KyselyConfig, 'log'>;

export type DbConfig = QueryLog &
  (
    | PostgresConfig
    | {
        databaseUrl?: undefined;
        /**
         * Folder that holds the embedded database; omit for an in-memory one. Only one process may
         * open it: the first query locks it (DataDirInUseError for a second process), destroy()
         * and the process's exit unlock it.
         */
        dataDir?: string;
        /** Who opens the folder, named in the refusal another process gets: `the server` … */
        holder?: string;
      }
  );

export type Db = Kysely<Database>;
/** A database transaction: what a service hands to the steps that must commit together. */
export type Trx = Transaction<Database>;

const ignore = (): void => undefined;

export function createDb(config: DbConfig): Db {
  const dialect =
    config.databaseUrl === undefined
      ? createPgliteDialect(config.dataDir, config.holder)
      : createPostgresDialect(config);
  return new Kysely<Database>({
    dialect,
    plugins: [new CamelCasePlugin()],
    ...(config.log === undefined ? {} : { log: config.log }),
  });
}

function createPostgresDialect({
  databaseUrl: connectionString,
  poolMax: max = 10,
  statementTimeoutMs,
  onConnectionError = ignore,
}: PostgresConfig): Dialect {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  types.setTypeParser(DATE_OID, keepText);
  types.setTypeParser(BPCHAR_OID, trimPadding);
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    ...(statementTimeoutMs === undefined ? {} : { statement_timeout: statementTimeoutMs }),
    types,
  });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => {
    client.on('error', onConnectionError);
  });
  return new PostgresDialect({ pool: preparingPool(pool) });
}

function createPgliteDialect(
  dataDir: string | undefined,
  holder = `node ${path.basename(process.argv[1] ?? 'process')}`,
): Dialect {
  if (dataDir === undefined) return new SerializedPGliteDialect({ pglite: () => openPglite() });

  const location = path.join(dataDir, 'pglite');
  let lock: DataDirLock | undefined;
  return new SerializedPGliteDialect(
    {
      // Kysely calls this on the first query: the lock is taken right before PGlite opens the folder.
      pglite: () => {
        lock = lockDataDir(dataDir, holder);
        mkdirSync(location, { recursive: true });
        return openPglite(location);
      },
    },
    () => lock?.release(),
  );
}

/** PGlite is loaded only when used: a server on PostgreSQL does not carry it. */
async function openPglite(dataDir?: string): Promise<PGlite> {
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
  ]);
  const options: PGliteOptions = {
    parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepText, [BPCHAR_OID]: trimPadding },
    extensions: { pg_trgm },
    ...(dataDir === undefined ? {} : { dataDir }),
  };
  return new PGlite(options);
}

class SerializedPGliteDialect extends PGliteDialect {
  readonly #afterDestroy: () => void;

  constructor(config: PGliteDialectConfig, afterDestroy: () => void = ignore) {
    super(config);
    this.#afterDestroy = afterDestroy;
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    if (!supportsSavepoints(driver)) throw new Error('The PGlite driver lacks savepoints');
    return new SerializedDriver(driver, this.#afterDestroy);
  }
}

function supportsSavepoints(driver: Driver): driver is Required<Driver> {
  return (
    driver.savepoint !== undefined &&
    driver.rollbackToSavepoint !== undefined &&
    driver.releaseSavepoint !== undefined
  );
}
