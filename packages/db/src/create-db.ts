import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  CamelCasePlugin,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type Dialect,
  type Driver,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import {
  BPCHAR_OID,
  DATE_OID,
  INT8_OID,
  keepText,
  parseInt8,
  trimPadding,
} from './type-parsers.ts';
import { SerializedDriver } from './serialized-driver.ts';

export type DbConfig =
  | {
      /** PostgreSQL connection string: a `pg` Pool. */
      databaseUrl: string;
      poolMax?: number;
      /** Called for errors on idle or checked-out connections instead of crashing the process. */
      onConnectionError?: (error: Error) => void;
    }
  | {
      databaseUrl?: undefined;
      /** Folder that holds the embedded database; omit for an in-memory one. */
      dataDir?: string;
    };

export type Db = Kysely<Database>;
/** A database transaction: what a service hands to the steps that must commit together. */
export type Trx = Transaction<Database>;

const ignore = (): void => undefined;

export function createDb(config: DbConfig): Db {
  const dialect =
    config.databaseUrl === undefined
      ? createPgliteDialect(config.dataDir)
      : createPostgresDialect(config.databaseUrl, config.poolMax, config.onConnectionError);
  return new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
}

function createPostgresDialect(
  connectionString: string,
  max = 10,
  onConnectionError: (error: Error) => void = ignore,
): Dialect {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, parseInt8);
  types.setTypeParser(DATE_OID, keepText);
  types.setTypeParser(BPCHAR_OID, trimPadding);
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, types });
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => {
    client.on('error', onConnectionError);
  });
  return new PostgresDialect({ pool });
}

function createPgliteDialect(dataDir: string | undefined): Dialect {
  let location: string | undefined;
  if (dataDir !== undefined) {
    location = path.join(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  return new SerializedPGliteDialect({
    pglite: () =>
      new PGlite({
        ...(location === undefined ? {} : { dataDir: location }),
        parsers: { [INT8_OID]: parseInt8, [DATE_OID]: keepText, [BPCHAR_OID]: trimPadding },
        extensions: { pg_trgm },
      }),
  });
}

class SerializedPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    if (!supportsSavepoints(driver)) throw new Error('The PGlite driver lacks savepoints');
    return new SerializedDriver(driver);
  }
}

function supportsSavepoints(driver: Driver): driver is Required<Driver> {
  return (
    driver.savepoint !== undefined &&
    driver.rollbackToSavepoint !== undefined &&
    driver.releaseSavepoint !== undefined
  );
}
