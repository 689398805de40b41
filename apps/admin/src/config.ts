import { parseEnv, type Env } from '@budget/api';
import type { DbConfig } from '@budget/db';

export interface AdminConfig {
  env: Env;
  /** PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR (as the server does). */
  db: DbConfig;
  /**
   * Where relative file paths (`--out`) resolve: the directory the command was started from.
   * The root `pnpm admin` script runs in apps/server (for DATA_DIR); pnpm passes the caller's
   * directory as INIT_CWD.
   */
  callerDir: string;
}

/** The one place the admin CLI reads process.env. Throws ConfigError naming each bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AdminConfig {
  const env = parseEnv(source);
  const db: DbConfig =
    env.DATABASE_URL === undefined
      ? { dataDir: env.DATA_DIR }
      : { databaseUrl: env.DATABASE_URL, poolMax: env.DB_POOL_MAX };
  const initCwd = source.INIT_CWD?.trim() ?? '';
  return { env, db, callerDir: initCwd === '' ? process.cwd() : initCwd };
}
