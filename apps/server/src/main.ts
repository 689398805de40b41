import { readFileSync } from 'node:fs';
import {
  authSettingsFromEnv,
  ConfigError,
  defaultRateLimits,
  silentLogger,
  type ApiDeps,
  type Logger,
} from '@budget/api';
import { createDb, DataDirInUseError, migrateToLatest } from '@budget/db';
import closeWithGrace from 'close-with-grace';
import { buildServer, logRedactions } from './build-server.ts';
import { loadConfig } from './config.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

async function main(): Promise<void> {
  const { env, jwtSecret } = loadConfig();
  const production = env.NODE_ENV === 'production';
  const embedded = env.DATABASE_URL === undefined;

  // The pool exists before the server (and its logger); connection errors are logged once it does.
  const log: { current: Logger } = { current: silentLogger };
  const db =
    env.DATABASE_URL === undefined
      ? createDb({ dataDir: env.DATA_DIR, holder: 'the server' })
      : createDb({
          databaseUrl: env.DATABASE_URL,
          poolMax: env.DB_POOL_MAX,
          onConnectionError: (error) => {
            log.current.warn({ err: error }, 'database connection error');
          },
        });
  const deps: ApiDeps = {
    db,
    auth: authSettingsFromEnv(env, jwtSecret),
    rateLimits: defaultRateLimits,
    version,
    exposeInternalErrors: !production,
    logger: silentLogger,
  };
  const app = await buildServer({
    deps,
    corsOrigins: env.CORS_ORIGINS,
    secureCookies: production,
    trustProxy: env.TRUST_PROXY,
    logger: { level: env.LOG_LEVEL, redact: logRedactions },
  });
  log.current = app.log;
  deps.logger = app.log;
  app.addHook('onClose', async () => {
    await db.destroy();
  });

  // In production against PostgreSQL, `budget-admin migrate` applies migrations before deploys.
  if (embedded || !production) {
    const { error, results } = await migrateToLatest(db);
    if (error !== undefined) {
      throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
    }
    for (const result of results ?? []) {
      app.log.info({ migration: result.migrationName, status: result.status }, 'migration applied');
    }
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err !== undefined) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ host: env.HOST, port: env.PORT });
  app.log.info({ database: embedded ? `PGlite in ${env.DATA_DIR}` : 'PostgreSQL' }, 'ready');
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : `Failed to start: ${detail}`}\n`,
  );
  process.exit(1);
});
