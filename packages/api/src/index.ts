export {
  appRouter,
  createCaller,
  type AppRouter,
  type RouterInputs,
  type RouterOutputs,
} from './root.ts';
export { DATABASE_RETRY_AFTER_SECONDS, RetryAfter } from './errors.ts';
export { createContext, type Context, type RefreshCookie, type RequestInfo } from './context.ts';
export {
  authSettingsFromEnv,
  defaultRateLimits,
  silentLogger,
  userInFlightLimitFromEnv,
  userRateLimitFromEnv,
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
export type { Transaction, TransactionKind, TransactionSort } from './schemas/transactions.ts';
export type { Budget, BudgetProgress } from './schemas/budgets.ts';
export type { CurrencySummary, CurrencyTrend } from './schemas/reports.ts';
export type { RecurringRule, UpcomingOccurrence } from './schemas/recurring.ts';
export type { CsvMapping, ImportPreview, ImportResult, ImportRow } from './schemas/imports.ts';
export { authenticate, type Authenticated } from './services/auth/authenticate.ts';
export { admitUserCall, paidPages } from './services/system/user-fairness.ts';
export { EXPORT_COST } from './services/system/request-costs.ts';
export type { Actor } from './actor.ts';
export { exportTransactionsCsv } from './services/ledger/transaction-export.ts';
export { exportTransactionsQuery, type ExportTransactionsQuery } from './schemas/exports.ts';
export { formatMinorUnits, minorUnitDigits } from './services/ledger/currency-digits.ts';
