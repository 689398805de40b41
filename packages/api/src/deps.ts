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
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitSettings {
  loginPerClient: RateLimitRule;
  loginPerEmail: RateLimitRule;
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

export interface ApiDeps {
  db: Db;
  auth: AuthSettings;
  rateLimits: RateLimitSettings;
  version: string;
  /** Shows the real message of unexpected errors; never in production. */
  exposeInternalErrors: boolean;
  logger: Logger;
}

export const defaultRateLimits: RateLimitSettings = {
  loginPerClient: { limit: 50, windowSeconds: 15 * 60 },
  loginPerEmail: { limit: 10, windowSeconds: 15 * 60 },
  registerPerClient: { limit: 10, windowSeconds: 60 * 60 },
  registerPerEmail: { limit: 5, windowSeconds: 60 * 60 },
  refreshPerClient: { limit: 300, windowSeconds: 15 * 60 },
  passwordCheckPerUser: { limit: 10, windowSeconds: 15 * 60 },
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
  };
}
