import type { Db } from '@budget/db';
import type { Env } from './config.ts';

export interface AuthSettings {
  jwtSecret: Uint8Array;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** No login outlives this, however often it is refreshed. */
  sessionMaxAgeSeconds: number;
  /**
   * A rotated refresh token presented again this soon after its rotation (two tabs, a retry
   * after a lost response) still refreshes the same login; later, it revokes the login.
   */
  refreshReuseGraceSeconds: number;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitSettings {
  /** Every login attempt from one client, whatever the email. */
  loginPerClient: RateLimitRule;
  /**
   * Failed logins for one email from anywhere: a high ceiling that only slows a distributed
   * attack, so failures from one client cannot lock the owner out from another.
   */
  loginPerEmail: RateLimitRule;
  /** Failed logins for one email from one client. Defaults to `defaultRateLimits`'. */
  loginPerEmailAndClient?: RateLimitRule;
  registerPerClient: RateLimitRule;
  registerPerEmail: RateLimitRule;
  refreshPerClient: RateLimitRule;
  /** Password confirmations (changePassword, deleteAccount) by a signed-in user. */
  passwordCheckPerUser: RateLimitRule;
}

/** The pino-compatible subset the API logs through. */
export interface Logger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

/** Authenticated requests per user: a token bucket refilled at `perSecond`, holding `burst`. */
export interface UserRateLimit {
  /** 0 turns the limit off (e.g. for load tests). */
  perSecond: number;
  burst: number;
}

/**
 * Authenticated calls per user running at once in one process: `concurrent` run, up to `queue`
 * more wait at most `maxWaitMs` for a slot, the rest get TOO_MANY_REQUESTS.
 */
export interface UserInFlightLimit {
  /** 0 turns the limit off (e.g. for load tests). */
  concurrent: number;
  queue: number;
  maxWaitMs: number;
}

export interface ApiDeps {
  db: Db;
  /** Per-user request rate limit on authenticated procedures; `defaultUserRateLimit` if absent. */
  userRateLimit?: UserRateLimit;
  /** Per-user concurrency cap on authenticated calls; `defaultUserInFlightLimit` if absent. */
  userInFlightLimit?: UserInFlightLimit;
  auth: AuthSettings;
  rateLimits: RateLimitSettings;
  version: string;
  /** Shows the real message of unexpected errors; never in production. */
  exposeInternalErrors: boolean;
  logger: Logger;
}

export const defaultRateLimits: Required<RateLimitSettings> = {
  loginPerClient: { limit: 50, windowSeconds: 15 * 60 },
  loginPerEmail: { limit: 100, windowSeconds: 15 * 60 },
  loginPerEmailAndClient: { limit: 10, windowSeconds: 15 * 60 },
  registerPerClient: { limit: 10, windowSeconds: 60 * 60 },
  registerPerEmail: { limit: 5, windowSeconds: 60 * 60 },
  refreshPerClient: { limit: 300, windowSeconds: 15 * 60 },
  passwordCheckPerUser: { limit: 10, windowSeconds: 15 * 60 },
};

export const defaultUserRateLimit: UserRateLimit = { perSecond: 20, burst: 40 };

export const defaultUserInFlightLimit: UserInFlightLimit = {
  concurrent: 2,
  queue: 8,
  maxWaitMs: 2_000,
};

const ignore = (): void => undefined;
export const silentLogger: Logger = { info: ignore, warn: ignore, error: ignore };

export function authSettingsFromEnv(env: Env, jwtSecret: Uint8Array): AuthSettings {
  return {
    jwtSecret,
    issuer: 'budget-tracker',
    audience: 'budget-tracker-api',
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL,
    sessionMaxAgeSeconds: env.SESSION_MAX_AGE,
    refreshReuseGraceSeconds: env.REFRESH_REUSE_GRACE,
  };
}

/** USER_RATE_LIMIT points per second per user, with bursts of twice that; 0 is off. */
export function userRateLimitFromEnv(env: Env): UserRateLimit {
  return { perSecond: env.USER_RATE_LIMIT, burst: env.USER_RATE_LIMIT * 2 };
}

/**
 * USER_IN_FLIGHT_LIMIT calls of one user at once, four times that waiting up to 2 s for a slot;
 * 0 is off.
 */
export function userInFlightLimitFromEnv(env: Env): UserInFlightLimit {
  const concurrent = env.USER_IN_FLIGHT_LIMIT;
  return { ...defaultUserInFlightLimit, concurrent, queue: concurrent * 4 };
}
