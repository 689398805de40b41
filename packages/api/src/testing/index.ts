import { randomBytes, randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect } from 'vitest';
import { ZodError } from 'zod';
import type { Db } from '@budget/db';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { createContext, type RequestInfo } from '../context.ts';
import { defaultRateLimits, silentLogger, type ApiDeps, type RateLimitSettings } from '../deps.ts';
import { createCaller } from '../root.ts';
import type { Session } from '../schemas/auth.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Deps for tests: a random signing secret, generous rate limits (so tests that sign up many
 * users never need to empty rate_limits), no per-user request limit, no logging.
 */
export function createTestDeps(db: Db, overrides: Partial<ApiDeps> = {}): ApiDeps {
  const generous = { limit: 10_000, windowSeconds: 60 };
  const rateLimits = Object.fromEntries(
    Object.keys(defaultRateLimits).map((name) => [name, generous]),
  ) as unknown as RateLimitSettings;
  return {
    db,
    auth: {
      jwtSecret: randomBytes(32),
      issuer: 'budget-tracker',
      audience: 'budget-tracker-api',
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 3600,
      sessionMaxAgeSeconds: 86_400,
      // No grace unless a test asks for one: replaying a rotated token revokes at once.
      refreshReuseGraceSeconds: 0,
    },
    // Off: tests that need many calls per user set their own limits.
    userRateLimit: { perSecond: 0, burst: 0 },
    userInFlightLimit: { concurrent: 0, queue: 0, maxWaitMs: 0 },
    rateLimits,
    version: 'test',
    exposeInternalErrors: true,
    logger: silentLogger,
    ...overrides,
  };
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID()}@example.test`;
}

/** A caller as an anonymous client, or signed in with `accessToken`. */
export function callerFor(deps: ApiDeps, accessToken?: string, request: Partial<RequestInfo> = {}) {
  return createCaller(
    createContext(deps, {
      ...request,
      authorization: accessToken === undefined ? null : `Bearer ${accessToken}`,
    }),
  );
}

/** Registers a fresh user and returns their session and a signed-in caller. */
export async function signUp(deps: ApiDeps, label = 'user') {
  const email = uniqueEmail(label);
  const session: Session = await callerFor(deps).auth.register({ email, password: TEST_PASSWORD });
  return { email, password: TEST_PASSWORD, session, caller: callerFor(deps, session.accessToken) };
}

/** Expects BAD_REQUEST from input validation; returns the fields it names (unknown keys too). */
export async function invalidFields(call: Promise<unknown>): Promise<string[]> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toMatchObject({ code: 'BAD_REQUEST' });
  const cause = error instanceof TRPCError ? error.cause : undefined;
  if (!(cause instanceof ZodError)) {
    throw new Error('Expected a validation error', { cause: error });
  }
  return cause.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0])],
  );
}

/**
 * A signed-up user (currency USD) with USD checking and savings accounts, a EUR cash account,
 * two expense categories (Food, Fun) and an income category (Wages).
 */
export async function signUpWithLedger(deps: ApiDeps, label = 'user') {
  const user = await signUp(deps, label);
  const { caller } = user;
  const checking = await caller.accounts.create({
    name: 'Checking',
    type: 'checking',
    currency: 'USD',
  });
  const savings = await caller.accounts.create({
    name: 'Savings',
    type: 'savings',
    currency: 'USD',
  });
  const euros = await caller.accounts.create({ name: 'Euros', type: 'cash', currency: 'EUR' });
  const food = await caller.categories.create({ name: 'Food', kind: 'expense' });
  const fun = await caller.categories.create({ name: 'Fun', kind: 'expense' });
  const wages = await caller.categories.create({ name: 'Wages', kind: 'income' });
  return { ...user, checking, savings, euros, food, fun, wages };
}

/** What `useTestApi()` hands a test file: its database, deps and ways to get callers. */
export interface TestApi {
  readonly deps: ApiDeps;
  readonly db: Db;
  readonly testDb: TestDatabase;
  /** A caller without a token. */
  anonymous(): ReturnType<typeof callerFor>;
  signUp(label?: string): ReturnType<typeof signUp>;
  signUpWithLedger(label?: string): ReturnType<typeof signUpWithLedger>;
}

/**
 * The test kit: an isolated database (PostgreSQL in CI, else PGlite) and test deps, created
 * before the tests of the file or describe block that calls it and dropped after them.
 * `const api = useTestApi();` then `const { caller } = await api.signUp();` inside a test.
 */
export function useTestApi(overrides: Partial<ApiDeps> = {}): TestApi {
  let testDb: TestDatabase | undefined;
  let deps: ApiDeps | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    deps = createTestDeps(testDb.db, overrides);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  const ready = (): { deps: ApiDeps; testDb: TestDatabase } => {
    if (deps === undefined || testDb === undefined) {
      throw new Error('useTestApi: the database is created in beforeAll; use it inside a test');
    }
    return { deps, testDb };
  };
  return {
    get deps() {
      return ready().deps;
    },
    get db() {
      return ready().deps.db;
    },
    get testDb() {
      return ready().testDb;
    },
    anonymous: () => callerFor(ready().deps),
    signUp: (label) => signUp(ready().deps, label),
    signUpWithLedger: (label) => signUpWithLedger(ready().deps, label),
  };
}
