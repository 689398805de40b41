import { createServer } from 'node:net';
import { silentLogger, type ApiDeps } from '@budget/api';
import { actAs, importTransactions, type ImportedTransaction } from '@budget/api/admin';
import { callerFor, createTestDeps, TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { createTestDatabase } from '@budget/db/testing';
import { buildServer } from '../../../server/src/build-server.ts';
import { webApp } from '../../../server/src/plugins/web-app.ts';
import { distDir } from './config.ts';

export interface AppServer {
  origin: string;
  deps: ApiDeps;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * The real server (tRPC, cookies, security headers) serving the built web app, on a port of its
 * own over an isolated database: PostgreSQL when DATABASE_URL is set, else PGlite.
 */
export async function startAppServer(): Promise<AppServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const testDb = await createTestDatabase();
  const deps = createTestDeps(testDb.db);
  const app = await buildServer({ deps, corsOrigins: [origin], secureCookies: false });
  await app.register(webApp, { root: distDir });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    origin,
    deps,
    async close() {
      await app.close();
      await testDb.destroy();
    },
  };
}

/** A user registered through the API, with a caller acting as them (another device). */
export async function registerUser(deps: ApiDeps, label = 'web') {
  const email = uniqueEmail(label);
  const session = await callerFor(deps).auth.register({
    email,
    password: TEST_PASSWORD,
    displayName: 'Robin Budget',
    currency: 'USD',
  });
  return { email, password: TEST_PASSWORD, session, api: callerFor(deps, session.accessToken) };
}

/** Loads `rows` into one user's ledger the way admin scripts do, as that user. */
export async function seedTransactions(
  deps: ApiDeps,
  userId: string,
  rows: readonly ImportedTransaction[],
): Promise<void> {
  const actor = await actAs({ db: deps.db, log: silentLogger }, { id: userId });
  await importTransactions(actor, [rows]);
}
