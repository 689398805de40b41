import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  authSettingsFromEnv,
  ConfigError,
  defaultRateLimits,
  userInFlightLimitFromEnv,
  userRateLimitFromEnv,
  type ApiDeps,
} from '@budget/api';
import { createDb, DataDirInUseError, migrateToLatest } from '@budget/db';
import closeWithGrace from 'close-with-grace';
import { buildServer } from './build-server.ts';
import { loadConfig } from './config.ts';
import { startRecurringScheduler, type RecurringScheduler } from './recurring-scheduler.ts';
import { createLogger } from './logger.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as { version: string };

async function main(): Promise<void> {
  const { api, server, jwtSecret } = loadConfig();
  const production = api.NODE_ENV === 'production';
  const embedded = api.DATABASE_URL === undefined;

  const logger = createLogger({ level: server.LOG_LEVEL });
  const db =
    api.DATABASE_URL === undefined
      ? createDb({ dataDir: api.DATA_DIR, holder: 'the server' })
      : createDb({
          databaseUrl: api.DATABASE_URL,
          poolMax: api.DB_POOL_MAX,
          // One user's heavy request cannot hold a connection for long (SPEC §3, fairness).
          statementTimeoutMs: 10_000,
          onConnectionError: (error) => {
            logger.warn({ err: error }, 'database connection error');
          },
        });
  const deps: ApiDeps = {
    db,
    auth: authSettingsFromEnv(api, jwtSecret),
    rateLimits: defaultRateLimits,
    userRateLimit: userRateLimitFromEnv(api),
    userInFlightLimit: userInFlightLimitFromEnv(api),
    version,
    exposeInternalErrors: !production,
    logger,
  };
  const app = await buildServer({
    deps,
    corsOrigins: server.CORS_ORIGINS,
    secureCookies: production,
    trustProxy: server.TRUST_PROXY,
    logger,
    // From src/ (tsx) and from dist/ (the bundle) alike: apps/web/dist.
    webAppRoot: fileURLToPath(new URL('../../web/dist/', import.meta.url)),
  });
  const jobs: { scheduler?: RecurringScheduler } = {};
  app.addHook('onClose', async () => {
    // A run in progress finishes before the database goes.
    await jobs.scheduler?.stop();
    await db.destroy();
  });

  // In production against PostgreSQL, `budget-admin migrate` applies migrations before deploys.
  if (embedded || !production) {
    const { error, results } = await migrateToLatest(db);
    if (error !== undefined) {
      throw error instanceof Error ? error : new Error('Migration failed', { cause: error });
    }
    for (const result of results ?? []) {
      logger.info({ migration: result.migrationName, status: result.status }, 'migration applied');
    }
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err !== undefined) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
  });

  await app.listen({ host: server.HOST, port: server.PORT });
  jobs.scheduler = startRecurringScheduler({ db, log: logger, useAdvisoryLock: !embedded });
  logger.info({ database: embedded ? `PGlite in ${api.DATA_DIR}` : 'PostgreSQL' }, 'ready');
}

main().catch((error: unknown) => {
  const detail = error instanceof Error ? (error.stack ?? error.message) : JSON.stringify(error);
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof DataDirInUseError ? error.message : `Failed to start: ${detail}`}\n`,
  );
  process.exit(1);
});
