import type { AddressInfo } from 'node:net';
import type { ApiDeps, AuthSettings } from '@budget/api';
import { createTestDeps } from '@budget/api/testing';
import { createTestDatabase } from '@budget/db/testing';

export interface ApiServer {
  /** The tRPC endpoint, e.g. `http://127.0.0.1:54321/trpc`. */
  url: string;
  deps: ApiDeps;
  close(): Promise<void>;
}

/**
 * The real server on a port of its own, over an isolated database (PostgreSQL when
 * DATABASE_URL is set, else PGlite).
 */
export async function startApiServer(auth: Partial<AuthSettings> = {}): Promise<ApiServer> {
  // The app is loaded only here, when a test asks for a server: the client package's own
  // modules never depend on the server app.
  const { buildServer } = await import('@budget/server');
  const testDb = await createTestDatabase();
  const testDeps = createTestDeps(testDb.db);
  const deps: ApiDeps = { ...testDeps, auth: { ...testDeps.auth, ...auth } };
  const app = await buildServer({ deps, corsOrigins: [], secureCookies: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/trpc`,
    deps,
    async close() {
      await app.close();
      await testDb.destroy();
    },
  };
}
