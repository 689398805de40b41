export {
  appRouter,
  createCaller,
  type AppRouter,
  type RouterInputs,
  type RouterOutputs,
} from './root.ts';
export { createContext, type Context, type RefreshCookie, type RequestInfo } from './context.ts';
export {
  authSettingsFromEnv,
  defaultRateLimits,
  silentLogger,
  type ApiDeps,
  type AuthSettings,
  type Logger,
  type RateLimitRule,
  type RateLimitSettings,
} from './deps.ts';
export { ConfigError, parseEnv, type Env } from './config.ts';
export type { Session, User } from './schemas/auth.ts';
export { setUserDisabled } from './services/user-admin.ts';
