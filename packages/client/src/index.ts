export {
  createBudgetClient,
  type BudgetClient,
  type BudgetClientOptions,
} from './create-budget-client.ts';
export {
  exportTransactionsUrl,
  fetchTransactionsCsv,
  type ExportTransactionsParams,
  type FetchTransactionsCsvOptions,
} from './export-transactions.ts';
export { isBudgetClientError, isUnauthorized, type BudgetClientError } from './errors.ts';
export { inputErrorsOf, type InputErrors } from './input-errors.ts';
export type { CredentialsOption, HeadersOption } from './http-transport.ts';
export type { SessionEndReason } from './token-session.ts';
export { memoryTokenStore, type StoredTokens, type TokenStore } from './token-store.ts';
export { webStorageTokenStore, type KeyValueStorage } from './web-storage-token-store.ts';
export type * from './api-types.ts';
