// Operator scripts' entry point (`@budget/api/admin`): services that manage users as a whole, and
// `actAs` to run any domain service as one user. Kept apart from the root entry, where frontends'
// types come from.
export type { Actor } from './actor.ts';
export type { Operator } from './operator.ts';
export {
  actAs,
  createUser,
  deleteUser,
  findUser,
  listUsers,
  resetPassword,
  setUserDisabled,
  type AdminUser,
  type DeletedUser,
  type NewUser,
  type UserCursor,
  type UserSelector,
} from './services/admin/users.ts';
export {
  importTransactions,
  type ImportedTransaction,
  type ImportOptions,
} from './services/admin/bulk-import.ts';
export {
  exportUserData,
  USER_EXPORT_FORMAT,
  USER_EXPORT_VERSION,
  type UserExportOptions,
} from './services/admin/user-export.ts';
export {
  IDEMPOTENCY_KEY_RETENTION_HOURS,
  PRUNE_LOCK_ID,
  pruneExpired,
  type PruneCounts,
  type PruneOptions,
  type PruneResult,
} from './services/admin/prune-expired.ts';
export * as accounts from './services/ledger/accounts.ts';
export * as categories from './services/ledger/categories.ts';
export * as transactions from './services/ledger/transactions.ts';
export * as budgets from './services/planning/budgets.ts';
export * as recurring from './services/planning/recurring.ts';
export {
  RECURRING_LOCK_ID,
  runDueRecurring,
  type RecurringRunOptions,
  type RecurringRunResult,
} from './services/planning/recurring-runner.ts';
