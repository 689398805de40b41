import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  CamelCasePlugin,
  Kysely,
  PGliteDialect,
  PostgresDialect,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type QueryCompiler,
} from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { INT8_OID, parseInt8 } from './int8.ts';
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
  onConnectionError: (error: Error) => void = () => {},
): Dialect {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
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
  const inner = new PGliteDialect({
    pglite: () =>
      new PGlite({
        ...(location === undefined ? {} : { dataDir: location }),
        parsers: { [INT8_OID]: parseInt8 },
      }),
  });
  return {
    createAdapter: (): DialectAdapter => inner.createAdapter(),
    createDriver: (): Driver => new SerializedDriver(inner.createDriver()),
    createIntrospector: (db): DatabaseIntrospector => inner.createIntrospector(db),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
  };
}
