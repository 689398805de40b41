import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  passwordHash: string;
  displayName: string;
  currency: string;
  /** IANA time zone name; "today" for the user's budgets and recurring entries. */
  timeZone: Generated<string>;
  disabledAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** One sign-in: the family of refresh tokens that rotate from it. */
export interface LoginsTable {
  ownerId: string;
  id: Generated<string>;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  lastUsedAt: Generated<Date>;
  revokedAt: NullableTimestamp;
  revokedReason: string | null;
  userAgent: string | null;
  ipAddress: string | null;
}

export interface RefreshTokensTable {
  ownerId: string;
  tokenHash: string;
  loginId: string;
  issuedAt: Generated<Date>;
  expiresAt: Timestamp;
  rotatedAt: NullableTimestamp;
}

export interface RateLimitsTable {
  key: string;
  windowStartedAt: Timestamp;
  hits: number;
}

export type AccountType =
  'checking' | 'savings' | 'credit_card' | 'cash' | 'investment' | 'loan' | 'other';

export interface AccountsTable {
  ownerId: string;
  id: Generated<string>;
  name: string;
  type: AccountType;
  currency: string;
  /** Minor units. */
  openingBalance: Generated<number>;
  /** Minor units: opening balance plus every transaction, kept in step by each ledger write. */
  balance: number;
  archivedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type CategoryKind = 'income' | 'expense';

export interface CategoriesTable {
  ownerId: string;
  id: Generated<string>;
  name: string;
  kind: CategoryKind;
  color: string | null;
  archivedAt: NullableTimestamp;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** A calendar date travels as 'YYYY-MM-DD' text in both directions. */
type CalendarDate = ColumnType<string, string, string>;

export interface TransactionsTable {
  ownerId: string;
  id: Generated<string>;
  accountId: string;
  /** Always the account's currency (enforced by a composite foreign key). */
  currency: string;
  categoryId: string | null;
  /** Signed minor units: negative leaves the account, positive enters it. Never 0. */
  amount: number;
  occurredOn: CalendarDate;
  payee: string | null;
  note: string | null;
  transferId: string | null;
  /** The recurring rule that made this row, else null. */
  recurringId: ColumnType<string | null, string | null | undefined, string | null>;
  /** The CSV import that made this row, else null. */
  importId: ColumnType<string | null, string | null | undefined, string | null>;
  /** An imported row's fingerprint within its account (unique), else null. */
  importKey: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export type RecurringFrequency = 'daily' | 'weekly' | 'monthly' | 'yearly';

export interface RecurringRulesTable {
  ownerId: string;
  id: Generated<string>;
  accountId: string;
  /** Set for a transfer rule: each occurrence moves `amount` from accountId to here. */
  toAccountId: string | null;
  currency: string;
  categoryId: string | null;
  /** Signed minor units (positive for transfers). */
  amount: number;
  payee: string | null;
  note: string | null;
  frequency: RecurringFrequency;
  interval: number;
  startsOn: CalendarDate;
  endsOn: ColumnType<string | null, string | null | undefined, string | null>;
  /** The first occurrence not yet made; null once the rule has ended. */
  nextOn: ColumnType<string | null, string | null | undefined, string | null>;
  paused: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** One occurrence of a rule that must not be made. */
export interface RecurringSkipsTable {
  ownerId: string;
  ruleId: string;
  skippedOn: CalendarDate;
}

/** One occurrence of a rule that was made: its key is what makes each occurrence happen once. */
export interface RecurringOccurrencesTable {
  ownerId: string;
  ruleId: string;
  occursOn: CalendarDate;
  createdAt: Generated<Date>;
}

export interface ImportsTable {
  ownerId: string;
  id: Generated<string>;
  accountId: string;
  imported: number;
  duplicates: number;
  errors: number;
  createdAt: Generated<Date>;
}

export interface IdempotencyKeysTable {
  ownerId: string;
  key: string;
  operation: string;
  requestHash: string;
  response: ColumnType<unknown, string | null, string | null>;
  createdAt: Generated<Date>;
}

export type BudgetPeriod = 'weekly' | 'monthly' | 'yearly';

export interface BudgetsTable {
  ownerId: string;
  id: Generated<string>;
  categoryId: string;
  /** Always 'expense': part of the key that ties a budget to an expense category. */
  categoryKind: Generated<'expense'>;
  /** Minor units per period, in `currency`. */
  amount: number;
  currency: string;
  period: BudgetPeriod;
  startsOn: CalendarDate;
  endsOn: ColumnType<string | null, string | null | undefined, string | null>;
  rollover: Generated<boolean>;
  alertThreshold: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** Per owner, currency, category and day: money in and out, excluding transfers. */
export interface LedgerDailyTotalsTable {
  ownerId: string;
  currency: string;
  /** The category id, or UNCATEGORIZED_KEY. */
  categoryKey: string;
  occurredOn: CalendarDate;
  /** Sum of positive amounts (≥ 0). */
  inflow: number;
  /** Sum of negative amounts (≤ 0). */
  outflow: number;
  inflowEntries: number;
  outflowEntries: number;
}

/** The daily totals summed per calendar month. */
export interface LedgerMonthlyTotalsTable {
  ownerId: string;
  currency: string;
  categoryKey: string;
  /** The first day of the month. */
  monthStart: CalendarDate;
  inflow: number;
  outflow: number;
  inflowEntries: number;
  outflowEntries: number;
}

/**
 * Per owner and currency, the money moved outside transfers (inflow + |outflow|); its CHECK
 * bounds what any report or budget figure can add up to.
 */
export interface LedgerCurrencyTotalsTable {
  ownerId: string;
  currency: string;
  gross: number;
}

export const UNCATEGORIZED_KEY = '00000000-0000-0000-0000-000000000000';

export interface CommitBarriersTable {
  slot: number;
  commits: Generated<number>;
}

export interface Database {
  users: UsersTable;
  logins: LoginsTable;
  refreshTokens: RefreshTokensTable;
  rateLimits: RateLimitsTable;
  accounts: AccountsTable;
  categories: CategoriesTable;
  transactions: TransactionsTable;
  idempotencyKeys: IdempotencyKeysTable;
  budgets: BudgetsTable;
  ledgerDailyTotals: LedgerDailyTotalsTable;
  ledgerMonthlyTotals: LedgerMonthlyTotalsTable;
  ledgerCurrencyTotals: LedgerCurrencyTotalsTable;
  recurringRules: RecurringRulesTable;
  recurringSkips: RecurringSkipsTable;
  recurringOccurrences: RecurringOccurrencesTable;
  imports: ImportsTable;
  commitBarriers: CommitBarriersTable;
}

export type UserRow = Selectable<UsersTable>;
export type AccountRow = Selectable<AccountsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type TransactionRow = Selectable<TransactionsTable>;
export type BudgetRow = Selectable<BudgetsTable>;
export type RecurringRuleRow = Selectable<RecurringRulesTable>;
