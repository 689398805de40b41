/**
 * The API's types, imported as types only: a client bundle never contains server code.
 * They come from the root router, the one source of the API's shape.
 */
export type {
  AppRouter,
  RouterInputs,
  RouterOutputs,
  Session,
  User,
  Account,
  Category,
  Transaction,
  TransactionKind,
  TransactionSort,
  Budget,
  BudgetProgress,
  CurrencySummary,
  CurrencyTrend,
} from '@budget/api';
