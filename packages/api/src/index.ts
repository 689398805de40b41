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
export {
  API_ENV_KEYS,
  apiEnvSchema,
  ConfigError,
  parseEnv,
  parseEnvSchemas,
  type Env,
} from './config.ts';
export type { Account } from './schemas/accounts.ts';
export type { Session, User } from './schemas/auth.ts';
export type { Category } from './schemas/categories.ts';
export { setUserDisabled } from './services/user-admin.ts';
export {
  createUser,
  deleteUser,
  findUser,
  listUsers,
  resetPassword,
  type AdminUser,
  type DeletedUser,
  type NewUser,
  type UserCursor,
  type UserSelector,
} from './services/user-admin.ts';
export {
  importTransactions,
  type ImportedTransaction,
  type ImportOptions,
} from './services/user-admin-import.ts';
export {
  exportUserData,
  USER_EXPORT_FORMAT,
  USER_EXPORT_VERSION,
  type UserExportOptions,
} from './services/user-admin-export.ts';
export {
  IDEMPOTENCY_KEY_RETENTION_HOURS,
  PRUNE_LOCK_ID,
  pruneExpired,
  type PruneCounts,
  type PruneOptions,
  type PruneResult,
} from './services/user-admin-prune.ts';
export type { Transaction, TransactionKind, TransactionSort } from './schemas/transactions.ts';
export type { Budget, BudgetProgress } from './schemas/budgets.ts';
export type { CurrencySummary, CurrencyTrend } from './schemas/reports.ts';
