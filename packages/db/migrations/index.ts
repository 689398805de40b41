import type { Migration } from 'kysely/migration';
import * as createUsers from './2026-11-28T1000_create_users.ts';
import * as createLogins from './2026-11-28T1010_create_logins.ts';
import * as createRateLimits from './2026-11-28T1020_create_rate_limits.ts';
import * as createLedger from './2026-11-28T1100_create_ledger.ts';
import * as createBudgets from './2026-11-28T1200_create_budgets.ts';
import * as createMonthlyTotals from './2026-11-28T1300_create_ledger_monthly_totals.ts';
import * as addUserTimeZone from './2026-11-30T1000_add_user_time_zone.ts';
import * as createRecurringRules from './2026-11-30T1100_create_recurring_rules.ts';
import * as createImports from './2026-11-30T1200_create_imports.ts';
import * as boundMoneyTotals from './2026-11-30T1300_bound_money_totals.ts';
import * as createCommitBarriers from './2026-11-30T1400_create_commit_barriers.ts';

/** Every migration, by name. Listed statically so bundles carry them. */
export const migrations: Record<string, Migration> = {
  '2026-11-28T1000_create_users': createUsers,
  '2026-11-28T1010_create_logins': createLogins,
  '2026-11-28T1020_create_rate_limits': createRateLimits,
  '2026-11-28T1100_create_ledger': createLedger,
  '2026-11-28T1200_create_budgets': createBudgets,
  '2026-11-28T1300_create_ledger_monthly_totals': createMonthlyTotals,
  '2026-11-30T1000_add_user_time_zone': addUserTimeZone,
  '2026-11-30T1100_create_recurring_rules': createRecurringRules,
  '2026-11-30T1200_create_imports': createImports,
  '2026-11-30T1300_bound_money_totals': boundMoneyTotals,
  '2026-11-30T1400_create_commit_barriers': createCommitBarriers,
};
