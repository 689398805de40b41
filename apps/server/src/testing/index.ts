import type { ApiDeps } from '@budget/api';
import { createTestDeps, TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { createDb, type Db } from '@budget/db';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildServer, type ServerOptions } from '../build-server.ts';

export const TEST_ORIGIN = 'http://localhost:5173';

export interface TestServer {
  app: FastifyInstance;
  deps: ApiDeps;
  testDb: TestDatabase;
  /** Another server instance on the same database, as behind a load balancer. */
  startSibling(overrides?: Partial<ApiDeps>): Promise<FastifyInstance>;
  close(): Promise<void>;
}

type ServerOverrides = Partial<Omit<ServerOptions, 'deps'>> & { deps?: Partial<ApiDeps> };

/** A real server on an isolated database of its own (PostgreSQL in CI, else PGlite). */
export async function startTestServer(overrides: ServerOverrides = {}): Promise<TestServer> {
  const testDb = await createTestDatabase();
  const deps = createTestDeps(testDb.db, overrides.deps);
  const build = (serverDeps: ApiDeps) =>
    buildServer({
      corsOrigins: [TEST_ORIGIN],
      secureCookies: false,
      ...overrides,
      deps: serverDeps,
    });
  const app = await build(deps);
  const siblings: { app: FastifyInstance; db: Db }[] = [];
  return {
    app,
    deps,
    testDb,
    async startSibling(siblingOverrides = {}) {
      if (testDb.databaseUrl === undefined) {
        throw new Error('A second instance needs PostgreSQL: PGlite is single-process');
      }
      const db = createDb(testDb.config);
      const sibling = await build({ ...deps, ...siblingOverrides, db });
      siblings.push({ app: sibling, db });
      return sibling;
    },
    async close() {
      for (const sibling of siblings) {
        await sibling.app.close();
        await sibling.db.destroy();
      }
      await app.close();
      await testDb.destroy();
    },
  };
}

/**
 * The test kit's server: started before the tests of the file (or describe block) that calls
 * it, closed after them. `const server = useTestServer();` and the tests use `server.app`.
 */
export function useTestServer(overrides: ServerOverrides = {}): TestServer {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(overrides);
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): TestServer => {
    if (started === undefined) throw new Error('useTestServer: the server starts in beforeAll');
    return started;
  };
  return {
    get app() {
      return current().app;
    },
    get deps() {
      return current().deps;
    },
    get testDb() {
      return current().testDb;
    },
    startSibling: (siblingOverrides) => current().startSibling(siblingOverrides),
    close: () => current().close(),
  };
}

export interface CallOptions {
  token?: string;
  headers?: Record<string, string>;
}

/** A tRPC mutation over HTTP: POST /trpc/<path> with a JSON body. */
export function mutate(
  app: FastifyInstance,
  path: string,
  input?: unknown,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: {
      'content-type': 'application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    payload: input === undefined ? '' : JSON.stringify(input),
  });
}

/** A tRPC query over HTTP: GET /trpc/<path>?input=<JSON>. */
export function query(
  app: FastifyInstance,
  path: string,
  input?: unknown,
  options: CallOptions = {},
): Promise<LightMyRequestResponse> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return app.inject({
    method: 'GET',
    url: `/trpc/${path}${search}`,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
  });
}

/** The `result.data` of a successful tRPC response; throws with the body otherwise. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the shape they expect
export function dataOf<T = unknown>(response: LightMyRequestResponse): T {
  const body = response.json<{ result?: { data: T } }>();
  if (response.statusCode !== 200 || body.result === undefined) {
    throw new Error(`Expected success, got ${response.statusCode}: ${response.body}`);
  }
  return body.result.data;
}

/** The tRPC error code of a failed response, e.g. 'UNAUTHORIZED'. */
export function errorCodeOf(response: LightMyRequestResponse): string | undefined {
  return response.json<{ error?: { data?: { code?: string } } }>().error?.data?.code;
}

export interface SessionBody {
  user: { id: string; email: string; displayName: string; currency: string; createdAt: string };
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

/** Registers a fresh user over HTTP and returns their session and credentials. */
export async function registerOverHttp(app: FastifyInstance, label = 'user') {
  const email = uniqueEmail(label);
  const session = dataOf<SessionBody>(
    await mutate(app, 'auth.register', { email, password: TEST_PASSWORD }),
  );
  return { email, password: TEST_PASSWORD, session };
}
